package fatigue

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall/calendar"
)

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

func mustCal(t testing.TB, p calendar.Profile) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(p)
	require.NoError(t, err)
	return c
}

func ep(id string, start, end time.Time) Episode {
	return Episode{ID: id, Responder: "ana", Start: start, End: end, Pages: 1, Incidents: []string{id}}
}

func TestAnalyzeSleepAndBusiness(t *testing.T) {
	lon := mustLoad(t, "Europe/London")
	cal := mustCal(t, calendar.Profile{Zone: lon}) // sleep 22:00-08:00, work 08:00-18:00
	// Tuesday 3 March 2026 (GMT).
	night := ep("n", time.Date(2026, 3, 3, 3, 0, 0, 0, lon), time.Date(2026, 3, 3, 3, 40, 0, 0, lon))
	// Second page 10 minutes after the first ended: still falling asleep, so not woken.
	again := ep("a", time.Date(2026, 3, 3, 3, 50, 0, 0, lon), time.Date(2026, 3, 3, 4, 0, 0, 0, lon))
	day := ep("d", time.Date(2026, 3, 3, 10, 0, 0, 0, lon), time.Date(2026, 3, 3, 10, 30, 0, 0, lon))
	ims, err := Analyze(cal, []Episode{day, again, night}, Options{})
	require.NoError(t, err)
	require.Len(t, ims, 3)
	n, a, d := ims[0], ims[1], ims[2]
	assert.Equal(t, "n", n.ID)
	assert.True(t, n.Woke)
	assert.Equal(t, calendar.Sleep, n.Class.Band())
	// 03:00-03:40 engaged, then 20 minutes to fall asleep: awake until 04:00. The second
	// episode ends 04:00, so it adds its own 20 minutes: 04:00-04:20.
	assert.Equal(t, 60*time.Minute, n.SleepLost)
	assert.False(t, a.Woke)
	assert.Equal(t, 20*time.Minute, a.SleepLost)
	assert.Equal(t, time.Date(2026, 3, 3, 4, 0, 0, 0, lon), a.Awake.Start)
	assert.Equal(t, calendar.Date{Year: 2026, Month: 3, Day: 2}, n.Night)
	assert.True(t, n.InNight)
	assert.False(t, d.Woke)
	assert.Equal(t, time.Duration(0), d.SleepLost)
	assert.Equal(t, 30*time.Minute, d.Engaged.Band(calendar.Business))
	assert.False(t, d.InNight)

	nights, err := Nights(cal, ims, calendar.Date{Year: 2026, Month: 3, Day: 2}, calendar.Date{Year: 2026, Month: 3, Day: 3})
	require.NoError(t, err)
	require.Len(t, nights, 2)
	// Window 22:00 Mon to 08:00 Tue (10 h). Awake 03:00-04:20; longest sleep 22:00-03:00.
	assert.Equal(t, 1, nights[0].Awakenings)
	assert.Equal(t, 80*time.Minute, nights[0].SleepLost)
	assert.Equal(t, 5*time.Hour, nights[0].LongestSleep)
	assert.Equal(t, []string{"n", "a"}, nights[0].Episodes)
	assert.True(t, nights[0].Disturbed())
	assert.False(t, nights[1].Disturbed())
	assert.Equal(t, 10*time.Hour, nights[1].LongestSleep)

	s, _, err := Summarize(cal, ims, calendar.Date{Year: 2026, Month: 3, Day: 2}, calendar.Date{Year: 2026, Month: 3, Day: 3})
	require.NoError(t, err)
	assert.Equal(t, 2, s.Nights)
	assert.Equal(t, 1, s.NightsDisturbed)
	assert.Equal(t, 1, s.Awakenings)
	assert.Equal(t, 80*time.Minute, s.SleepLost)
	assert.Equal(t, 5*time.Hour, s.ShortestLongestSleep)
	assert.Equal(t, 3, s.Episodes)
	// 40 + 10 min in sleep hours, 30 min in business hours.
	assert.Equal(t, 50*time.Minute, s.Engaged.Band(calendar.Sleep))
	assert.Equal(t, 80*time.Minute, s.Engaged.Total())
}

