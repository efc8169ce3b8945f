package fatigue

import (
	"encoding/json"
	"math"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall/calendar"
	"pgregory.net/rapid"
)

// The reference values come from testdata/tpm_reference.py, which integrates the model's
// differential equations numerically (Runge-Kutta, one-minute steps) instead of using the
// closed forms, with the parameters of Ingre et al., PLoS ONE 9(10):e108679, 2014.
type tpmReference struct {
	Params    map[string]float64 `json:"params"`
	Scenarios []struct {
		Name       string       `json:"name"`
		Sleeps     [][2]float64 `json:"sleeps"`
		SAtBedtime float64      `json:"s_at_bedtime"`
		Points     []struct {
			Hour, S, C, U, W, Total, KSS float64
		} `json:"points"`
		Windows []struct {
			From, To        float64
			SleepyMinutes   float64 `json:"sleepy_minutes"`
			HighRiskMinutes float64 `json:"high_risk_minutes"`
			MinTotal        float64 `json:"min_total"`
			MinHour         float64 `json:"min_hour"`
		} `json:"windows"`
	} `json:"scenarios"`
}

func loadReference(t *testing.T) tpmReference {
	t.Helper()
	b, err := os.ReadFile("testdata/tpm_reference.json")
	require.NoError(t, err)
	var ref tpmReference
	require.NoError(t, json.Unmarshal(b, &ref))
	require.Len(t, ref.Scenarios, 3)
	return ref
}

func TestIngreParamsMatchReference(t *testing.T) {
	ref := loadReference(t)
	p := IngreParams()
	got := map[string]float64{"la": p.La, "ha": p.Ha, "d": p.D, "g": p.G, "bl": p.BL, "c_mesor": p.CMesor,
		"c_amplitude": p.CAmplitude, "c_peak_hour": p.CPeak, "u_mesor": p.UMesor, "u_amplitude": p.UAmplitude,
		"u_shift_hours": p.UShift, "wc": p.WakeInertia, "wd": p.InertiaRate, "s0": p.S0}
	for k, v := range ref.Params {
		assert.InDelta(t, v, got[k], 1e-15, k)
	}
	// g = ln(0.3/6.34)/8 = -0.381356 (the FIPS documentation quotes "about -0.3813").
	assert.InDelta(t, -0.3813, p.G, 1e-4)
}

func TestModelAgainstReference(t *testing.T) {
	ref := loadReference(t)
	// Zones without clock changes on both sides of UTC: the model reads local time of day, so
	// the same local schedule gives the same values everywhere.
	for _, zone := range []string{"UTC", "Asia/Tokyo", "America/Sao_Paulo"} {
		loc := mustLoad(t, zone)
		day0 := time.Date(2026, 1, 15, 0, 0, 0, 0, loc)
		at := func(h float64) time.Time { return day0.Add(time.Duration(math.Round(h * float64(time.Hour)))) }
		for _, sc := range ref.Scenarios {
			var sleeps []calendar.Interval
			for _, s := range sc.Sleeps {
				sleeps = append(sleeps, calendar.Interval{Start: at(s[0]), End: at(s[1])})
			}
			tr, err := DefaultModel().Simulate(loc, sleeps, nil, IngreParams().S0)
			require.NoError(t, err)
			for _, pt := range sc.Points {
				a := tr.At(at(pt.Hour))
				name := zone + " " + sc.Name
				assert.InDelta(t, pt.S, a.S, 1e-6, "%s S at %v", name, pt.Hour)
				assert.InDelta(t, pt.C, a.C, 1e-9, "%s C at %v", name, pt.Hour)
				assert.InDelta(t, pt.U, a.U, 1e-9, "%s U at %v", name, pt.Hour)
				assert.InDelta(t, pt.W, a.W, 1e-9, "%s W at %v", name, pt.Hour)
				assert.InDelta(t, pt.KSS, a.KSS, 1e-6, "%s KSS at %v", name, pt.Hour)
			}
			for _, w := range sc.Windows {
				st := tr.Stats(at(w.From), at(w.To))
				// The reference counts whole minutes on a one-minute grid.
				assert.InDelta(t, w.SleepyMinutes, st.Sleepy.Minutes(), 1, "%s sleepy", sc.Name)
				assert.InDelta(t, w.HighRiskMinutes, st.HighRisk.Minutes(), 1, "%s high risk", sc.Name)
				// The reference's minimum is the lowest whole minute; the refined one can only
				// be lower, by at most the curvature over half a minute.
				assert.InDelta(t, w.MinTotal, st.MinAlertness, 1e-5, "%s min", sc.Name)
				assert.LessOrEqual(t, st.MinAlertness, w.MinTotal+1e-6, "%s min (reference integrates to 1e-6)", sc.Name)
				assert.WithinDuration(t, at(w.MinHour), st.MinAt, 90*time.Second, "%s min at", sc.Name)
			}
			if sc.SAtBedtime != 0 {
				// Steady state: the closed-form fixed point of a day of 16 h awake and 8 h asleep.
				assert.InDelta(t, sc.SAtBedtime, DefaultModel().SteadyS(8), 1e-6)
			}
		}
	}
}

