package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"testing"

	"github.com/wellrested/oncall"
)

// checkOutcome holds for every reader on every input: no panic (the fuzzer would report
// it), counts that add up, only valid pages, and errors that say where.
func checkOutcome(t *testing.T, pages []oncall.Page, rep Report, err error) {
	t.Helper()
	if rep.Read != rep.Accepted+rep.Rejected+rep.Merged+rep.Ignored || len(rep.Rejections) != rep.Rejected || len(rep.Duplicates) != rep.Merged {
		t.Fatalf("counts do not add up: %+v", rep)
	}
	for _, p := range pages {
		if verr := p.Validate(); verr != nil {
			t.Fatalf("invalid page returned: %v", verr)
		}
	}
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error is not a *ParseError: %v", err)
		}
	}
	for _, pe := range rep.Rejections {
		if pe.Err == nil {
			t.Fatalf("rejection without a reason: %+v", pe)
		}
	}
}

// readTwice runs read in both modes, checks each outcome and that a second run gives the
// same pages (readers hold no state between calls).
func readTwice(t *testing.T, data []byte, read func(Config, Source) ([]oncall.Page, Report, error)) {
	for _, mode := range []Mode{Strict, Lenient} {
		c := Config{Mode: mode}
		pages, rep, err := read(c, ReaderSource("fuzz", bytes.NewReader(data)))
		checkOutcome(t, pages, rep, err)
		again, _, _ := read(c, ReaderSource("fuzz", bytes.NewReader(data)))
		if !reflect.DeepEqual(pages, again) {
			t.Fatal("two runs on the same input differ")
		}
	}
}

func addSeeds(f *testing.F, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
}

func FuzzCSV(f *testing.F) {
	addSeeds(f, canonicalTable, tableHeader+"P1,s,,a,,x,2026-03-08T02:00:00Z,,\n", tableHeader+"\"P1,s\n", "")
	f.Fuzz(func(t *testing.T, data []byte) {
		readTwice(t, data, Config.ReadCSV)
	})
}