func TestNightsAcrossClockChanges(t *testing.T) {
	lon := mustLoad(t, "Europe/London")
	cal := mustCal(t, calendar.Profile{Zone: lon})
	// Clocks go forward at 01:00 GMT on 29 March 2026 and back at 02:00 BST on 25 October:
	// the window 22:00-08:00 lasts 9 h and 11 h those nights.
	nights, err := Nights(cal, nil, calendar.Date{Year: 2026, Month: 3, Day: 28}, calendar.Date{Year: 2026, Month: 3, Day: 29})
	require.NoError(t, err)
	assert.Equal(t, 9*time.Hour, nights[0].LongestSleep)
	assert.Equal(t, 10*time.Hour, nights[1].LongestSleep)
	nights, err = Nights(cal, nil, calendar.Date{Year: 2026, Month: 10, Day: 24}, calendar.Date{Year: 2026, Month: 10, Day: 24})
	require.NoError(t, err)
	assert.Equal(t, 11*time.Hour, nights[0].LongestSleep)

	// A one-hour page from 00:30 GMT on the spring-forward night ends at 01:30 UTC (02:30
	// BST); with 20 min to fall asleep, 80 minutes of sleep are lost.
	start := time.Date(2026, 3, 29, 0, 30, 0, 0, lon)
	ims, err := Analyze(cal, []Episode{ep("x", start, start.Add(time.Hour))}, Options{})
	require.NoError(t, err)
	assert.Equal(t, 80*time.Minute, ims[0].SleepLost)
	nights, err = Nights(cal, ims, calendar.Date{Year: 2026, Month: 3, Day: 28}, calendar.Date{Year: 2026, Month: 3, Day: 28})
	require.NoError(t, err)
	// Before: 22:00 to 00:30 GMT, 2.5 h. After: 01:50 UTC to 08:00 BST (07:00 UTC), 5 h 10 min.
	assert.Equal(t, 5*time.Hour+10*time.Minute, nights[0].LongestSleep)
}

func TestAnalyzeWestOfUTCWindowCrossingMidnight(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	sleep := calendar.Window{From: calendar.At(23, 0), To: calendar.At(7, 0)}
	cal := mustCal(t, calendar.Profile{Zone: ny, Sleep: sleep})
	// 22:30-23:30 EST on Saturday 7 Feb 2026: 30 minutes before bedtime, 30 after, plus
	// 20 min to fall asleep: 50 minutes of sleep lost; it started in off hours, so it did
	// not wake them.
	start := time.Date(2026, 2, 7, 22, 30, 0, 0, ny)
	ims, err := Analyze(cal, []Episode{ep("x", start, start.Add(time.Hour))}, Options{FallAsleep: -1})
	require.NoError(t, err)
	assert.False(t, ims[0].Woke)
	assert.Equal(t, 30*time.Minute, ims[0].SleepLost)
	assert.True(t, ims[0].Class.Has(calendar.FlagWeekend))
	assert.Equal(t, calendar.Date{Year: 2026, Month: 2, Day: 7}, ims[0].Night)
	ims, err = Analyze(cal, []Episode{ep("x", start, start.Add(time.Hour))}, Options{})
	require.NoError(t, err)
	assert.Equal(t, 50*time.Minute, ims[0].SleepLost)
}

func TestNightsRejectsReversedRange(t *testing.T) {
	cal := mustCal(t, calendar.Profile{})
	_, err := Nights(cal, nil, calendar.Date{Year: 2026, Month: 1, Day: 2}, calendar.Date{Year: 2026, Month: 1, Day: 1})
	assert.ErrorIs(t, err, calendar.ErrInvalidInterval)
}