func TestModelValidate(t *testing.T) {
	m := DefaultModel()
	m.Params.D = 0.1
	m.Params.BL = 20
	m.Debt.Weight = 1
	err := m.Validate()
	require.ErrorIs(t, err, ErrModel)
	assert.Contains(t, err.Error(), "d = 0.1")
	assert.Contains(t, err.Error(), "bl = 20")
	assert.Contains(t, err.Error(), "debt time constant")
	m = DefaultModel()
	m.Params.G = math.NaN()
	assert.ErrorIs(t, m.Validate(), ErrModel)
	assert.NoError(t, DefaultModel().Validate())
}

func TestSimulateRejectsOverlappingSleep(t *testing.T) {
	t0 := utc(2026, 1, 1, 23, 0, 0)
	_, err := DefaultModel().Simulate(time.UTC, []calendar.Interval{
		{Start: t0, End: t0.Add(8 * time.Hour)}, {Start: t0.Add(7 * time.Hour), End: t0.Add(9 * time.Hour)},
	}, nil, 8)
	require.ErrorIs(t, err, ErrSleepOrder)
	assert.Contains(t, err.Error(), "sleep 1")
	_, err = DefaultModel().Simulate(time.UTC, nil, nil, 8)
	assert.ErrorIs(t, err, ErrSleepOrder)
	_, err = DefaultModel().Simulate(time.UTC, []calendar.Interval{{Start: t0, End: t0}}, nil, 8)
	assert.ErrorIs(t, err, ErrSleepOrder)
	// An empty first interval is skipped: the run starts asleep at the second.
	tr, err := DefaultModel().Simulate(time.UTC, []calendar.Interval{{Start: t0, End: t0}, {Start: t0.Add(time.Hour), End: t0.Add(9 * time.Hour)}}, nil, 8)
	require.NoError(t, err)
	assert.True(t, tr.At(t0.Add(2*time.Hour)).Asleep)
	// Linear phase from 8 (below BL 12.2) at G·(BL-Ha) per hour: 8 + 0.38136·2.1 after 1 h.
	assert.InDelta(t, 8+IngreParams().G*(12.2-14.3), tr.At(t0.Add(2*time.Hour)).S, 1e-12)
}

