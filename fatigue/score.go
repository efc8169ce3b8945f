package fatigue

import (
	"math"
	"slices"
	"time"

	"github.com/wellrested/oncall/calendar"
)

// Defaults of Scorer.
const (
	// DefaultSleepyKSS is the KSS level counted as sleepy: 7, "sleepy, but no effort to stay
	// awake", the level from which the risk of incidents rises in the studies the scale was
	// validated on.
	DefaultSleepyKSS = 7
	// DefaultLookback is how far back episodes share a day's model term (see DayScore).
	DefaultLookback = 7 * 24 * time.Hour
)

// Scorer computes the daily fatigue score. The zero value uses the defaults.
//
// A day's score, in hours, is the sleep lost in the night before it plus the extra waking
// time the model predicts at KSS 7 or more compared with the same day after undisturbed
// nights. Both terms only grow when sleep is taken away (the model's S can only be lower
// after less sleep), so an extra or longer page, or one that reaches further into the sleep
// window, never lowers it; a page in business hours costs no sleep and scores nothing; and it
// falls back to zero as the person recovers. Sleep inertia is left out of the model term
// because its timing follows the wake-up, not the amount of sleep: waking early can move it
// out of the working day and would otherwise make a page look restful.
type Scorer struct {
	// SleepyKSS is the KSS level counted as sleepy; zero means DefaultSleepyKSS.
	SleepyKSS float64
	// Lookback bounds which episodes share the model term; zero means DefaultLookback.
	Lookback time.Duration
}

// DayScore is the fatigue score of one person on one local date.
type DayScore struct {
	Date calendar.Date
	// Waking is the day's habitual waking hours, between the two sleep windows.
	Waking calendar.Interval
	// Score is SleepLost plus ExtraSleepy, in hours.
	Score float64
	// SleepLost is the sleep lost in the window that ends this morning.
	SleepLost time.Duration
	// ExtraSleepy is the extra waking time at KSS SleepyKSS or more.
	ExtraSleepy time.Duration
	// ExtraSleepiness is the area between the day's KSS curve and the undisturbed one over
	// the waking hours, in KSS steps times hours (inertia aside); shown, not scored.
	ExtraSleepiness float64
	// Contributions explain the score episode by episode; they sum to it.
	Contributions []Contribution
}

// Contribution is one episode's part of a score.
type Contribution struct {
	Episode string
	// SleepLost is the episode's own lost sleep in the night before the day.
	SleepLost time.Duration
	// ExtraSleepy is the episode's share of the model term: the term split in proportion
	// to the sleep each episode cost within the lookback (or, when the term outlasts it, as
	// the slow debt term can, within the lookback before the latest episode that cost
	// sleep). The model does not attribute effects to single causes, so this is an
	// apportionment, not a measurement.
	ExtraSleepy time.Duration
	// Score is the episode's part of the score, in hours.
	Score float64
}

func (sc Scorer) sleepyKSS() float64 {
	if sc.SleepyKSS == 0 {
		return DefaultSleepyKSS
	}
	return sc.SleepyKSS
}

func (sc Scorer) lookback() time.Duration {
	if sc.Lookback <= 0 {
		return DefaultLookback
	}
	return sc.Lookback
}

// Days scores every date of the forecast. Impacts must be those the forecast was made from.
func (sc Scorer) Days(fc *Forecast, impacts []Impact) ([]DayScore, error) {
	out := make([]DayScore, 0, fc.from.DaysUntil(fc.to)+1)
	cache := map[statsKey]baseDay{}
	scratch := dayScratch{cur: fc.cal.Cursor()}
	for d := fc.from; !fc.to.Before(d); d = d.AddDays(1) {
		ds, err := sc.day(fc, impacts, d, cache, &scratch)
		if err != nil {
			return nil, err
		}
		out = append(out, ds)
	}
	return out, nil
}

// dayScratch holds the lists one day's score is worked out with, reused from day to day.
type dayScratch struct {
	lost, share durations
	order       []string
	cur         *calendar.Cursor
	// night and shared are where the last day's searches of impacts ended: days come in
	// order, so the next day's searches start there.
	night, shared int
}

// firstAwakeAfter returns the first impact from hint on whose awake stretch ends after t,
// moving back to the start when hint is already past it (t earlier than last time).
// Awake.End never decreases along impacts.
func firstAwakeAfter(impacts []Impact, hint int, t time.Time) int {
	if hint > len(impacts) || hint > 0 && impacts[hint-1].Awake.End.After(t) {
		hint = 0
	}
	for hint < len(impacts) && !impacts[hint].Awake.End.After(t) {
		hint++
	}
	return hint
}

