package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestRun runs the program as CI does and checks the story it tells: the sample rota's heaviest
// load is Ben's (18 shifts, as examples/data/README.md reports), and the best hand-over lowers
// the team's maximum. The output is deterministic.
func TestRun(t *testing.T) {
	var a, b bytes.Buffer
	if err := run(&a); err != nil {
		t.Fatal(err)
	}
	if err := run(&b); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Fatal("output differs between runs")
	}
	out := a.String()
	if !strings.Contains(out, "ben.hughes@example.com carries the most: 18 shifts") {
		t.Errorf("unexpected heaviest person:\n%s", out)
	}
	if !strings.Contains(out, "ways to hand it on") {
		t.Errorf("no candidates listed:\n%s", out)
	}
}
