package ingest

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall"
	"pgregory.net/rapid"
)

const tableHeader = "incident_id,service,urgency,responder,role,escalation_level,triggered_at,acknowledged_at,resolved_at\n"

// canonicalTable is a table as the writer writes it, with offsets on both sides of UTC, a
// leap day, fractions and quoting.
const canonicalTable = tableHeader +
	"P1,payments-api,high,alice@example.com,primary,1,2026-03-08T06:59:30Z,2026-03-08T07:02:00Z,2026-03-08T09:00:00Z\n" +
	"P1,payments-api,high,bob@example.com,secondary,2,2026-03-08T02:04:30-05:00,,\n" +
	"\"P,2\",\"ledger \"\"core\"\"\",low,carol@example.com,,,2026-10-25T01:30:00.25+01:00,2026-10-25T01:30:00.5Z,\n" +
	"P3,<auth>&,,dave@example.com,shadow,,2028-02-29T23:59:59.999999999+05:30,,2028-03-01T00:00:00+05:30\n"

// The same pages as NDJSON, written by hand from the table above.
const canonicalNDJSON = `{"incident_id":"P1","service":"payments-api","urgency":"high","responder":"alice@example.com","role":"primary","escalation_level":1,"triggered_at":"2026-03-08T06:59:30Z","acknowledged_at":"2026-03-08T07:02:00Z","resolved_at":"2026-03-08T09:00:00Z"}
{"incident_id":"P1","service":"payments-api","urgency":"high","responder":"bob@example.com","role":"secondary","escalation_level":2,"triggered_at":"2026-03-08T02:04:30-05:00","acknowledged_at":null,"resolved_at":null}
{"incident_id":"P,2","service":"ledger \"core\"","urgency":"low","responder":"carol@example.com","role":"","escalation_level":0,"triggered_at":"2026-10-25T01:30:00.25+01:00","acknowledged_at":"2026-10-25T01:30:00.5Z","resolved_at":null}
{"incident_id":"P3","service":"<auth>&","urgency":"","responder":"dave@example.com","role":"shadow","escalation_level":0,"triggered_at":"2028-02-29T23:59:59.999999999+05:30","acknowledged_at":null,"resolved_at":"2028-03-01T00:00:00+05:30"}
`

func TestCSVAndNDJSONConvertExactly(t *testing.T) {
	pages, rep, err := Config{}.ReadCSV(src("t.csv", canonicalTable))
	require.NoError(t, err)
	require.Equal(t, Report{Read: 4, Accepted: 4}, rep)
	var nd bytes.Buffer
	require.NoError(t, WriteNDJSON(&nd, pages))
	require.Equal(t, canonicalNDJSON, nd.String())

	back, rep, err := Config{}.ReadNDJSON(src("t.ndjson", nd.String()))
	require.NoError(t, err)
	require.Equal(t, Report{Read: 4, Accepted: 4}, rep)
	var csvOut bytes.Buffer
	require.NoError(t, WriteCSV(&csvOut, back))
	require.Equal(t, canonicalTable, csvOut.String())
}

func TestCSVLenient(t *testing.T) {
	in := tableHeader +
		"P1,s,,alice,,,2026-03-08T02:00:00Z,,\n" +
		"P2,s,,bob,,x,2026-03-08T02:00:00Z,,\n" + // line 3: bad level
		"P3,s,,carol,,,2026-03-08T02:00:00,,\n" + // line 4: no offset
		"P4,s,,dave\n" + // line 5: wrong field count
		"P5,s,,,,,2026-03-08T02:00:00Z,,\n" + // line 6: no responder
		"P6,s,,erin,,,2026-03-08T02:00:00Z,2026-03-08T01:00:00Z,\n" + // line 7: ack before trigger
		"P7,s,,frank,,,2026-03-08T02:00:00Z,,\n"
	pages, rep, err := Config{Mode: Lenient}.ReadCSV(src("t.csv", in))
	require.NoError(t, err)
	requireBalanced(t, rep)
	require.Equal(t, 7, rep.Read)
	require.Equal(t, 2, rep.Accepted)
	require.Equal(t, []string{"P1", "P7"}, []string{pages[0].IncidentID, pages[1].IncidentID})
	want := []struct {
		line  int
		field string
		err   error
	}{{3, "escalation_level", ErrNumber}, {4, "triggered_at", ErrTime}, {5, "", ErrSyntax},
		{6, "responder", ErrMissing}, {7, "acknowledged_at", oncall.ErrAckBeforeTrigger}}
	for i, w := range want {
		pe := rep.Rejections[i]
		require.Equal(t, w.line, pe.Line)
		require.Equal(t, w.line-2, pe.Index)
		require.Equal(t, w.field, pe.Field)
		require.Equal(t, "t.csv", pe.File)
		require.ErrorIs(t, pe, w.err)
	}

	_, rep, err = Config{}.ReadCSV(src("t.csv", in))
	require.ErrorIs(t, err, ErrNumber)
	require.Equal(t, 2, rep.Read)
}

