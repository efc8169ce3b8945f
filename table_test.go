package oncall

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const header = "incident_id,service,urgency,responder,role,escalation_level,triggered_at,acknowledged_at,resolved_at\n"

// canonical is a table as PageWriter writes it: offsets kept, UTC as Z, fractions trimmed,
// fields quoted only where needed.
const canonical = header +
	"P1,payments-api,high,alice,primary,1,2026-03-08T06:59:30Z,2026-03-08T07:02:00Z,2026-03-08T09:00:00Z\n" +
	"P1,payments-api,high,bob,secondary,2,2026-03-08T02:04:30-05:00,,\n" +
	"\"P,2\",\"ledger \"\"core\"\"\",low,carol,,,2026-10-25T01:30:00.25+01:00,2026-10-25T01:30:00.5Z,\n" +
	"P3,auth,,dave,shadow,,2028-02-29T23:59:59.999999999+05:30,,2028-03-01T00:00:00+05:30\n"

func TestPageTableRoundTrip(t *testing.T) {
	pages, err := NewPageReader(strings.NewReader(canonical)).ReadAll()
	require.NoError(t, err)
	require.Len(t, pages, 4)

	// Values checked by hand against the text above.
	require.Equal(t, "P1", pages[1].IncidentID)
	require.Equal(t, 2, pages[1].EscalationLevel)
	require.True(t, pages[1].Acknowledged.IsZero())
	require.Equal(t, time.Date(2026, 3, 8, 7, 4, 30, 0, time.UTC), pages[1].Triggered.UTC())
	_, off := pages[1].Triggered.Zone()
	require.Equal(t, -5*3600, off)
	require.Equal(t, `ledger "core"`, pages[2].Service)
	require.Equal(t, "P,2", pages[2].IncidentID)
	require.Equal(t, 250*time.Millisecond, time.Duration(pages[2].Triggered.Nanosecond()))
	require.Equal(t, time.Date(2028, 2, 29, 18, 29, 59, 999999999, time.UTC), pages[3].Triggered.UTC())

	var buf bytes.Buffer
	require.NoError(t, WritePages(&buf, pages))
	require.Equal(t, canonical, buf.String())
}

func TestPageTableColumnOrderAndBOM(t *testing.T) {
	in := "\ufeffresponder,incident_id,triggered_at,service,urgency,role,escalation_level,acknowledged_at,resolved_at\r\n" +
		"alice,P9,2026-01-01T00:00:00Z,web,,,,,\r\n"
	pages, err := NewPageReader(strings.NewReader(in)).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []Page{{IncidentID: "P9", Service: "web", Responder: "alice", Triggered: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}, pages)
}

func TestPageTableEmptyWritesHeader(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WritePages(&buf, nil))
	require.Equal(t, header, buf.String())
	pages, err := NewPageReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Empty(t, pages)
}