func FuzzNDJSON(f *testing.F) {
	addSeeds(f, canonicalNDJSON, "null\n{}\n", `{"incident_id":"P1","responder":"a","triggered_at":"2026-03-08T02:00:00Z","x":1}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		readTwice(t, data, Config.ReadNDJSON)
		// What is read writes out and reads back to the same pages.
		pages, _, _ := Config{Mode: Lenient}.ReadNDJSON(ReaderSource("fuzz", bytes.NewReader(data)))
		var buf bytes.Buffer
		if err := WriteNDJSON(&buf, pages); err != nil {
			return // text that is not UTF-8 cannot be written as JSON; the writer says so
		}
		back, rep, err := Config{}.ReadNDJSON(ReaderSource("again", &buf))
		if err != nil || rep.Accepted != len(pages) {
			t.Fatalf("written pages do not read back: %v", err)
		}
		var a, b bytes.Buffer
		_ = WriteCSV(&a, pages)
		_ = WriteCSV(&b, back)
		if a.String() != b.String() {
			t.Fatal("round trip changed the pages")
		}
	})
}

func FuzzOpsgenie(f *testing.F) {
	addSeeds(f, `{"data":[{"id":"A1","createdAt":"2026-03-08T02:00:00Z","owner":"a","report":{"ackTime":5,"closeTime":9}}]}`,
		`[{"id":"A1","createdAt":"2026-03-08T02:00:00","responders":[{"type":"user","username":"b"}],"tags":["service:x"]}]`)
	f.Fuzz(func(t *testing.T, data []byte) {
		readTwice(t, data, func(c Config, s Source) ([]oncall.Page, Report, error) { return c.ReadOpsgenie(s) })
	})
}

func FuzzGrafanaOnCall(f *testing.F) {
	addSeeds(f, `{"results":[{"id":"I1","created_at":"2026-03-08T02:00:00Z","acknowledged_by":"U1","acknowledged_at":"2026-03-08T02:01:00Z"}],"next":null}`,
		`[{"id":"I1","created_at":"2026-03-08T02:00:00.123456Z","resolved_by":"U2","resolved_at":"2026-03-08T03:00:00+01:00"}]`)
	f.Fuzz(func(t *testing.T, data []byte) {
		readTwice(t, data, func(c Config, s Source) ([]oncall.Page, Report, error) { return c.ReadGrafanaOnCall(s) })
	})
}

func FuzzPagerDuty(f *testing.F) {
	f.Add([]byte(`{"incidents":[{"id":"Q1","created_at":"2026-03-08T03:00:00Z","assignments":[{"at":"2026-03-08T03:00:01Z","assignee":{"id":"PU1"}}]}]}`),
		[]byte(`{"log_entries":[{"id":"R1","type":"notify_log_entry","created_at":"2026-03-08T03:00:01Z","user":{"id":"PU1"},"incident":{"id":"Q1"}},{"id":"R2","type":"escalate_log_entry","created_at":"2026-03-08T03:05:00Z","incident":{"id":"Q1"}}]}`))
	f.Add([]byte(`[]`), []byte(`[{"id":"R1","type":"acknowledge_log_entry","created_at":"2026-03-08T03:00:01Z","agent":{"id":"PU1"},"incident":{"id":"Q9"}}]`))
	f.Fuzz(func(t *testing.T, inc, logs []byte) {
		for _, mode := range []Mode{Strict, Lenient} {
			read := func() ([]oncall.Page, Report, error) {
				return Config{Mode: mode}.ReadPagerDuty([]Source{ReaderSource("i", bytes.NewReader(inc))}, []Source{ReaderSource("l", bytes.NewReader(logs))})
			}
			pages, rep, err := read()
			checkOutcome(t, pages, rep, err)
			again, _, _ := read()
			if !reflect.DeepEqual(pages, again) {
				t.Fatal("two runs on the same input differ")
			}
		}
	})
}

// FuzzLexer holds the streaming PagerDuty reader to encoding/json: on any input it must
// agree on whether a stream of JSON values is well formed, and on a single incident object
// it must decode the same fields and find the same type errors.
func FuzzLexer(f *testing.F) {
	addSeeds(f, `{"id":"Q1","service":{"id":"S","summary":"a\u00e9\ud83d\ude00"},"assignments":[{"at":"x","assignee":null}],"n":-1.5e3,"t":true}`,
		`[1, 2.0, "a\\"b", {"a":[]}] {}`, `{"id":5}`, `{"acknowledgements":[{"acknowledger":{"id":"U"}}],"x":[[[]]]}`, `"\ud800"`)
	f.Fuzz(func(t *testing.T, data []byte) {
		lx := newLexer(bytes.NewReader(data))
		var lexErr error
		for {
			if _, ok := lx.peek(); !ok {
				if lx.rerr != io.EOF {
					lexErr = lx.rerr
				}
				break
			}
			if lexErr = lx.skip(); lexErr != nil {
				break
			}
		}
		if (lexErr == nil) != jsonStreamValid(data) {
			t.Fatalf("lexer says %v, encoding/json says valid=%v", lexErr, jsonStreamValid(data))
		}
		if !json.Valid(data) || !comparableKeys(data) {
			return
		}
		var want pdIncidentJSON
		jerr := json.Unmarshal(data, &want)
		var got pdIncidentJSON
		d := &recordDecoder{lx: newLexer(bytes.NewReader(data)), strs: map[string]string{}}
		if err := d.incident(&got); err != nil {
			t.Fatalf("lexer fails on valid JSON: %v", err)
		}
		if (jerr != nil) != (d.problem != nil) {
			t.Fatalf("type errors differ: encoding/json %v, lexer %v", jerr, d.problem)
		}
		if jerr == nil && !reflect.DeepEqual(normalizeIncident(want), normalizeIncident(got)) {
			t.Fatalf("decoded differently:\n json  %+v\n lexer %+v", want, got)
		}
	})
}

func jsonStreamValid(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var v json.RawMessage
		err := dec.Decode(&v)
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// comparableKeys excludes inputs where encoding/json's case-insensitive key matching (and
// its replacement of invalid UTF-8) would differ from PagerDuty's exact keys by design.
func comparableKeys(data []byte) bool {
	for _, c := range data {
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return !bytes.Contains(data, []byte(`\u00`)) && !bytes.Contains(data, []byte(`\u01`)) && !bytes.Contains(data, []byte(`\u02`)) && !bytes.Contains(data, []byte(`\u21`))
}

// normalizeIncident treats nil and empty arrays alike (encoding/json keeps an empty array
// non-nil).
func normalizeIncident(v pdIncidentJSON) pdIncidentJSON {
	if len(v.Assignments) == 0 {
		v.Assignments = nil
	}
	if len(v.Acknowledgements) == 0 {
		v.Acknowledgements = nil
	}
	return v
}

func FuzzPagerDutyAnalytics(f *testing.F) {
	addSeeds(f, `{"data":[{"id":"Q1","created_at":"2026-03-08T03:00:00","resolved_at":null,"seconds_to_first_ack":60,"seconds_to_resolve":600,"assigned_user_ids":["PU1","PU2"],"assigned_user_names":["A"]}],"time_zone":"Europe/Berlin"}`,
		`[{"id":"Q1","created_at":"2026-10-25T02:30:00","acknowledged_user_ids":["PU1"],"resolved_by_user_id":"PU2"}]`)
	f.Fuzz(func(t *testing.T, data []byte) {
		readTwice(t, data, func(c Config, s Source) ([]oncall.Page, Report, error) {
			c.Zone = "Europe/Berlin"
			return c.ReadPagerDutyAnalytics(s)
		})
	})
}

func FuzzPagerDutyCSV(f *testing.F) {
	addSeeds(f, "Incident ID,Created On,Resolved On,Time To First Ack Seconds,Assigned To\nQ1,2026-03-08 01:50:00,2026-03-08 03:10:00,300,\"A; B\"\n",
		pdCSVHeader+"Q1,s,high,2026-03-08T03:00:00Z,,x,alice\n", "id,created_at,acknowledged_at,resolved_by\nQ1,2026-03-08 02:30:00,bad,c\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		readTwice(t, data, func(c Config, s Source) ([]oncall.Page, Report, error) {
			c.Zone = "America/New_York"
			return c.ReadPagerDutyCSV(s)
		})
	})
}