func TestCSVHeaderIsFatal(t *testing.T) {
	for _, in := range []string{"", "incident_id,service\n", "who,what\nP1,s\n"} {
		_, rep, err := Config{Mode: Lenient}.ReadCSV(src("t.csv", in))
		require.ErrorIs(t, err, ErrHeader)
		require.Equal(t, 0, rep.Read)
	}
}

// A failing reader is returned as is, once, and not retried forever.
func TestCSVReadError(t *testing.T) {
	boom := errors.New("disk gone")
	cr := NewCSVReader(io.MultiReader(strings.NewReader(tableHeader), errReader{boom}), "t.csv", Lenient)
	_, err := cr.Read()
	require.ErrorIs(t, err, boom)
	_, err = cr.Read()
	require.ErrorIs(t, err, boom)
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func TestNDJSONRejections(t *testing.T) {
	ok := `{"incident_id":"P1","responder":"alice","triggered_at":"2026-03-08T02:00:00Z"}`
	long := `{"incident_id":"` + strings.Repeat("x", MaxLineBytes) + `"}`
	in := strings.Join([]string{
		ok,
		`{"incident_id":"P2","responder":"bob","triggerd_at":"2026-03-08T02:00:00Z"}`,     // 2 unknown key
		`{"incident_id":"P3","responder":"bob","triggered_at":"2026-03-08 02:00:00Z"}`,    // 3 not RFC 3339
		`{"incident_id":"P4","responder":"bob","triggered_at":"2026-03-08T02:00:00Z"} {}`, // 4 trailing data
		"{\"incident_id\":\"P5\xff\",\"responder\":\"bob\"}",                              // 5 invalid UTF-8
		``,   // 6 blank: skipped
		long, // 7 too long
		`{"incident_id":"P8","responder":"bob","escalation_level":"1","triggered_at":null}`, // 8 level as string
		`{"incident_id":"P9","responder":"bob"`,                                             // 9 truncated
		`null`,                                                                              // 10 empty page
		`{"incident_id":"P11","responder":"carol","triggered_at":"2026-03-08T02:00:00+01:00"}`,
	}, "\n")
	pages, rep, err := Config{Mode: Lenient}.ReadNDJSON(src("p.ndjson", in))
	require.NoError(t, err)
	requireBalanced(t, rep)
	require.Equal(t, 10, rep.Read)
	require.Equal(t, []string{"P1", "P11"}, []string{pages[0].IncidentID, pages[1].IncidentID})
	want := []struct {
		line  int
		field string
		err   error
	}{{2, "triggerd_at", ErrUnknownField}, {3, "triggered_at", ErrTime}, {4, "", ErrSyntax}, {5, "", ErrSyntax},
		{7, "", ErrTooLong}, {8, "escalation_level", ErrType}, {9, "", ErrSyntax}, {10, "incident_id", ErrMissing}}
	require.Len(t, rep.Rejections, len(want))
	for i, w := range want {
		pe := rep.Rejections[i]
		require.Equal(t, w.line, pe.Line, "rejection %d: %v", i, pe)
		require.Equal(t, w.field, pe.Field, "rejection %d: %v", i, pe)
		require.ErrorIs(t, pe, w.err)
	}
}

func TestNDJSONWriterRefusesInvalidUTF8(t *testing.T) {
	err := WriteNDJSON(io.Discard, []oncall.Page{{IncidentID: "P\xff1", Responder: "a", Triggered: time.Unix(0, 0)}})
	require.ErrorIs(t, err, ErrSyntax)
}

// Any valid page survives CSV -> NDJSON -> CSV byte for byte, and NDJSON -> CSV -> NDJSON.
func TestRoundTripProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 20).Draw(t, "n")
		pages := make([]oncall.Page, n)
		for i := range pages {
			pages[i] = rapidPage(t)
		}
		var c1, n1, c2, n2 bytes.Buffer
		require.NoError(t, WriteCSV(&c1, pages))
		fromCSV, _, err := Config{}.ReadCSV(src("a", c1.String()))
		require.NoError(t, err)
		require.NoError(t, WriteNDJSON(&n1, fromCSV))
		fromND, _, err := Config{}.ReadNDJSON(src("b", n1.String()))
		require.NoError(t, err)
		require.NoError(t, WriteCSV(&c2, fromND))
		require.Equal(t, c1.String(), c2.String())
		require.NoError(t, WriteNDJSON(&n2, fromND))
		require.Equal(t, n1.String(), n2.String())
		for i := range pages {
			require.True(t, pages[i].Triggered.Equal(fromND[i].Triggered))
		}
	})
}