func TestDebtTerm(t *testing.T) {
	// Two hours lost, repaid with a 48 h time constant, weighing 0.5 per hour: 24 h after
	// the loss ended the term is -0.5 * 2 * exp(-24/48) = -0.60653.
	m := DefaultModel()
	m.Debt = Debt{Weight: 0.5, TimeConstant: 48 * time.Hour}
	t0 := utc(2026, 1, 1, 23, 0, 0)
	sleeps := []calendar.Interval{{Start: t0, End: t0.Add(4 * time.Hour)}, {Start: t0.Add(6 * time.Hour), End: t0.Add(8 * time.Hour)}}
	loss := []calendar.Interval{{Start: t0.Add(4 * time.Hour), End: t0.Add(6 * time.Hour)}}
	tr, err := m.Simulate(time.UTC, sleeps, loss, 9)
	require.NoError(t, err)
	assert.InDelta(t, -0.5*2*math.Exp(-0.5), tr.At(t0.Add(30*time.Hour)).Debt, 1e-9)
	assert.Zero(t, tr.At(t0.Add(5*time.Hour)).Debt, "no debt before the loss ends")
	off, err := DefaultModel().Simulate(time.UTC, sleeps, loss, 9)
	require.NoError(t, err)
	// Only the debt term differs.
	a, b := tr.At(t0.Add(30*time.Hour)), off.At(t0.Add(30*time.Hour))
	assert.InDelta(t, b.Total+a.Debt, a.Total, 1e-9)
}