// durations is a small map from episode ID to duration, in a slice: a day involves a few
// episodes, and a slice reused every day costs less than a map made every day.
type durations []idDuration

type idDuration struct {
	id string
	d  time.Duration
}

// set sets id's duration, replacing any earlier one.
func (ds *durations) set(id string, d time.Duration) {
	for i := range *ds {
		if (*ds)[i].id == id {
			(*ds)[i].d = d
			return
		}
	}
	*ds = append(*ds, idDuration{id, d})
}

// get returns id's duration and whether it has one.
func (ds durations) get(id string) (time.Duration, bool) {
	for _, x := range ds {
		if x.id == id {
			return x.d, true
		}
	}
	return 0, false
}

func (sc Scorer) day(fc *Forecast, impacts []Impact, d calendar.Date, cache map[statsKey]baseDay, scr *dayScratch) (DayScore, error) {
	nightStart, wake := fc.window(d.AddDays(-1))
	bed, _ := fc.window(d)
	ds := DayScore{Date: d, Waking: calendar.Interval{Start: wake, End: bed}}
	scr.lost, scr.share, scr.order = scr.lost[:0], scr.share[:0], scr.order[:0]
	// Awake.End never decreases along impacts, so the night's episodes start here.
	scr.night = firstAwakeAfter(impacts, scr.night, nightStart)
	for i := scr.night; i < len(impacts); i++ {
		im := &impacts[i]
		a := im.Awake
		if !a.Start.Before(wake) {
			break
		}
		if !a.End.After(a.Start) {
			continue
		}
		l := im.SleepLost // all of it, when the stretch lies inside the night
		if a.Start.Before(nightStart) || a.End.After(wake) {
			var err error
			if l, err = sleepBetween(scr.cur, maxTime(a.Start, nightStart), minTime(a.End, wake)); err != nil {
				return DayScore{}, err
			}
		}
		if l > 0 {
			scr.lost.set(im.ID, l)
			scr.order = append(scr.order, im.ID)
			ds.SleepLost += l
		}
	}
	if bed.After(wake) {
		ds.ExtraSleepy, ds.ExtraSleepiness = sc.modelTerm(fc, wake, bed, cache)
	}
	ds.Score = ds.SleepLost.Hours() + ds.ExtraSleepy.Hours()
	ds.Contributions = sc.explain(impacts, scr, wake, ds.ExtraSleepy)
	return ds, nil
}

// modelTerm measures the waking hours [wake, bed) against the baseline.
func (sc Scorer) modelTerm(fc *Forecast, wake, bed time.Time, cache map[statsKey]baseDay) (time.Duration, float64) {
	p := &fc.model.Params
	k := sc.sleepyKSS()
	b0 := fc.Baseline.At(wake)
	a0 := fc.Actual.At(wake)
	_, off := wake.Zone()
	h, m, s := wake.Clock()
	key := statsKey{clock: int64(h*3600 + m*60 + s), length: int64(bed.Sub(wake)), offset: int64(off), s: math.Round(b0.S*1e9) / 1e9}
	base, ok := cache[key]
	if !ok {
		st := fc.Baseline.stats(wake.UnixNano(), bed.UnixNano(), withoutInertia, k, math.Inf(1), true)
		base = baseDay{sleepy: st.Sleepy, min: st.MinAlertness}
		cache[key] = base
	}
	// Both runs are awake all through the waking hours, so the gap in S shrinks as exp(D·t)
	// and the debt as exp(-t/τ), or not at all when it is repaid only in sleep: the gap is
	// largest at waking, and the area under it has a closed form.
	gap0 := (b0.S - a0.S) - a0.Debt
	hrs := bed.Sub(wake).Hours()
	area := (b0.S - a0.S) * (math.Exp(p.D*hrs) - 1) / p.D
	switch debt := fc.model.Debt; {
	case debt.Weight > 0 && debt.SleepTimeConstant > 0:
		area += -a0.Debt * hrs
	case debt.Weight > 0:
		tau := debt.TimeConstant.Hours()
		area += -a0.Debt * tau * (1 - math.Exp(-hrs/tau))
	}
	area = math.Abs(p.KSSSlope) * max(0, area)
	var extra time.Duration
	// The day cannot reach the sleepy level when even the baseline's lowest point, lowered
	// by the largest gap, stays above it; only then is there anything to measure.
	if gap0 > 0 && p.KSS(base.min-gap0-minMargin) >= k {
		a := fc.Actual.stats(wake.UnixNano(), bed.UnixNano(), withoutInertia, k, math.Inf(1), false)
		extra = time.Duration(max(0, float64(a.Sleepy-base.sleepy)))
	}
	return extra, area
}

