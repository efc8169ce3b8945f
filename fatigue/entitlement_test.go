package fatigue

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall/calendar"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// londonSubject is a person in London with GB bank holidays, default hours (work 08:00-18:00
// Monday to Friday, sleep 22:00-08:00), and a March 2026 of pages.
func londonSubject(t *testing.T) (Subject, *time.Location) {
	lon := mustLoad(t, "Europe/London")
	cal := mustCal(t, calendar.Profile{Zone: lon, Region: "GB"})
	at := func(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, lon) }
	eps := []Episode{
		ep("tue-night", at(3, 3, 0), at(3, 3, 40)),       // woken Tuesday 03:00
		ep("wed-evening", at(4, 20, 0), at(4, 23, 30)),   // long evening, not woken
		ep("fri-late", at(6, 22, 30), at(6, 23, 30)),     // woken: sleep hours start 22:00
		ep("sat-afternoon", at(7, 14, 0), at(7, 15, 30)), // 90 min on a weekend
		ep("sun-short", at(8, 11, 0), at(8, 11, 45)),     // 45 min: not significant
	}
	ims, err := Analyze(cal, eps, Options{})
	require.NoError(t, err)
	return Subject{Person: "ana", Calendar: cal, Impacts: ims}, lon
}

func TestAutomaticDayOffAndRestRule(t *testing.T) {
	s, lon := londonSubject(t)
	ents, err := Combine(AutomaticDayOff(), EURestRule()).Grant(s)
	require.NoError(t, err)
	require.Len(t, ents, 3)
	work := func(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, lon) }

	// Tuesday off: woken at 03:00. The rest rule's late start (03:40 + 11 h = 14:40, 6 h 40
	// min after 08:00) falls on the same day and joins it.
	tue := ents[0]
	assert.True(t, tue.AllDay)
	assert.True(t, tue.EarliestStart.Equal(work(3, 8, 0)))
	assert.True(t, tue.Expires.Equal(work(3, 18, 0)))
	assert.Equal(t, 10*time.Hour, tue.Amount)
	assert.Equal(t, RuleWoken+"+"+RuleRest, tue.Rule)
	assert.Equal(t, []string{"tue-night"}, tue.Episodes)
	assert.Equal(t, Category, tue.Category)

	// Wednesday's episode ends 23:30: 11 h of rest end 10:30 on Thursday, 2 h 30 min after
	// the 08:00 start.
	thu := ents[1]
	assert.False(t, thu.AllDay)
	assert.Equal(t, RuleRest, thu.Rule)
	assert.True(t, thu.EarliestStart.Equal(work(5, 8, 0)))
	assert.Equal(t, 150*time.Minute, thu.Amount)
	assert.Equal(t, []string{"wed-evening"}, thu.Episodes)

	// Monday off, for the Friday 22:30 awakening and for the weekend's 90 + 45 minutes of
	// work.
	mon := ents[2]
	assert.True(t, mon.AllDay)
	assert.True(t, mon.EarliestStart.Equal(work(9, 8, 0)))
	assert.Equal(t, RuleWoken+"+"+RuleWeekend, mon.Rule)
	assert.Equal(t, []string{"fri-late", "sat-afternoon", "sun-short"}, mon.Episodes)
	assert.Equal(t, 10*time.Hour, mon.Amount)
}

func TestWeekendWorkAddsUpOverTheWeekend(t *testing.T) {
	s, lon := londonSubject(t)
	// Saturday 90 min + Sunday 45 min = 135 min (Friday's episode ends before midnight):
	// below a 136 min threshold, nothing.
	ents, err := Policy{Rules: []Rule{WeekendWork{Threshold: 136 * time.Minute}}}.Grant(s)
	require.NoError(t, err)
	assert.Empty(t, ents)
	ents, err = Policy{Rules: []Rule{WeekendWork{Threshold: 135 * time.Minute}}}.Grant(s)
	require.NoError(t, err)
	require.Len(t, ents, 1)
	assert.True(t, ents[0].EarliestStart.Equal(time.Date(2026, 3, 9, 8, 0, 0, 0, lon)))
	assert.Equal(t, []string{"sat-afternoon", "sun-short"}, ents[0].Episodes)
}