func rapidPage(t *rapid.T) oncall.Page {
	text := rapid.StringMatching(`[a-zA-Z0-9 ,"<>&é\-]{0,12}`)
	id := rapid.StringMatching(`[a-zA-Z0-9,"]{1,12}`)
	off := rapid.IntRange(-12*60, 14*60).Draw(t, "off") * 60
	loc := time.UTC
	if off != 0 {
		loc = time.FixedZone("", off)
	}
	base := time.Unix(rapid.Int64Range(0, 4e9).Draw(t, "sec"), rapid.Int64Range(0, 999999999).Draw(t, "ns")).In(loc)
	p := oncall.Page{IncidentID: id.Draw(t, "id"), Service: text.Draw(t, "svc"), Urgency: text.Draw(t, "urg"),
		Responder: id.Draw(t, "resp"), Role: text.Draw(t, "role"), EscalationLevel: rapid.IntRange(0, 9).Draw(t, "lvl"), Triggered: base}
	if rapid.Bool().Draw(t, "acked") {
		p.Acknowledged = base.Add(time.Duration(rapid.Int64Range(0, 1e13).Draw(t, "ack")))
	}
	if rapid.Bool().Draw(t, "resolved") {
		p.Resolved = base.Add(time.Duration(rapid.Int64Range(0, 1e13).Draw(t, "res")))
		if !p.Acknowledged.IsZero() && p.Resolved.Before(p.Acknowledged) {
			p.Resolved = p.Acknowledged
		}
	}
	return p
}

// A line of exactly MaxLineBytes (before its newline) is read; one byte more is ErrTooLong.
func TestNDJSONLineLimit(t *testing.T) {
	head, tail := `{"incident_id":"`, `","responder":"a","triggered_at":"2026-03-08T02:00:00Z"}`
	line := func(n int) string { return head + strings.Repeat("x", n-len(head)-len(tail)) + tail }
	in := line(MaxLineBytes) + "\n" + line(MaxLineBytes+1) + "\n" + line(100) + "\n"
	pages, rep, err := Config{Mode: Lenient}.ReadNDJSON(src("big.ndjson", in))
	require.NoError(t, err)
	require.Len(t, pages, 2)
	require.Equal(t, MaxLineBytes-len(head)-len(tail), len(pages[0].IncidentID))
	require.Equal(t, 1, rep.Rejected)
	require.ErrorIs(t, rep.Rejections[0], ErrTooLong)
	require.Equal(t, 2, rep.Rejections[0].Line)
}