func TestPageTableErrors(t *testing.T) {
	row := func(s string) string { return header + s + "\n" }
	cases := []struct {
		name  string
		in    string
		line  int
		field string
		value string
		want  error
	}{
		{"empty input", "", 1, "", "", ErrHeader},
		{"unknown column", "incident_id,oops\n", 1, "oops", "oops", ErrHeader},
		{"missing column", "incident_id,service,urgency,responder,role,escalation_level,triggered_at,acknowledged_at\n", 1, "resolved_at", "", ErrHeader},
		{"duplicate column", strings.TrimSuffix(header, "\n") + ",service\n", 1, "service", "service", ErrHeader},
		{"time without offset", row("P1,s,,a,,,2026-03-08T02:00:00,,"), 2, "triggered_at", "2026-03-08T02:00:00", ErrTime},
		{"date only", row("P1,s,,a,,,2026-03-08,,"), 2, "triggered_at", "2026-03-08", ErrTime},
		{"space separator", row("P1,s,,a,,,2026-03-08 02:00:00Z,,"), 2, "triggered_at", "2026-03-08 02:00:00Z", ErrTime},
		{"bad level", row("P1,s,,a,,x,2026-03-08T02:00:00Z,,"), 2, "escalation_level", "x", ErrNumber},
		{"negative level", row("P1,s,,a,,-1,2026-03-08T02:00:00Z,,"), 2, "escalation_level", "-1", ErrNegative},
		{"missing responder", row("P1,s,,,,,2026-03-08T02:00:00Z,,"), 2, "responder", "", ErrMissing},
		{"ack before trigger", row("P1,s,,a,,,2026-03-08T02:00:00Z,2026-03-08T01:59:59Z,"), 2, "acknowledged_at", "2026-03-08T01:59:59Z", ErrAckBeforeTrigger},
		{"field count", row("P1,s"), 2, "", "", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := NewPageReader(strings.NewReader(c.in))
			r.File = "pages.csv"
			_, err := r.Read()
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			require.Equal(t, "pages.csv", pe.File)
			require.Equal(t, c.line, pe.Line)
			require.Equal(t, c.field, pe.Field)
			require.Equal(t, c.value, pe.Value)
			if c.want != nil {
				require.ErrorIs(t, err, c.want)
			}
			require.Contains(t, err.Error(), "pages.csv:line ")
		})
	}
}

func TestPageReaderContinuesAfterBadRecord(t *testing.T) {
	in := header +
		"P1,s,,a,,,2026-03-08T02:00:00Z,,\n" +
		"P2,s,,a,,,yesterday,,\n" +
		"\"P3\nsplit\",s,,b,,,2026-03-08T03:00:00Z,,\n"
	r := NewPageReader(strings.NewReader(in))
	var got []string
	var lines []int
	for {
		p, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *ParseError
		if errors.As(err, &pe) {
			lines = append(lines, pe.Line)
			continue
		}
		require.NoError(t, err)
		got = append(got, p.IncidentID)
	}
	require.Equal(t, []string{"P1", "P3\nsplit"}, got)
	require.Equal(t, []int{3}, lines)
}

func TestShiftTableRoundTrip(t *testing.T) {
	in := "responder,role,start,end\n" +
		"alice,primary,2026-03-03T10:00:00Z,2026-03-10T10:00:00Z\n" +
		"bob,primary,2026-03-10T10:00:00Z,2026-03-17T10:00:00-04:00\n"
	s, err := ReadShifts(strings.NewReader(in))
	require.NoError(t, err)
	require.Equal(t, 7*24*time.Hour+4*time.Hour, s[1].Duration())
	var buf bytes.Buffer
	require.NoError(t, WriteShifts(&buf, s))
	require.Equal(t, in, buf.String())

	_, err = ReadShifts(strings.NewReader("responder,role,start,end\nalice,primary,2026-03-10T10:00:00Z,2026-03-03T10:00:00Z\n"))
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, 2, pe.Line)
	require.Equal(t, "end", pe.Field)
	require.ErrorIs(t, err, ErrEndBeforeStart)
}

// FuzzPageTable checks that no input panics the reader, and that whatever it accepts writes
// out canonically and reads back to the same pages.
func FuzzPageTable(f *testing.F) {
	f.Add([]byte(canonical))
	f.Add([]byte(header + "P1,s,,a,,,2026-03-08T02:00:00Z,,\n"))
	f.Add([]byte(header + "P1,s,,a,,99999999999999999999,2026-03-08T02:00:00Z,,\n"))
	f.Add([]byte("incident_id\n\"unterminated\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewPageReader(bytes.NewReader(data))
		var pages []Page
		for i := 0; i < 1000; i++ {
			p, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("error is not a *ParseError: %v", err)
				}
				if pe.Line == 0 || errors.Is(err, ErrHeader) {
					return
				}
				continue
			}
			pages = append(pages, p)
		}
		var once bytes.Buffer
		if err := WritePages(&once, pages); err != nil {
			t.Fatal(err)
		}
		back, err := NewPageReader(bytes.NewReader(once.Bytes())).ReadAll()
		if err != nil {
			t.Fatalf("re-reading written table: %v\n%s", err, once.String())
		}
		var twice bytes.Buffer
		if err := WritePages(&twice, back); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(once.Bytes(), twice.Bytes()) {
			t.Fatalf("not byte-stable:\n%s\n%s", once.String(), twice.String())
		}
	})
}

