package ingest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall"
)

func src(name, text string) Source { return ReaderSource(name, strings.NewReader(text)) }

type rejectCase struct {
	name  string
	in    string
	field string
	value string
	want  error
}

// checkRejections feeds each case alone in Lenient mode and expects exactly one rejection
// naming the field, value and sentinel; in Strict mode the same error must be returned.
func checkRejections(t *testing.T, cases []rejectCase, read func(Config, Source) ([]oncall.Page, Report, error)) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pages, rep, err := read(Config{Mode: Lenient}, src("in.json", tc.in))
			require.NoError(t, err)
			require.Empty(t, pages)
			requireBalanced(t, rep)
			require.Equal(t, 1, rep.Rejected, "%+v", rep)
			pe := rep.Rejections[0]
			require.ErrorIs(t, pe, tc.want)
			require.Equal(t, tc.field, pe.Field)
			require.Equal(t, tc.value, pe.Value)
			require.Equal(t, "in.json", pe.File)
			require.Contains(t, pe.Error(), "in.json: ")

			_, _, err = read(Config{}, src("in.json", tc.in))
			require.ErrorIs(t, err, tc.want)
		})
	}
}

func readOpsgenie(c Config, s Source) ([]oncall.Page, Report, error) { return c.ReadOpsgenie(s) }
func readGrafana(c Config, s Source) ([]oncall.Page, Report, error)  { return c.ReadGrafanaOnCall(s) }

func TestOpsgenieRejections(t *testing.T) {
	one := func(fields string) string {
		return `{"data":[{"id":"A1","createdAt":"2026-03-08T02:00:00Z","owner":"alice@example.com"` + fields + `}]}`
	}
	checkRejections(t, []rejectCase{
		{"missing id", `[{"createdAt":"2026-03-08T02:00:00Z","owner":"a"}]`, "id", "", ErrMissing},
		{"no offset", `[{"id":"A1","createdAt":"2026-03-08T02:00:00","owner":"a"}]`, "createdAt", "2026-03-08T02:00:00", ErrNoOffset},
		{"not a time", `[{"id":"A1","createdAt":"yesterday","owner":"a"}]`, "createdAt", "yesterday", ErrTime},
		{"no createdAt", `[{"id":"A1","owner":"a"}]`, "createdAt", "", ErrMissing},
		{"createdAt as number", `[{"id":"A1","createdAt":1700000000,"owner":"a"}]`, "createdAt", "number", ErrType},
		{"negative ackTime", one(`,"report":{"ackTime":-5}`), "report.ackTime", "-5", ErrNegative},
		{"fractional ackTime", one(`,"report":{"ackTime":1.5}`), "report.ackTime", "number 1.5", ErrType},
		{"ackTime as string", one(`,"report":{"ackTime":"95"}`), "report.ackTime", "string", ErrType},
		{"nobody", `[{"id":"A1","createdAt":"2026-03-08T02:00:00Z","responders":[{"type":"team","id":"T"}]}]`, "report.acknowledgedBy", "", ErrNoResponder},
		// closed 50 ms after creation but acknowledged after 100 ms.
		{"closed before ack", one(`,"report":{"ackTime":100,"closeTime":50}`), "resolved_at", "2026-03-08T02:00:00.05Z", oncall.ErrResolveBeforeAck},
	}, readOpsgenie)
}

func TestGrafanaRejections(t *testing.T) {
	checkRejections(t, []rejectCase{
		{"missing id", `[{"created_at":"2026-03-08T02:00:00Z","acknowledged_by":"U1"}]`, "id", "", ErrMissing},
		{"no created_at", `[{"id":"I1","acknowledged_by":"U1"}]`, "created_at", "", ErrMissing},
		{"bad resolved_at", `[{"id":"I1","created_at":"2026-03-08T02:00:00Z","resolved_at":"2026-13-01T00:00:00Z","resolved_by":"U1"}]`, "resolved_at", "2026-13-01T00:00:00Z", ErrTime},
		{"ack before trigger", `[{"id":"I1","created_at":"2026-03-08T02:00:00Z","acknowledged_at":"2026-03-08T01:59:00Z","acknowledged_by":"U1"}]`,
			"acknowledged_at", "2026-03-08T01:59:00Z", oncall.ErrAckBeforeTrigger},
		{"state is not a string", `{"results":[{"id":"I1","state":{},"created_at":"2026-03-08T02:00:00Z","acknowledged_by":"U1"}]}`, "state", "object", ErrType},
	}, readGrafana)
}

// Fatal problems stop both modes: after them no later record can be found.
func TestJSONFatalErrors(t *testing.T) {
	cases := []struct {
		name, in string
		want     error
	}{
		{"truncated", `{"data":[{"id":"A1","createdAt":"2026-03-08T02:00:00Z","owner":"a"},{"id":`, ErrSyntax},
		{"garbage", `{"data":[}`, ErrSyntax},
		{"wrong key", `{"alerts":[]}`, ErrShape},
		{"array is a number", `{"data":5}`, ErrShape},
		{"top-level string", `"data"`, ErrShape},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, rep, err := Config{Mode: Lenient}.ReadOpsgenie(src("f.json", tc.in))
			require.ErrorIs(t, err, tc.want)
			var pe *ParseError
			require.True(t, errors.As(err, &pe))
			require.Equal(t, "f.json", pe.File)
			requireBalanced(t, rep)
		})
	}
}

