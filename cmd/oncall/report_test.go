package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	sampleTeam     = "../../examples/data/team.json"
	samplePages    = "../../examples/data/pages.csv"
	sampleShifts   = "../../examples/data/shifts.csv"
	sampleRotation = "../../examples/data/rotation.json"
)

func TestReportSampleMonth(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.html")
	var stdout, stderr bytes.Buffer
	code := run([]string{"report", "--team", sampleTeam, "--pages", samplePages, "--shifts", sampleShifts,
		"--rotation", sampleRotation, "--html", out}, strings.NewReader(""), &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if stdout.Len() != 0 {
		t.Error("report wrote to stdout with --html FILE")
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	// The last page is on 1 December 2026, so the default period is November 2026, in the
	// rotation's handoff zone (London).
	if !strings.Contains(html, "On-call review: team payments, November 2026") {
		t.Error("default period is not November 2026")
	}
	// The document is well-formed XML (the report writes XHTML-compatible markup) and
	// fetches nothing.
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
	}
	for _, bad := range []string{"src=\"http", "href=\"http", "<script"} {
		if strings.Contains(html, bad) {
			t.Errorf("report contains %q", bad)
		}
	}
	if n := strings.Count(html, "<svg"); n < 5 {
		t.Errorf("%d pictures, want at least 5", n)
	}
}

func TestReportUsage(t *testing.T) {
	var out, errb bytes.Buffer
	for _, args := range [][]string{
		{"report", "--team", sampleTeam, "--pages", samplePages},                                        // no --html
		{"report", "--team", sampleTeam, "--pages", samplePages, "--html", "-", "--from", "2026-11-01"}, // --from alone
		{"report", "--team", sampleTeam, "--pages", samplePages, "--html", "-", "--from", "2026-11-02", "--to", "2026-11-01"},
		{"report", "--team", sampleTeam, "--pages", samplePages, "--html", "-", "--zone", "Nowhere/Atlantis"},
	} {
		if code := run(args, strings.NewReader(""), &out, &errb); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args[len(args)-2:], code, exitUsage)
		}
	}
}