func TestPageTableCanonicalisesZeroOffset(t *testing.T) {
	in := header + "P1,s,,a,,01,2026-03-08T02:00:00+00:00,2026-03-08T02:00:01.500000Z,\n"
	pages, err := NewPageReader(strings.NewReader(in)).ReadAll()
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, WritePages(&buf, pages))
	require.Equal(t, header+"P1,s,,a,,1,2026-03-08T02:00:00Z,2026-03-08T02:00:01.5Z,\n", buf.String())
}

func TestPageReaderLine(t *testing.T) {
	in := header + "P1,s,,a,,,2026-03-08T02:00:00Z,,\n\"P2\nx\",s,,a,,,2026-03-08T02:00:00Z,,\nP3,s,,a,,,bad,,\n"
	r := NewPageReader(strings.NewReader(in))
	require.Equal(t, 0, r.Line())
	_, err := r.Read()
	require.NoError(t, err)
	require.Equal(t, 2, r.Line())
	_, err = r.Read()
	require.NoError(t, err)
	require.Equal(t, 3, r.Line(), "a record spanning lines 3-4 starts on line 3")
	_, err = r.Read()
	require.Error(t, err)
	require.Equal(t, 5, r.Line())
}

// rfc3339 is RFC 3339's date-time grammar, upper-case separators only (as the table wants).
var rfc3339 = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$`)

// FuzzParseTime compares the page table's time parser with the standard library's RFC 3339
// parser: whatever ours accepts, time.Parse accepts as the same instant and offset; and
// whatever fits RFC 3339's grammar and time.Parse accepts, ours accepts. (time.Parse is more
// lenient: one-digit hours, a comma before the fraction, offsets like +24:00 or +00:60.)
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2026-03-08T02:00:00Z", "2026-03-08T02:00:00.123456789-05:00", "2028-02-29T23:59:59+05:30",
		"2027-02-29T00:00:00Z", "2026-03-08T24:00:00Z", "2026-03-08T02:00:00+24:00", "2026-03-08T02:00:00.Z", "2026-03-08T02:00:60Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pr := NewPageReader(strings.NewReader(""))
		got, err := pr.parseTime(s)
		want, werr := time.Parse(time.RFC3339Nano, s)
		switch {
		case err == nil && werr != nil:
			t.Fatalf("%q: accepted, but time.Parse says %v", s, werr)
		case err == nil:
			_, o1 := got.Zone()
			_, o2 := want.Zone()
			if !got.Equal(want) || o1 != o2 {
				t.Fatalf("%q: got %v, time.Parse %v", s, got, want)
			}
		case werr == nil && rfc3339.MatchString(s):
			t.Fatalf("%q: rejected, but it is RFC 3339 and time.Parse gives %v", s, want)
		}
	})
}

func TestPageReaderHeaderErrorIsSticky(t *testing.T) {
	r := NewPageReader(strings.NewReader("incident_id,bogus\n" + strings.TrimSuffix(header, "\n") + "\nP1,s,,a,,,2026-03-08T02:00:00Z,,\n"))
	for range 3 {
		_, err := r.Read()
		require.ErrorIs(t, err, ErrHeader, "a later line must not be taken for the header")
	}
	_, err := NewPageReader(strings.NewReader(header + "P1,s\n")).Read()
	require.ErrorIs(t, err, ErrSyntax)
	require.ErrorIs(t, err, csv.ErrFieldCount)
}