func TestLenientKeepsGoingAndCountsAddUp(t *testing.T) {
	in := `{"data":[
		{"id":"A1","createdAt":"2026-03-08T02:00:00Z","owner":"alice@example.com"},
		{"id":"A2","createdAt":"bad","owner":"bob@example.com"},
		{"id":"A3","createdAt":7},
		{"id":"A1","createdAt":"2026-03-08T02:00:00Z","owner":"alice@example.com","report":{"closeTime":60000}},
		{"id":"A4","createdAt":"2026-03-08T03:00:00Z","owner":"carol@example.com"}]}`
	pages, rep, err := Config{Mode: Lenient}.ReadOpsgenie(src("f.json", in))
	require.NoError(t, err)
	requireBalanced(t, rep)
	// 5 read: A1 and A4 accepted, A2 and A3 rejected, the second A1 merged.
	require.Equal(t, 5, rep.Read)
	require.Equal(t, 2, rep.Accepted)
	require.Equal(t, 2, rep.Rejected)
	require.Equal(t, 1, rep.Merged)
	require.Equal(t, []int{1, 2}, []int{rep.Rejections[0].Index, rep.Rejections[1].Index})
	require.Len(t, pages, 2)
	require.Equal(t, time.Date(2026, 3, 8, 2, 1, 0, 0, time.UTC), pages[0].Resolved, "merged closeTime 60 s")

	// Strict stops at A2; A1, read before it, is still checked and counted, but no pages
	// come back with the error.
	pages, rep, err = Config{}.ReadOpsgenie(src("f.json", in))
	require.ErrorIs(t, err, ErrTime)
	require.Nil(t, pages)
	requireBalanced(t, rep)
	require.Equal(t, Report{Read: 2, Accepted: 1, Rejected: 1, Rejections: rep.Rejections}, rep)
}

func TestZone(t *testing.T) {
	in := `[{"id":"I1","created_at":"2026-03-29 01:30:00","acknowledged_at":"2026-03-29T03:30:00","acknowledged_by":"U1"}]`
	// Europe/Berlin springs forward at 02:00 CET on 2026-03-29: 01:30 is +01:00 (00:30Z),
	// 03:30 is +02:00 (01:30Z): one hour apart by the clock, one hour in fact.
	pages, _, err := Config{Zone: "Europe/Berlin"}.ReadGrafanaOnCall(src("g.json", in))
	require.NoError(t, err)
	require.Equal(t, time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC), pages[0].Triggered.UTC())
	require.Equal(t, time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), pages[0].Acknowledged.UTC())
	require.Equal(t, "Europe/Berlin", pages[0].Triggered.Location().String())

	// 02:30 does not exist that night.
	gap := `[{"id":"I1","created_at":"2026-03-29T02:30:00","acknowledged_by":"U1"}]`
	_, _, err = Config{Zone: "Europe/Berlin"}.ReadGrafanaOnCall(src("g.json", gap))
	require.ErrorIs(t, err, ErrNoSuchLocalTime)

	// 02:30 happens twice on 2026-10-25 (CEST then CET): the earlier, 00:30Z, is taken.
	twice := `[{"id":"I1","created_at":"2026-10-25T02:30:00","acknowledged_by":"U1"}]`
	pages, _, err = Config{Zone: "Europe/Berlin"}.ReadGrafanaOnCall(src("g.json", twice))
	require.NoError(t, err)
	require.Equal(t, time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), pages[0].Triggered.UTC())

	// West of UTC: America/Sao_Paulo has no DST since 2019, -03:00.
	pages, _, err = Config{Zone: "America/Sao_Paulo"}.ReadGrafanaOnCall(src("g.json", `[{"id":"I1","created_at":"2028-02-29T23:59:59","acknowledged_by":"U1"}]`))
	require.NoError(t, err)
	require.Equal(t, time.Date(2028, 3, 1, 2, 59, 59, 0, time.UTC), pages[0].Triggered.UTC())

	// An offset in the text wins over the zone.
	pages, _, err = Config{Zone: "Europe/Berlin"}.ReadGrafanaOnCall(src("g.json", `[{"id":"I1","created_at":"2026-07-01T12:00:00-07:00","acknowledged_by":"U1"}]`))
	require.NoError(t, err)
	require.Equal(t, time.Date(2026, 7, 1, 19, 0, 0, 0, time.UTC), pages[0].Triggered.UTC())

	for _, bad := range []string{"Mars/Olympus_Mons", "Local", "europe/berlin "} {
		_, _, err := Config{Zone: bad}.ReadGrafanaOnCall(src("g.json", in))
		require.ErrorIs(t, err, ErrUnknownZone, bad)
	}
}

func TestParseErrorText(t *testing.T) {
	pe := &ParseError{File: "a.json", Index: 3, ID: "Q1", Field: "created_at", Value: "x", Err: ErrTime}
	require.Equal(t, `a.json: record 3 (id "Q1"), field created_at "x": not an RFC 3339 time with offset`, pe.Error())
	pe = &ParseError{Line: 7, Err: ErrSyntax}
	require.Equal(t, `line 7: malformed input`, pe.Error())
}
