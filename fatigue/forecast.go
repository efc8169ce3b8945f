package fatigue

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/wellrested/oncall/calendar"
)

// BaselineTolerance is how close, in KSS steps, the morning after a recovery night must
// come to the undisturbed morning to count as back to baseline: a tenth of a step, well
// below the one-step resolution at which people answer the scale.
const BaselineTolerance = 0.1

// Forecast is the model run for one person over a range of dates, next to the same person
// sleeping their habitual hours every night (the baseline).
type Forecast struct {
	model    Model
	cal      *calendar.Calendar
	prof     calendar.Profile
	from, to calendar.Date
	windows  []stretch // the sleep window of each date from the day before from
	// Actual is the run with the episodes; Baseline without.
	Actual, Baseline *Trajectory
}

// Forecast runs the model for one person from the night before from to the night of to.
// The person sleeps their habitual sleep window every night except while the episodes
// (impacts from Analyze) keep them awake, and starts in the steady state of their habits.
func (m Model) Forecast(cal *calendar.Calendar, impacts []Impact, from, to calendar.Date) (*Forecast, error) {
	if to.Before(from) {
		return nil, fmt.Errorf("fatigue: forecast %s to %s: %w", from, to, calendar.ErrInvalidInterval)
	}
	prof := cal.Profile()
	if prof.Sleep.From == prof.Sleep.To {
		return nil, fmt.Errorf("fatigue: forecast: sleep window %s is empty: %w", prof.Sleep, ErrModel)
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	n := from.DaysUntil(to) + 2
	spans := make([]stretch, 0, n)
	zc := zoneCache{loc: prof.Zone}
	for d := from.AddDays(-1); !to.Before(d); d = d.AddDays(1) {
		s, e := windowNs(&zc, prof.Sleep, d)
		spans = append(spans, stretch{s, e})
	}
	sleeps, losses := cut(spans, impacts)
	s0 := m.SteadyS(prof.Sleep.Duration().Hours())
	for _, ss := range [2][]stretch{spans, sleeps} {
		if err := checkSleeps(prof.Zone, ss); err != nil {
			return nil, err
		}
	}
	actual := m.run(prof.Zone, sleeps, losses, s0)
	base := m.run(prof.Zone, spans, nil, s0)
	return &Forecast{model: m, cal: cal, prof: prof, from: from, to: to, windows: spans, Actual: actual, Baseline: base}, nil
}

// window returns the sleep window that starts on d.
func (f *Forecast) window(d calendar.Date) (time.Time, time.Time) {
	if i := f.from.DaysUntil(d) + 1; i >= 0 && i < len(f.windows) {
		zc := zoneCache{loc: f.prof.Zone}
		return zc.local(f.windows[i].s), zc.local(f.windows[i].e)
	}
	return sleepWindow(f.prof, d)
}

// cut removes the impacts' awake stretches from the sleep windows; the removed parts are
// the losses. Both inputs are sorted and the stretches do not overlap, so neither do the
// sleeps, and each window leaves at least its untouched part or its loss.
func cut(windows []stretch, impacts []Impact) (sleeps, losses []stretch) {
	sleeps = make([]stretch, 0, len(windows)+len(impacts))
	losses = make([]stretch, 0, len(impacts))
	j := 0
	for _, w := range windows {
		cur := w.s
		for j < len(impacts) && impacts[j].Awake.End.UnixNano() <= w.s {
			j++
		}
		for k := j; k < len(impacts); k++ {
			a := stretch{impacts[k].Awake.Start.UnixNano(), impacts[k].Awake.End.UnixNano()}
			if a.s >= w.e {
				break
			}
			if a.e <= a.s {
				continue
			}
			s, e := max(a.s, w.s), min(a.e, w.e)
			if s > cur {
				sleeps = append(sleeps, stretch{cur, s})
			}
			switch n := len(losses); {
			case e > s && n > 0 && losses[n-1].e == s:
				losses[n-1].e = e // one stretch awake is one loss, however many episodes made it
			case e > s:
				losses = append(losses, stretch{s, e})
			}
			cur = max(cur, e)
		}
		if w.e > cur {
			sleeps = append(sleeps, stretch{cur, w.e})
		}
	}
	return sleeps, losses
}

// Workday is the model's verdict on one working day.
type Workday struct {
	Date calendar.Date
	// Work is the day's working hours, in the person's zone.
	Work calendar.Interval
	// Actual and Baseline describe the working hours with and without the episodes.
	Actual, Baseline WindowStats
}

// Workdays returns the working days from..to of the forecast, skipping weekends, holidays
// and leave. Working hours that cross midnight belong to the day they start on.
func (f *Forecast) Workdays() ([]Workday, error) {
	out := make([]Workday, 0, f.from.DaysUntil(f.to)+1)
	cache := map[statsKey]cachedStats{}
	cur := f.cal.Cursor()
	zc := zoneCache{loc: f.prof.Zone}
	for d := f.from; !f.to.Before(d); d = d.AddDays(1) {
		work, ok, err := f.workHours(cur, &zc, d)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		wd := Workday{Date: d, Work: work}
		wd.Baseline = f.baselineStats(work, cache)
		wd.Actual = wd.Baseline
		if !sameRun(f.Actual, f.Baseline, work.Start.UnixNano(), work.End.UnixNano()) {
			wd.Actual = f.Actual.Stats(work.Start, work.End)
		}
		out = append(out, wd)
	}
	return out, nil
}

type statsKey struct {
	clock, length, offset int64
	s                     float64 // baseline S at the start, rounded
}

type cachedStats struct {
	st        WindowStats
	minOffset time.Duration
}

// baselineStats caches the baseline by local start, length, offset and state: the baseline
// repeats every day on which all four agree (they differ for a few days after a clock
// change, when the night was an hour shorter or longer).
func (f *Forecast) baselineStats(w calendar.Interval, cache map[statsKey]cachedStats) WindowStats {
	_, off := w.Start.Zone()
	h, m, s := w.Start.Clock()
	key := statsKey{clock: int64(h*3600 + m*60 + s), length: int64(w.Duration()), offset: int64(off),
		s: math.Round(f.Baseline.At(w.Start).S*1e9) / 1e9}
	if c, ok := cache[key]; ok {
		st := c.st
		st.MinAt = w.Start.Add(c.minOffset).UTC()
		return st
	}
	st := f.Baseline.Stats(w.Start, w.End)
	cache[key] = cachedStats{st: st, minOffset: st.MinAt.Sub(w.Start)}
	return st
}

// sameRun reports whether two runs are in the same state through [a, b): same state at a,
// same events until b.
func sameRun(x, y *Trajectory, a, b int64) bool {
	i := sort.Search(len(x.ev), func(i int) bool { return x.ev[i].at > a }) - 1
	j := sort.Search(len(y.ev), func(j int) bool { return y.ev[j].at > a }) - 1
	if i < 0 || j < 0 {
		return false
	}
	for ; ; i, j = i+1, j+1 {
		if x.ev[i] != y.ev[j] {
			return false
		}
		xEnd, yEnd := i+1 >= len(x.ev) || x.ev[i+1].at >= b, j+1 >= len(y.ev) || y.ev[j+1].at >= b
		if xEnd || yEnd {
			return xEnd == yEnd
		}
	}
}

// workHours returns the working hours that start on d, if d is a working day for the
// person and they are not on leave then.
func (f *Forecast) workHours(cur *calendar.Cursor, zc *zoneCache, d calendar.Date) (calendar.Interval, bool, error) {
	start := zc.local(zc.at(d, f.prof.WorkingHours.From))
	if calendar.DateOf(start) != d || cur.Classify(start).Band() != calendar.Business {
		return calendar.Interval{}, false, nil
	}
	if end, ok := plainWorkEnd(f.prof, zc, d, start); ok {
		return calendar.Interval{Start: start, End: end}, true, nil
	}
	segs, err := f.cal.Segments(start, start.Add(36*time.Hour))
	if err != nil {
		return calendar.Interval{}, false, fmt.Errorf("fatigue: working hours of %s: %w", d, err)
	}
	end := start
	for s := range segs {
		if s.Class.Band() != calendar.Business {
			break
		}
		end = s.End
	}
	return calendar.Interval{Start: start, End: end}, true, nil
}

// plainWorkEnd returns the end of the working hours that start on d at start when nothing
// can cut them short: no half-day on d, no leave beginning inside them, and a window that
// ends the same day. Otherwise the calendar must be walked.
func plainWorkEnd(prof calendar.Profile, zc *zoneCache, d calendar.Date, start time.Time) (time.Time, bool) {
	w := prof.WorkingHours
	if w.To <= w.From {
		return time.Time{}, false
	}
	for _, h := range prof.HalfDays {
		if h.Date == d {
			return time.Time{}, false
		}
	}
	end := zc.local(zc.at(d, w.To))
	for _, l := range prof.Leave {
		if l.Start.Before(end) && l.End.After(start) {
			return time.Time{}, false
		}
	}
	return end, true
}

// NightsToBaseline counts the habitual nights after the night that starts on d until the
// person wakes within BaselineTolerance KSS steps of their undisturbed self (homeostatic
// and debt terms; inertia aside). It is 0 when the morning after night d is already there,
// and false when that does not happen within the forecast.
func (f *Forecast) NightsToBaseline(d calendar.Date) (int, bool) {
	slope := math.Abs(f.model.Params.KSSSlope)
	for k := 0; !f.to.Before(d.AddDays(k)); k++ {
		_, morning := f.window(d.AddDays(k))
		a, b := f.Actual.At(morning), f.Baseline.At(morning)
		if slope*math.Abs((a.S+a.Debt)-(b.S+b.Debt)) <= BaselineTolerance {
			return k, true
		}
	}
	return 0, false
}
