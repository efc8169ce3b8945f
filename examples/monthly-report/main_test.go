package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestRun builds the November 2026 review of the sample as CI does: it is titled for the
// month, holds every picture inline, fetches nothing, and comes out the same twice.
func TestRun(t *testing.T) {
	var a, b bytes.Buffer
	if err := run(&a, "2026-11"); err != nil {
		t.Fatal(err)
	}
	if err := run(&b, "2026-11"); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Fatal("the review differs between runs")
	}
	html := a.String()
	if !strings.Contains(html, "On-call review: team payments, November 2026") {
		t.Error("not titled for November 2026")
	}
	if n := strings.Count(html, "<svg"); n < 5 {
		t.Errorf("%d inline pictures, want at least 5", n)
	}
	for _, bad := range []string{"src=\"http", "href=\"http", "<script"} {
		if strings.Contains(html, bad) {
			t.Errorf("review contains %q", bad)
		}
	}
	if err := run(&a, "November"); err == nil {
		t.Error("a malformed month was accepted")
	}
}