func TestWindowStatsJSON(t *testing.T) {
	b, err := json.Marshal(WindowStats{MinAlertness: math.NaN(), MaxKSS: math.NaN()})
	require.NoError(t, err)
	assert.JSONEq(t, `{"sleepy_seconds":0,"high_risk_seconds":0,"min_alertness":null,"min_at":null,"max_kss":null}`, string(b))
	b, err = json.Marshal(WindowStats{Sleepy: 90 * time.Second, MinAlertness: 5, MaxKSS: 7.6, MinAt: utc(2026, 1, 2, 3, 4, 5)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"sleepy_seconds":90,"high_risk_seconds":0,"min_alertness":5,"min_at":"2026-01-02T03:04:05Z","max_kss":7.6}`, string(b))
}

func TestDefaultDebtReproducesRestrictionStudies(t *testing.T) {
	// Fourteen nights of 23:00-05:00 for a person whose habit is 23:00-07:00 (Van Dongen et
	// al. 2003's six-hour condition), then one ten-hour night (Banks et al. 2010's recovery
	// night), 23:00-09:00.
	m := Model{Params: IngreParams(), Debt: DefaultDebt()}
	t0 := utc(2026, 1, 1, 23, 0, 0)
	var sleeps, losses []calendar.Interval
	for k := range 14 {
		bed := t0.AddDate(0, 0, k)
		sleeps = append(sleeps, calendar.Interval{Start: bed, End: bed.Add(6 * time.Hour)})
		losses = append(losses, calendar.Interval{Start: bed.Add(6 * time.Hour), End: bed.Add(8 * time.Hour)})
	}
	rec := t0.AddDate(0, 0, 14)
	sleeps = append(sleeps, calendar.Interval{Start: rec, End: rec.Add(10 * time.Hour)})
	tr, err := m.Simulate(time.UTC, sleeps, losses, m.SteadyS(8))
	require.NoError(t, err)
	morning := func(k int) time.Time { return t0.AddDate(0, 0, k).Add(8 * time.Hour) } // 07:00 after night k
	// Debt accumulates: every restricted morning is worse than the one before.
	for k := 1; k < 14; k++ {
		assert.Less(t, tr.At(morning(k)).Debt, tr.At(morning(k-1)).Debt, "morning %d", k)
	}
	// After the fourteenth night: 2 h * sum of exp(-j/14) for j = 0..13 = 18.339 h of debt,
	// times 0.36 (worked out by hand from the closed form).
	var hours float64
	for j := range 14 {
		hours += 2 * math.Exp(-float64(j)/14)
	}
	assert.InDelta(t, 18.339, hours, 1e-3)
	assert.InDelta(t, -0.36*hours, tr.At(morning(13)).Debt, 1e-9)
	// One ten-hour night does not clear it: a day later exp(-1/14) = 93% is left (at 07:00,
	// during the long night's last two hours).
	after := tr.At(morning(14))
	assert.InDelta(t, -0.36*hours*math.Exp(-1.0/14), after.Debt, 1e-9)
	assert.Less(t, after.Debt, 0.9*tr.At(morning(13)).Debt)
	// Three days on, as after Belenky et al. 2003's three recovery nights, 81% is left.
	assert.InDelta(t, math.Exp(-3.0/14), tr.At(morning(16)).Debt/tr.At(morning(13)).Debt, 1e-9)
	// The weight's calibration: one night without sleep lowers the next morning's S by
	// 6.525 units (steady 07:00 S 13.820 against 7.295 after 24 h awake, from the closed
	// forms), which the debt after the fourteenth night matches to within the rounding of
	// the weight to two decimals.
	p := IngreParams()
	steady := p.sleep(m.SteadyS(8), 8)
	drop := steady - p.wake(steady, 24)
	assert.InDelta(t, 6.525, drop, 1e-3)
	assert.InDelta(t, drop, -tr.At(morning(13)).Debt, 0.1)
}

func TestSpanFindsCrossingToAMillisecond(t *testing.T) {
	// A smooth curve with one crossing at a known instant c: v(t) = th + k·tanh((t-c)/w).
	// The time at or past th (here: v <= th, as with alertness below a KSS level) over
	// [0, T] is then exactly T - c or c, to which span must come within a millisecond.
	rapid.Check(t, func(t *rapid.T) {
		const T = int64(30 * time.Minute)
		c := rapid.Int64Range(1, T-1).Draw(t, "crossing")
		w := float64(rapid.Int64Range(int64(time.Minute), int64(3*time.Hour)).Draw(t, "width"))
		k := rapid.Float64Range(0.01, 5).Draw(t, "scale")
		if rapid.Bool().Draw(t, "falling") {
			k = -k
		}
		th := 7.3
		at := func(x int64) float64 { return th + k*math.Tanh(float64(x-c)/w) }
		past := func(v, th float64) bool { return v <= th }
		got := span(0, T, at(0), at(T), th, past, at)
		want := float64(c) // rising (k > 0): past until c; falling: past from c on
		if k < 0 {
			want = float64(T - c)
		}
		if math.Abs(got-want) > float64(time.Millisecond) {
			t.Fatalf("got %v, want %v", time.Duration(got), time.Duration(want))
		}
	})
}

func TestDebtRepaidInSleep(t *testing.T) {
	// Two hours lost between 03:00 and 05:00, weighing 0.5 per hour, repaid with an 8-hour
	// time constant counted in sleep only: the lump of 2 h lands at 05:00 and decays while
	// asleep, 05:00-07:00, to 2·exp(-2/8), then stays put all day while awake.
	m := DefaultModel()
	m.Debt = Debt{Weight: 0.5, SleepTimeConstant: 8 * time.Hour}
	t0 := utc(2026, 1, 1, 23, 0, 0)
	sleeps := []calendar.Interval{{Start: t0, End: t0.Add(4 * time.Hour)}, {Start: t0.Add(6 * time.Hour), End: t0.Add(8 * time.Hour)},
		{Start: t0.Add(24 * time.Hour), End: t0.Add(32 * time.Hour)}}
	loss := []calendar.Interval{{Start: t0.Add(4 * time.Hour), End: t0.Add(6 * time.Hour)}}
	tr, err := m.Simulate(time.UTC, sleeps, loss, 9)
	require.NoError(t, err)
	assert.Zero(t, tr.At(t0.Add(5*time.Hour)).Debt, "no debt before the loss ends")
	assert.InDelta(t, -0.5*2*math.Exp(-1.0/8), tr.At(t0.Add(7*time.Hour)).Debt, 1e-12, "an hour into the sleep after it")
	day := -0.5 * 2 * math.Exp(-2.0/8)
	assert.InDelta(t, day, tr.At(t0.Add(8*time.Hour)).Debt, 1e-12, "at waking")
	assert.InDelta(t, day, tr.At(t0.Add(23*time.Hour)).Debt, 1e-12, "unchanged through the waking day")
	// The next night of 8 h repays exp(-8/8) of it.
	assert.InDelta(t, day*math.Exp(-1), tr.At(t0.Add(32*time.Hour)).Debt, 1e-12)
	// With time-based repayment at an 8-hour constant the waking day would have repaid
	// too: the two differ only in the debt term.
	off, err := DefaultModel().Simulate(time.UTC, sleeps, loss, 9)
	require.NoError(t, err)
	a, b := tr.At(t0.Add(20*time.Hour)), off.At(t0.Add(20*time.Hour))
	assert.InDelta(t, b.Total+a.Debt, a.Total, 1e-9)
	m.Debt.SleepTimeConstant = -time.Hour
	assert.ErrorIs(t, m.Validate(), ErrModel)
}

func TestSleepRepaidDebtFollowsSleepObtained(t *testing.T) {
	// Van Dongen et al.'s six-hour condition as in TestDefaultDebtReproducesRestrictionStudies
	// (fourteen nights 23:00-05:00, the last two habitual hours lost), then a recovery night,
	// with the debt repaid in sleep (112 h constant).
	m := Model{Params: IngreParams(), Debt: SleepRepaidDebt()}
	t0 := utc(2026, 1, 1, 23, 0, 0)
	restricted := func(recovery time.Duration) *Trajectory {
		var sleeps, losses []calendar.Interval
		for k := range 14 {
			bed := t0.AddDate(0, 0, k)
			sleeps = append(sleeps, calendar.Interval{Start: bed, End: bed.Add(6 * time.Hour)})
			losses = append(losses, calendar.Interval{Start: bed.Add(6 * time.Hour), End: bed.Add(8 * time.Hour)})
		}
		rec := t0.AddDate(0, 0, 14)
		sleeps = append(sleeps, calendar.Interval{Start: rec, End: rec.Add(recovery)})
		tr, err := m.Simulate(time.UTC, sleeps, losses, m.SteadyS(8))
		require.NoError(t, err)
		return tr
	}
	tr := restricted(10 * time.Hour)
	morning := func(k int) time.Time { return t0.AddDate(0, 0, k).Add(8 * time.Hour) } // 07:00 after night k
	// Each 2 h lump lands at 07:00; each six-hour night keeps exp(-6/112) of what came
	// before: after the fourteenth, 2·Σ exp(-6j/112) for j = 0..13 = 2·(1-exp(-84/112)) /
	// (1-exp(-6/112)) = 20.231 h (worked out by hand), weighing 0.36 an hour.
	hours := 2 * (1 - math.Exp(-84.0/112)) / (1 - math.Exp(-6.0/112))
	assert.InDelta(t, 20.231, hours, 1e-3)
	assert.InDelta(t, -0.36*hours, tr.At(morning(13)).Debt, 1e-9)
	// No repayment while awake: at 22:59 the debt is still that of 07:00.
	assert.InDelta(t, tr.At(morning(13)).Debt, tr.At(morning(13).Add(15*time.Hour+59*time.Minute)).Debt, 1e-12)
	// Banks et al.'s ten-hour recovery night keeps exp(-10/112) = 91.5%; an eight-hour one
	// exp(-8/112) = 93.1%, and a six-hour one exp(-6/112) = 94.8%: more sleep, more repaid.
	end := t0.AddDate(0, 0, 14).Add(10 * time.Hour) // 09:00, when the ten-hour night ends
	for _, c := range []struct {
		night time.Duration
		kept  float64
	}{{10 * time.Hour, math.Exp(-10.0 / 112)}, {8 * time.Hour, math.Exp(-8.0 / 112)}, {6 * time.Hour, math.Exp(-6.0 / 112)}} {
		got := restricted(c.night).At(end).Debt / tr.At(morning(13)).Debt
		assert.InDelta(t, c.kept, got, 1e-9, "recovery night of %v", c.night)
	}
	// An undisturbed eight-hour sleeper's mornings match the time-based default: a lump
	// of debt repaid over one 23:00-07:00 night keeps exp(-8/112) = exp(-24/336).
	assert.InDelta(t, math.Exp(-24*time.Hour.Hours()/DefaultDebtTimeConstant.Hours()), math.Exp(-8/DefaultDebtSleepTimeConstant.Hours()), 1e-15)
}