func TestWeekendWorkOnHoliday(t *testing.T) {
	lon := mustLoad(t, "Europe/London")
	cal := mustCal(t, calendar.Profile{Zone: lon, Region: "GB"})
	// Good Friday, 3 April 2026, 10:00-11:30. Easter Monday is also a bank holiday in the
	// GB list, so the next working day is Tuesday 7 April.
	require.False(t, cal.IsWorkday(calendar.Date{Year: 2026, Month: 4, Day: 3}))
	require.False(t, cal.IsWorkday(calendar.Date{Year: 2026, Month: 4, Day: 6}))
	start := time.Date(2026, 4, 3, 10, 0, 0, 0, lon)
	ims, err := Analyze(cal, []Episode{ep("gf", start, start.Add(90*time.Minute))}, Options{})
	require.NoError(t, err)
	ents, err := Policy{Rules: []Rule{WeekendWork{Threshold: 90 * time.Minute}}}.Grant(Subject{Person: "ana", Calendar: cal, Impacts: ims})
	require.NoError(t, err)
	require.Len(t, ents, 1)
	assert.True(t, ents[0].EarliestStart.Equal(time.Date(2026, 4, 7, 8, 0, 0, 0, lon)))
	// Just below a higher threshold: nothing.
	ents, err = Policy{Rules: []Rule{WeekendWork{Threshold: 91 * time.Minute}}}.Grant(Subject{Person: "ana", Calendar: cal, Impacts: ims})
	require.NoError(t, err)
	assert.Empty(t, ents)
}

func TestTimeInLieuWithCaps(t *testing.T) {
	s, lon := londonSubject(t)
	p := TimeInLieuPolicy()
	p.Caps = []Cap{{Rule: RuleTimeInLieu, Period: Month, Max: 8 * time.Hour}}
	ents, err := p.Grant(s)
	require.NoError(t, err)
	// Out-of-hours engaged time, doubled: 40 min -> 80; 210 -> 420; 60 -> 120; 90 -> 180;
	// 45 -> 90. The month cap of 480 min leaves 80, 400, 0, 0, 0.
	want := []struct{ amount, capped time.Duration }{
		{80 * time.Minute, 0}, {400 * time.Minute, 20 * time.Minute}, {0, 120 * time.Minute},
		{0, 180 * time.Minute}, {0, 90 * time.Minute},
	}
	require.Len(t, ents, len(want))
	for i, w := range want {
		assert.Equal(t, w.amount, ents[i].Amount, "entitlement %d", i)
		assert.Equal(t, w.capped, ents[i].Capped, "entitlement %d", i)
		assert.Equal(t, ents[i].EarliestStart.AddDate(0, 0, DefaultLieuExpiryDays), ents[i].Expires)
	}
	// Wednesday's episode ends 23:30; the next working start is Thursday 08:00.
	assert.True(t, ents[1].EarliestStart.Equal(time.Date(2026, 3, 5, 8, 0, 0, 0, lon)))

	// Per-episode cap.
	ents, err = Policy{Rules: []Rule{TimeInLieu{Multiplier: 1.5, MaxPerEpisode: time.Hour}}}.Grant(s)
	require.NoError(t, err)
	assert.Equal(t, time.Hour, ents[0].Amount) // 40 min x 1.5 = 60
	assert.Equal(t, time.Hour, ents[1].Amount) // 210 x 1.5 = 315, capped
	assert.Equal(t, 255*time.Minute, ents[1].Capped)
	assert.True(t, ents[0].Expires.IsZero(), "no expiry set")
}

func TestDayOffCapTurnsIntoTimedStretch(t *testing.T) {
	s, _ := londonSubject(t)
	p := AutomaticDayOff()
	p.Caps = []Cap{{Period: Week, Max: 12 * time.Hour}}
	ents, err := p.Grant(s)
	require.NoError(t, err)
	require.Len(t, ents, 2)
	// ISO week 10 holds Tuesday 3 March (10 h); Monday 9 March is week 11.
	assert.Equal(t, 10*time.Hour, ents[0].Amount)
	assert.True(t, ents[1].AllDay)
	p.Caps = []Cap{{Period: Month, Max: 12 * time.Hour}}
	ents, err = p.Grant(s)
	require.NoError(t, err)
	assert.Equal(t, 2*time.Hour, ents[1].Amount)
	assert.Equal(t, 8*time.Hour, ents[1].Capped)
	assert.False(t, ents[1].AllDay)
}