func TestNightsLeapDayAndSydneyClockChange(t *testing.T) {
	syd := mustLoad(t, "Australia/Sydney")
	cal := mustCal(t, calendar.Profile{Zone: syd})
	// 2028 is a leap year: the nights of 28 and 29 February both exist.
	nights, err := Nights(cal, nil, calendar.Date{Year: 2028, Month: 2, Day: 28}, calendar.Date{Year: 2028, Month: 3, Day: 1})
	require.NoError(t, err)
	require.Len(t, nights, 3)
	assert.Equal(t, calendar.Date{Year: 2028, Month: 2, Day: 29}, nights[1].Date)
	assert.True(t, nights[1].End.Equal(time.Date(2028, 3, 1, 8, 0, 0, 0, syd)))
	// Sydney's clocks go back from 03:00 to 02:00 on Sunday 5 April 2026: the night that
	// starts on the 4th lasts 11 hours; forward on 4 October: 9 hours.
	nights, err = Nights(cal, nil, calendar.Date{Year: 2026, Month: 4, Day: 4}, calendar.Date{Year: 2026, Month: 4, Day: 4})
	require.NoError(t, err)
	assert.Equal(t, 11*time.Hour, nights[0].LongestSleep)
	nights, err = Nights(cal, nil, calendar.Date{Year: 2026, Month: 10, Day: 3}, calendar.Date{Year: 2026, Month: 10, Day: 3})
	require.NoError(t, err)
	assert.Equal(t, 9*time.Hour, nights[0].LongestSleep)
	// A page in the repeated hour (the second 02:30, after the change) wakes the person and
	// lands on that night.
	second := time.Date(2026, 4, 4, 16, 30, 0, 0, time.UTC) // 02:30 AEST, UTC+10
	require.Equal(t, 2, second.In(syd).Hour())
	require.Equal(t, 2, second.Add(-time.Hour).In(syd).Hour(), "the first 02:30 is an hour earlier")
	ims, err := Analyze(cal, []Episode{ep("x", second, second.Add(10*time.Minute))}, Options{})
	require.NoError(t, err)
	assert.True(t, ims[0].Woke)
	assert.Equal(t, calendar.Date{Year: 2026, Month: 4, Day: 4}, ims[0].Night)
	assert.Equal(t, 30*time.Minute, ims[0].SleepLost)
}

func TestLongestSleepLeavesOutWorkingHours(t *testing.T) {
	lon := mustLoad(t, "Europe/London")
	// Work starts at 07:00 on weekdays, inside the 22:00-08:00 sleep window: that hour is
	// work, not sleep (the calendar classes it business), so it is no part of any sleep.
	cal := mustCal(t, calendar.Profile{Zone: lon, WorkingHours: calendar.Window{From: calendar.At(7, 0), To: calendar.At(17, 0)}})
	// Monday 2 March 2026 to Tuesday: 22:00-07:00, 9 h. Saturday 7 to Sunday 8: all 10 h.
	nights, err := Nights(cal, nil, calendar.Date{Year: 2026, Month: 3, Day: 2}, calendar.Date{Year: 2026, Month: 3, Day: 7})
	require.NoError(t, err)
	assert.Equal(t, 9*time.Hour, nights[0].LongestSleep)
	assert.Equal(t, 9*time.Hour, nights[3].LongestSleep, "Thursday to Friday")
	assert.Equal(t, 10*time.Hour, nights[4].LongestSleep, "Friday to Saturday: no work on Saturday")
	assert.Equal(t, 10*time.Hour, nights[5].LongestSleep)
	// A page 01:00-02:00 on Tuesday with 20 min to fall asleep: 22:00-01:00 (3 h) and
	// 02:20-07:00 (4 h 40 min); the longest is 4 h 40 min, not the 5 h 40 min to 08:00.
	start := time.Date(2026, 3, 3, 1, 0, 0, 0, lon)
	ims, err := Analyze(cal, []Episode{ep("x", start, start.Add(time.Hour))}, Options{})
	require.NoError(t, err)
	nights, err = Nights(cal, ims, calendar.Date{Year: 2026, Month: 3, Day: 2}, calendar.Date{Year: 2026, Month: 3, Day: 2})
	require.NoError(t, err)
	assert.Equal(t, 4*time.Hour+40*time.Minute, nights[0].LongestSleep)
	assert.Equal(t, 80*time.Minute, nights[0].SleepLost)
}

func TestLongestGap(t *testing.T) {
	// By hand: [0, 100) blocked by [10, 20), [15, 40), [90, 120): gaps 10, 50, 0.
	assert.Equal(t, int64(50), longestGap(0, 100, []stretch{{10, 20}, {15, 40}, {90, 120}}))
	assert.Equal(t, int64(100), longestGap(0, 100, nil))
	assert.Equal(t, int64(0), longestGap(0, 100, []stretch{{0, 100}}))
}
