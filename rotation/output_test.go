package rotation

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/name, or rewrites it with -update. Golden files pin the
// exact bytes; their content is checked by the assertions beside each call and, for the
// .ics files, by testdata/check_ics.py with a second, independent parser.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
}

// londonPlan is three people in London over three weeks that span the clock change of
// 29 March 2026, primary only, so each takes one week.
func londonPlan(t *testing.T) (*Model, *Plan) {
	loc := mustLoad("Europe/London")
	pr := Problem{Team: team(3, loc), Spec: Spec{Zone: loc, Roles: []RoleSpec{{Name: oncall.Primary}}},
		From: time.Date(2026, 3, 17, 0, 0, 0, 0, loc), To: time.Date(2026, 4, 7, 0, 0, 0, 0, loc), Seed: 3}
	m, err := Compile(pr)
	require.NoError(t, err)
	plan, err := m.Generate()
	require.NoError(t, err)
	return m, plan
}

func TestFeedICS(t *testing.T) {
	_, plan := londonPlan(t)
	var team bytes.Buffer
	require.NoError(t, Feed{Name: "Platform on call", Domain: "example.com"}.Write(&team, plan.Shifts))
	ics := team.String()
	// 10:00 GMT on 17 March is 10:00Z; 10:00 BST on 31 March is 09:00Z.
	assert.Contains(t, ics, "DTSTART:20260317T100000Z\r\n")
	assert.Contains(t, ics, "DTEND:20260331T090000Z\r\n")
	assert.Equal(t, 3, strings.Count(ics, "BEGIN:VEVENT"))
	golden(t, "team.ics", team.Bytes())

	// The feed reads back, and the same shift keeps its UID in a person's own feed.
	cal, err := ical.NewDecoder(strings.NewReader(ics)).Decode()
	require.NoError(t, err)
	evs := cal.Events()
	require.Len(t, evs, 3)
	start, err := evs[0].DateTimeStart(time.UTC)
	require.NoError(t, err)
	assert.True(t, start.Equal(plan.Shifts[0].Start))
	var one bytes.Buffer
	who := plan.Shifts[0].Responder
	require.NoError(t, Feed{Domain: "example.com"}.Write(&one, ForResponder(plan.Shifts, who)))
	uid, err := evs[0].Props.Get(ical.PropUID).Text()
	require.NoError(t, err)
	assert.Contains(t, one.String(), "UID:"+uid)
	assert.Equal(t, 1, strings.Count(one.String(), "BEGIN:VEVENT"))

	assert.ErrorIs(t, Feed{}.Write(&one, nil), ErrEmptyFeed)
}

func TestPlanJSONAndCSV(t *testing.T) {
	_, plan := londonPlan(t)
	b, err := json.MarshalIndent(plan, "", "  ")
	require.NoError(t, err)
	s := string(b)
	assert.Contains(t, s, `"start": "2026-03-17T10:00:00Z"`)
	assert.Contains(t, s, `"start": "2026-03-24T10:00:00Z"`)
	assert.Contains(t, s, `"end": "2026-03-31T10:00:00+01:00"`)
	assert.Contains(t, s, `"seconds_by_class"`)
	// Everyone's share is 302 and the mean rate 302, so each starts at load 0; whoever takes
	// a 303-unit week ends at 303, so no schedule does better than 303 (the threshold bound),
	// and this one reaches it.
	assert.InDelta(t, 303, plan.Ledger.LowerBound, 1e-9)
	golden(t, "plan.json", b)

	var csv bytes.Buffer
	require.NoError(t, WriteLedgerCSV(&csv, plan.Ledger))
	lines := strings.Split(strings.TrimSpace(csv.String()), "\n")
	require.Len(t, lines, 4)
	assert.Equal(t, strings.Join(LedgerColumns(), ","), lines[0])
	// The week of the clock change is 167 hours: 601200 seconds; the others 604800.
	total := 0
	for _, sh := range plan.Shifts {
		total += int(sh.Duration().Seconds())
	}
	assert.Equal(t, 604800*2+601200, total)
	golden(t, "ledger.csv", csv.Bytes())
}

func TestLedgerAccountsImportedShifts(t *testing.T) {
	// A shift off the cycle grid (Saturday 08:00 to Sunday 08:00, UTC) is priced from the
	// calendar directly: 14 h off-weekend (x 2.25) and 10 h sleep-weekend (x 3) = 61.5.
	m, err := Compile(Problem{Team: team(2, nil), From: tue, To: weeks(1), Spec: Spec{Roles: []RoleSpec{{Name: "primary"}}}})
	require.NoError(t, err)
	sat := time.Date(2026, 1, 10, 8, 0, 0, 0, time.UTC)
	l, err := m.Ledger(oncall.Schedule{{Responder: "p1", Role: "primary", Start: sat, End: sat.Add(24 * time.Hour)}})
	require.NoError(t, err)
	assert.InDelta(t, 61.5, l.Accounts[1].Burden, 1e-9)
	assert.InDelta(t, 30.75, l.Accounts[0].Share, 1e-9)
	assert.Equal(t, 14*time.Hour, l.Accounts[1].Hours.Of(calendar.MakeClass(calendar.Off, calendar.FlagWeekend)))

	_, err = m.Ledger(oncall.Schedule{{Responder: "zed", Role: "primary", Start: sat, End: sat.Add(time.Hour)}})
	var se *ShiftError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, 0, se.Index)
	assert.ErrorIs(t, err, ErrUnknownResponder)
	_, err = m.Ledger(oncall.Schedule{{}, {Responder: "p0", Role: "boss", Start: sat, End: sat.Add(time.Hour)}})
	assert.ErrorIs(t, err, oncall.ErrMissing)
}
