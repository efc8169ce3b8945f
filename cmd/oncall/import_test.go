package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtures are the hand-built vendor exports of the ingest package, and golden its
// normalized tables, each worked out by hand there (see ingest/golden_test.go).
// users maps the fixtures' vendor users as the ingest golden tests do; grafana and
// pagerduty-csv are read leniently there too, as their fixtures hold deliberately bad records.
const (
	fixtures = "../../ingest/testdata"
	users    = "testdata/users.csv"
)

func TestImportMatchesIngestGolden(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		golden string
	}{
		{"pagerduty", []string{"--from", "pagerduty", "--map", users, "--incidents", fixtures + "/pagerduty/incidents", "--log-entries", fixtures + "/pagerduty/log_entries"}, "pagerduty.csv"},
		{"opsgenie", []string{"--from", "opsgenie", "--map", users, fixtures + "/opsgenie/alerts.json"}, "opsgenie.csv"},
		{"grafana", []string{"--from", "grafana", "--lenient", "--map", users, fixtures + "/grafana"}, "grafana.csv"},
		{"analytics", []string{"--from", "pagerduty-analytics", "--zone", "Europe/Berlin", "--map", users, fixtures + "/pagerduty-analytics"}, "pagerduty-analytics.csv"},
		{"pagerduty csv", []string{"--from", "pagerduty-csv", "--zone", "America/New_York", "--lenient", "--map", users, "--header", "On-call (names)=assigned_user_names", fixtures + "/pagerduty-csv"}, "pagerduty-csv.csv"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(append([]string{"import"}, c.args...), strings.NewReader(""), &out, &errb)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			want, err := os.ReadFile(filepath.Join(fixtures, "golden", c.golden))
			if err != nil {
				t.Fatal(err)
			}
			if out.String() != string(want) {
				t.Errorf("output differs from %s:\n%s", c.golden, out.String())
			}
			var sum importSummary
			if err := json.Unmarshal(bytes.TrimSpace(errb.Bytes()), &sum); err != nil {
				t.Fatalf("stderr is not the summary line: %q", errb.String())
			}
			if sum.Read != sum.Accepted+sum.Rejected+sum.Merged+sum.Ignored {
				t.Errorf("counts do not add up: %+v", sum)
			}
		})
	}
}

func TestImportOwnTableRoundTrip(t *testing.T) {
	in, err := os.ReadFile("../../examples/data/pages.csv")
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"import", "--from", "csv", "-"}, bytes.NewReader(in), &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !bytes.Equal(out.Bytes(), in) {
		t.Error("the sample page table does not come back byte for byte")
	}
	var nd bytes.Buffer
	if code := run([]string{"import", "--from", "csv", "--format", "ndjson", "-"}, bytes.NewReader(in), &nd, &errb); code != exitOK {
		t.Fatal(errb.String())
	}
	out.Reset()
	if code := run([]string{"import", "--from", "ndjson", "-"}, &nd, &out, &errb); code != exitOK {
		t.Fatal(errb.String())
	}
	if !bytes.Equal(out.Bytes(), in) {
		t.Error("CSV to NDJSON to CSV is not byte for byte")
	}
}

func TestImportErrors(t *testing.T) {
	bad := "incident_id,service,urgency,responder,role,escalation_level,triggered_at,acknowledged_at,resolved_at\n" +
		"P1,web,,alice,,,2026-01-01T00:00:00Z,,\n" +
		"P2,web,,bob,,,2026-01-01T00:00:00,,\n"

	// Strict: the first bad record stops the import, named by line and field.
	var out, errb bytes.Buffer
	if code := run([]string{"import", "--from", "csv", "-"}, strings.NewReader(bad), &out, &errb); code != exitData {
		t.Fatalf("strict: exit %d, want %d", code, exitData)
	}
	lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
	var e errorJSON
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &e); err != nil {
		t.Fatal(err)
	}
	if e.Line != 3 || e.Field != "triggered_at" {
		t.Errorf("error names line %d field %q, want 3 triggered_at", e.Line, e.Field)
	}
	if out.Len() != 0 {
		t.Error("strict import wrote pages despite the error")
	}

	// Lenient: one page out, the rejection in the report.
	out.Reset()
	errb.Reset()
	report := filepath.Join(t.TempDir(), "report.json")
	if code := run([]string{"import", "--from", "csv", "--lenient", "--report", report, "-"}, strings.NewReader(bad), &out, &errb); code != exitOK {
		t.Fatalf("lenient: exit %d: %s", code, errb.String())
	}
	if n := strings.Count(out.String(), "\n"); n != 2 {
		t.Errorf("lenient output has %d lines, want header + 1 page", n)
	}
	var rep struct {
		importSummary
		Rejections []rejectionJSON `json:"rejections"`
	}
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Read != 2 || rep.Accepted != 1 || rep.Rejected != 1 || len(rep.Rejections) != 1 || rep.Rejections[0].Line != 3 {
		t.Errorf("report %+v", rep)
	}

	// Usage errors.
	for _, args := range [][]string{
		{"import", "--from", "csv"},
		{"import", "--from", "nosuch", "x.csv"},
		{"import", "--from", "pagerduty", "x.json"},
		{"import", "--from", "csv", "--format", "xml", "x.csv"},
		{"import", "--from", "pagerduty-csv", "--header", "Who=nobody", "x.csv"},
	} {
		if code := run(args, strings.NewReader(""), &out, &errb); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	// An unknown zone is a data error, never UTC.
	if code := run([]string{"import", "--from", "pagerduty-csv", "--zone", "Mars/Olympus", fixtures + "/pagerduty-csv"}, strings.NewReader(""), &out, &errb); code != exitData {
		t.Errorf("unknown zone: exit %d, want %d", code, exitData)
	}
}

// TestImportJSONRecordError: a bad record inside a JSON array has no line; the error names
// its file, its index in the array and its vendor ID. The Grafana fixture's page-2.json opens
// with an alert group nobody acknowledged or resolved (see ingest/golden_test.go).
func TestImportJSONRecordError(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"import", "--from", "grafana", "--map", users, fixtures + "/grafana"}, strings.NewReader(""), &out, &errb)
	if code != exitData {
		t.Fatalf("exit %d, want %d: %s", code, exitData, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
	var e errorJSON
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &e); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(e.File, "page-2.json") || e.Record == nil || *e.Record != 0 || e.ID != "INOBODY000003" || e.Field != "acknowledged_by" || e.Line != 0 {
		t.Errorf("error object %+v", e)
	}
}