func TestPolicyValidate(t *testing.T) {
	err := Policy{Caps: []Cap{{Period: "fortnight", Max: time.Hour}, {Period: Week, Max: -1}}, Rules: []Rule{nil}, ExpiryDays: -1}.Validate()
	require.ErrorIs(t, err, ErrPolicy)
	for _, want := range []string{"cap 0", "fortnight", "cap 1", "rule 0 is nil", "expiry"} {
		assert.Contains(t, err.Error(), want)
	}
	_, err = AutomaticDayOff().Grant(Subject{Person: "x"})
	assert.ErrorIs(t, err, ErrPolicy)
}

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

func TestExports(t *testing.T) {
	s, _ := londonSubject(t)
	ents, err := Combine(AutomaticDayOff(), EURestRule(), TimeInLieuPolicy()).Grant(s)
	require.NoError(t, err)
	require.Len(t, ents, 8)

	var csvBuf, jsonBuf, icsBuf bytes.Buffer
	require.NoError(t, WriteEntitlementsCSV(&csvBuf, ents))
	require.NoError(t, WriteEntitlementsJSON(&jsonBuf, ents))
	require.NoError(t, WriteEntitlementsICS(&icsBuf, ents, ICSOptions{}))
	golden(t, "entitlements.csv", csvBuf.Bytes())
	golden(t, "entitlements.json", jsonBuf.Bytes())
	golden(t, "entitlements.ics", icsBuf.Bytes())

	lines := strings.Split(strings.TrimSpace(csvBuf.String()), "\n")
	assert.Len(t, lines, 9)
	assert.True(t, strings.HasPrefix(lines[0], "uid,person,rule"))

	// The .ics parses back: one event per entitlement, stable UIDs, all-day dates local.
	parsed, err := ical.NewDecoder(bytes.NewReader(icsBuf.Bytes())).Decode()
	require.NoError(t, err)
	events := parsed.Events()
	require.Len(t, events, len(ents))
	for i, ev := range events {
		uid, err := ev.Props.Text(ical.PropUID)
		require.NoError(t, err)
		assert.Equal(t, ents[i].UID(), uid)
		cat := ev.Props.Get(ical.PropCategories)
		require.NotNil(t, cat)
		assert.Equal(t, Category, cat.Value)
		start := ev.Props.Get(ical.PropDateTimeStart)
		if ents[i].AllDay {
			assert.Equal(t, ical.ValueDate, start.ValueType())
			assert.Equal(t, ents[i].EarliestStart.Format("20060102"), start.Value)
			continue
		}
		st, err := ev.DateTimeStart(time.UTC)
		require.NoError(t, err)
		assert.True(t, st.Equal(ents[i].EarliestStart), "event %d starts %v", i, st)
		en, err := ev.DateTimeEnd(time.UTC)
		require.NoError(t, err)
		assert.Equal(t, ents[i].Amount, en.Sub(st))
	}
	// Same input, same bytes.
	var again bytes.Buffer
	require.NoError(t, WriteEntitlementsICS(&again, ents, ICSOptions{}))
	assert.Equal(t, icsBuf.String(), again.String())
	uids := map[string]bool{}
	for _, e := range ents {
		uids[e.UID()] = true
	}
	assert.Len(t, uids, len(ents), "UIDs are distinct")
	// A day off keeps its UID when another episode joins it.
	more := ents[0]
	more.Episodes = append(slices.Clone(more.Episodes), "later")
	more.Rule += "+" + RuleWeekend
	assert.Equal(t, ents[0].UID(), more.UID())
}