// minMargin covers the part of a minimum that sampling can miss between samples.
const minMargin = 0.05

// baseDay is what the score needs of a baseline day.
type baseDay struct {
	sleepy time.Duration
	min    float64
}

// share notes the sleep lost by the episodes whose awake stretch ends after from and that
// start by wake, and returns its total.
func (sc Scorer) share(impacts []Impact, scr *dayScratch, from, wake time.Time) time.Duration {
	var total time.Duration
	scr.shared = firstAwakeAfter(impacts, scr.shared, from)
	for i := scr.shared; i < len(impacts); i++ {
		im := &impacts[i]
		if im.Start.After(wake) {
			break
		}
		if im.SleepLost > 0 {
			scr.share.set(im.ID, im.SleepLost)
			total += im.SleepLost
			if _, ok := scr.lost.get(im.ID); !ok && !slices.Contains(scr.order, im.ID) {
				scr.order = append(scr.order, im.ID)
			}
		}
	}
	return total
}

// lastLoss returns the index of the last impact before from that started by wake and cost
// sleep, or -1.
func lastLoss(impacts []Impact, from int, wake time.Time) int {
	for i := min(from, len(impacts)) - 1; i >= 0; i-- {
		if im := &impacts[i]; im.SleepLost > 0 && !im.Start.After(wake) {
			return i
		}
	}
	return -1
}

// explain splits the score between episodes: each keeps its own lost sleep, and the model
// term is shared in proportion to the sleep lost within the lookback before waking, or,
// when none was lost then, within the lookback before the latest loss.
func (sc Scorer) explain(impacts []Impact, scr *dayScratch, wake time.Time, extra time.Duration) []Contribution {
	var total time.Duration
	if extra > 0 {
		total = sc.share(impacts, scr, wake.Add(-sc.lookback()), wake)
		if total == 0 {
			// The model term outlasts the lookback (the debt term fades over weeks): it
			// belongs to the losses of the lookback that ends with the latest one.
			if last := lastLoss(impacts, scr.shared, wake); last >= 0 {
				total = sc.share(impacts, scr, impacts[last].Awake.End.Add(-sc.lookback()), wake)
			}
		}
	}
	if len(scr.order) == 0 {
		return nil
	}
	out := make([]Contribution, 0, len(scr.order))
	var given time.Duration
	for i, id := range scr.order {
		lost, _ := scr.lost.get(id)
		c := Contribution{Episode: id, SleepLost: lost}
		if total > 0 {
			share, _ := scr.share.get(id)
			c.ExtraSleepy = time.Duration(float64(extra) * float64(share) / float64(total))
			if i == len(scr.order)-1 {
				c.ExtraSleepy = extra - given // rounding goes to the last, so the parts sum exactly
			}
			given += c.ExtraSleepy
		}
		c.Score = c.SleepLost.Hours() + c.ExtraSleepy.Hours()
		out = append(out, c)
	}
	return out
}

// PeriodScore totals day scores.
type PeriodScore struct {
	From, To    calendar.Date
	Days        int
	Score       float64
	SleepLost   time.Duration
	ExtraSleepy time.Duration
	// Contributions add up each episode's parts over the period, in order of first
	// appearance.
	Contributions []Contribution
}

// Total adds up day scores.
func Total(days []DayScore) PeriodScore {
	var ps PeriodScore
	idx := map[string]int{}
	for i, d := range days {
		if i == 0 {
			ps.From = d.Date
		}
		ps.To = d.Date
		ps.Days++
		ps.Score += d.Score
		ps.SleepLost += d.SleepLost
		ps.ExtraSleepy += d.ExtraSleepy
		for _, c := range d.Contributions {
			j, ok := idx[c.Episode]
			if !ok {
				j = len(ps.Contributions)
				idx[c.Episode] = j
				ps.Contributions = append(ps.Contributions, Contribution{Episode: c.Episode})
			}
			pc := &ps.Contributions[j]
			pc.SleepLost += c.SleepLost
			pc.ExtraSleepy += c.ExtraSleepy
			pc.Score += c.Score
		}
	}
	return ps
}
