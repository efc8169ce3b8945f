package fatigue

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall/calendar"
)

func TestForecastPageNightMatchesReference(t *testing.T) {
	ref := loadReference(t)
	page := ref.Scenarios[1]
	require.Equal(t, "page_0300_0500", page.Name)
	steady := ref.Scenarios[0]
	sleep := calendar.Window{From: calendar.At(23, 0), To: calendar.At(7, 0)}
	for _, zone := range []string{"Asia/Tokyo", "America/Sao_Paulo"} {
		loc := mustLoad(t, zone)
		cal := mustCal(t, calendar.Profile{Zone: loc, Sleep: sleep})
		// Day 0 is Thursday 15 January 2026; the page runs 03:00-05:00 on Friday, and with no
		// time to fall asleep again the sleep is exactly the reference's.
		start := time.Date(2026, 1, 16, 3, 0, 0, 0, loc)
		ims, err := Analyze(cal, []Episode{ep("p", start, start.Add(2*time.Hour))}, Options{FallAsleep: -1})
		require.NoError(t, err)
		fc, err := DefaultModel().Forecast(cal, ims, calendar.Date{Year: 2026, Month: 1, Day: 12}, calendar.Date{Year: 2026, Month: 1, Day: 20})
		require.NoError(t, err)
		day0 := time.Date(2026, 1, 15, 0, 0, 0, 0, loc)
		for _, pt := range page.Points {
			at := day0.Add(time.Duration(math.Round(pt.Hour * float64(time.Hour))))
			assert.InDelta(t, pt.KSS, fc.Actual.At(at).KSS, 1e-6, "%s hour %v", zone, pt.Hour)
		}
		days, err := fc.Workdays()
		require.NoError(t, err)
		// Mon 12 to Fri 16 and Mon 19, Tue 20: seven working days.
		require.Len(t, days, 7)
		fri := days[4]
		assert.Equal(t, calendar.Date{Year: 2026, Month: 1, Day: 16}, fri.Date)
		w := page.Windows[0]
		assert.InDelta(t, w.MinTotal, fri.Actual.MinAlertness, 1e-6)
		assert.InDelta(t, w.SleepyMinutes, fri.Actual.Sleepy.Minutes(), 1)
		assert.InDelta(t, steady.Windows[0].MinTotal, fri.Baseline.MinAlertness, 1e-6)
		assert.InDelta(t, steady.Windows[0].MinTotal, days[0].Actual.MinAlertness, 1e-6, "undisturbed Monday")
		// The baseline repeats: same values a day later.
		assert.Equal(t, days[0].Baseline.MinAlertness, days[1].Baseline.MinAlertness)
		assert.Equal(t, days[0].Baseline.MinAt.Add(24*time.Hour), days[1].Baseline.MinAt)

		// Nights to baseline: the first morning (07:00 of day k) whose S is within 0.1/0.6
		// of the steady 07:00 value, from the reference's S at 07:00 on days 1 to 4.
		steady7 := steady.Points[0].S
		var mornings []float64
		for _, pt := range page.Points {
			if math.Mod(pt.Hour, 24) == 7 && pt.Hour > 24 {
				mornings = append(mornings, pt.S)
			}
		}
		require.Len(t, mornings, 4)
		want := -1
		for k, s := range mornings {
			if 0.6*math.Abs(s-steady7) <= BaselineTolerance {
				want = k
				break
			}
		}
		require.GreaterOrEqual(t, want, 1, "one night is not enough in the reference")
		got, ok := fc.NightsToBaseline(calendar.Date{Year: 2026, Month: 1, Day: 15})
		assert.True(t, ok)
		assert.Equal(t, want, got)
	}
}

func TestForecastWorkdaysSkipHolidaysAndCrossMidnight(t *testing.T) {
	lon := mustLoad(t, "Europe/London")
	cal := mustCal(t, calendar.Profile{Zone: lon, Region: "GB"})
	fc, err := DefaultModel().Forecast(cal, nil, calendar.Date{Year: 2025, Month: 12, Day: 24}, calendar.Date{Year: 2025, Month: 12, Day: 29})
	require.NoError(t, err)
	days, err := fc.Workdays()
	require.NoError(t, err)
	// 25, 26 December are holidays, 27-28 a weekend: Wednesday 24 and Monday 29 remain.
	require.Len(t, days, 2)
	assert.Equal(t, 24, days[0].Date.Day)
	assert.Equal(t, 29, days[1].Date.Day)
	assert.Equal(t, 10*time.Hour, days[1].Work.Duration())

	night := calendar.Window{From: calendar.At(22, 0), To: calendar.At(6, 0)}
	cal = mustCal(t, calendar.Profile{Zone: lon, WorkingHours: night, Sleep: calendar.Window{From: calendar.At(8, 0), To: calendar.At(16, 0)}})
	fc, err = DefaultModel().Forecast(cal, nil, calendar.Date{Year: 2026, Month: 3, Day: 2}, calendar.Date{Year: 2026, Month: 3, Day: 2})
	require.NoError(t, err)
	days, err = fc.Workdays()
	require.NoError(t, err)
	require.Len(t, days, 1)
	assert.Equal(t, time.Date(2026, 3, 3, 6, 0, 0, 0, lon), days[0].Work.End)
}

func TestForecastErrors(t *testing.T) {
	cal := mustCal(t, calendar.Profile{})
	_, err := DefaultModel().Forecast(cal, nil, calendar.Date{Year: 2026, Month: 1, Day: 2}, calendar.Date{Year: 2026, Month: 1, Day: 1})
	assert.ErrorIs(t, err, calendar.ErrInvalidInterval)
	m := DefaultModel()
	m.Params.G = 1
	_, err = m.Forecast(cal, nil, calendar.Date{Year: 2026, Month: 1, Day: 1}, calendar.Date{Year: 2026, Month: 1, Day: 1})
	assert.ErrorIs(t, err, ErrModel)
}

func TestForecastWithEveryNightLost(t *testing.T) {
	// Episodes that keep the person awake through every sleep window leave nothing to start
	// the run from: an error, as Simulate gives for all-empty sleep.
	cal := mustCal(t, calendar.Profile{Sleep: calendar.Window{From: calendar.At(23, 0), To: calendar.At(7, 0)}})
	start := utc(2026, 1, 1, 22, 0, 0)
	ims, err := Analyze(cal, []Episode{ep("long", start, start.Add(4*24*time.Hour))}, Options{})
	require.NoError(t, err)
	_, err = DefaultModel().Forecast(cal, ims, calendar.Date{Year: 2026, Month: 1, Day: 2}, calendar.Date{Year: 2026, Month: 1, Day: 3})
	assert.ErrorIs(t, err, ErrSleepOrder)
	assert.Contains(t, err.Error(), "no sleep interval to start from")
}