func TestWeekendWorkAcrossMidnight(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	cal := mustCal(t, calendar.Profile{Zone: ny, Region: "US"})
	// Saturday 7 Feb 2026 23:30 to Sunday 00:45: 75 minutes over two weekend dates.
	start := time.Date(2026, 2, 7, 23, 30, 0, 0, ny)
	ims, err := Analyze(cal, []Episode{ep("x", start, start.Add(75*time.Minute))}, Options{})
	require.NoError(t, err)
	ents, err := Policy{Rules: []Rule{WeekendWork{}}}.Grant(Subject{Person: "bo", Calendar: cal, Impacts: ims})
	require.NoError(t, err)
	require.Len(t, ents, 1)
	assert.True(t, ents[0].EarliestStart.Equal(time.Date(2026, 2, 9, 8, 0, 0, 0, ny)))
	// Ending inside working hours needs no late start: rest runs after the working day.
	mon := time.Date(2026, 2, 9, 7, 0, 0, 0, ny)
	ims, err = Analyze(cal, []Episode{ep("y", mon, mon.Add(2*time.Hour))}, Options{})
	require.NoError(t, err)
	ents, err = EURestRule().Grant(Subject{Person: "bo", Calendar: cal, Impacts: ims})
	require.NoError(t, err)
	assert.Empty(t, ents)
}

func TestDayOffSkipsLeave(t *testing.T) {
	lon := mustLoad(t, "Europe/London")
	// On leave Wednesday 4 and Thursday 5 March 2026.
	leave := calendar.LeaveDays(calendar.Date{Year: 2026, Month: 3, Day: 4}, calendar.Date{Year: 2026, Month: 3, Day: 5}, lon)
	cal := mustCal(t, calendar.Profile{Zone: lon, Region: "GB", Leave: []calendar.Interval{leave}})
	// Woken at 02:00 on Wednesday, while on leave: still sleep hours, flagged leave; the
	// next working day is Friday 6 March.
	start := time.Date(2026, 3, 4, 2, 0, 0, 0, lon)
	ims, err := Analyze(cal, []Episode{ep("x", start, start.Add(30*time.Minute))}, Options{})
	require.NoError(t, err)
	assert.True(t, ims[0].Class.Has(calendar.FlagLeave))
	assert.Equal(t, calendar.Sleep, ims[0].Class.Band())
	assert.True(t, ims[0].Woke)
	ents, err := AutomaticDayOff().Grant(Subject{Person: "ana", Calendar: cal, Impacts: ims})
	require.NoError(t, err)
	require.Len(t, ents, 1)
	assert.True(t, ents[0].EarliestStart.Equal(time.Date(2026, 3, 6, 8, 0, 0, 0, lon)))
}

func TestPoliciesPerPerson(t *testing.T) {
	lon := mustLoad(t, "Europe/London")
	cal := mustCal(t, calendar.Profile{Zone: lon, Region: "GB"})
	// Tuesday 3 March 2026, 03:00-03:40: woken in sleep hours.
	start := time.Date(2026, 3, 3, 3, 0, 0, 0, lon)
	ims, err := Analyze(cal, []Episode{ep("n", start, start.Add(40*time.Minute))}, Options{})
	require.NoError(t, err)
	ps := Policies{Default: AutomaticDayOff(), Override: map[string]Policy{"bo": TimeInLieuPolicy()}}
	got, err := ps.Grant(Subject{Person: "ana", Calendar: cal, Impacts: ims})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, RuleWoken, got[0].Rule)
	assert.True(t, got[0].AllDay)
	got, err = ps.Grant(Subject{Person: "bo", Calendar: cal, Impacts: ims})
	require.NoError(t, err)
	require.Len(t, got, 1)
	// 40 minutes in sleep hours at double time.
	assert.Equal(t, RuleTimeInLieu, got[0].Rule)
	assert.Equal(t, 80*time.Minute, got[0].Amount)

	bad := Policies{Default: AutomaticDayOff(), Override: map[string]Policy{"cy": {ExpiryDays: -1}}}
	err = bad.Validate()
	require.ErrorIs(t, err, ErrPolicy)
	assert.Contains(t, err.Error(), `policy for "cy"`)
	_, err = bad.Grant(Subject{Person: "cy", Calendar: cal, Impacts: ims})
	assert.ErrorIs(t, err, ErrPolicy)
	got, err = bad.Grant(Subject{Person: "ana", Calendar: cal, Impacts: ims})
	require.NoError(t, err)
	assert.Len(t, got, 1)
	assert.NoError(t, Policies{}.Validate())
}
