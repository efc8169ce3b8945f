package metrics

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"
)

// ErrInvalidPeriod reports an unknown period, or a span of pages too long to count per
// period.
var ErrInvalidPeriod = errors.New("invalid period")

// Count is the pages and incidents of one responder, role, service or team, with the time on
// call behind them where shifts are known.
type Count struct {
	// Key is the responder ID, role, service or team ("" for pages without one).
	Key       string `json:"key"`
	Pages     int    `json:"pages"`
	Incidents int    `json:"incidents"`
	// OnCallHours is the shift time of this responder, role or team: NaN for services and
	// when no shifts were given.
	OnCallHours Float `json:"on_call_hours"`
	// PagesPerOnCallHour is Pages / OnCallHours; NaN when that is unknown or zero. Pages
	// outside any shift still count in Pages.
	PagesPerOnCallHour Float `json:"pages_per_on_call_hour"`
}

// Volume counts pages and incidents overall and per responder, role, service, team and
// period. An incident that paged several people counts once in each group it touched.
type Volume struct {
	Pages              int           `json:"pages"`
	Incidents          int           `json:"incidents"`
	OnCallHours        Float         `json:"on_call_hours"`
	PagesPerOnCallHour Float         `json:"pages_per_on_call_hour"`
	ByResponder        []Count       `json:"by_responder"`
	ByRole             []Count       `json:"by_role"`
	ByService          []Count       `json:"by_service"`
	ByTeam             []Count       `json:"by_team"`
	Period             Period        `json:"period"`
	ByPeriod           []PeriodCount `json:"by_period"`
}

// VolumeOf counts the pages of in. Groups are sorted by pages, most first, then by key;
// periods run without gaps from the first page's to the last page's, in opt.Zone.
func VolumeOf(in Input, opt Options) (Volume, error) {
	pp, err := prepare(in, opt, false)
	if err != nil {
		return Volume{}, err
	}
	return pp.volume(opt)
}

// maxPeriods bounds the periods of one summary: 300 years of days.
const maxPeriods = 300 * 366

func (pp *prepared) volume(opt Options) (Volume, error) {
	exp := exposureOf(pp.in)
	have := len(pp.in.Shifts) > 0
	n := len(pp.trig)
	v := Volume{Pages: n, Incidents: pp.inc.num(), OnCallHours: NaN(), PagesPerOnCallHour: NaN()}
	if have {
		v.OnCallHours = Float(exp.total)
		v.PagesPerOnCallHour = ratio(float64(n), exp.total)
	}
	counts := func(g grouping, hours map[string]float64) []Count {
		pages, incs := pp.inc.count(g)
		out := make([]Count, len(g.keys))
		for i, k := range g.keys {
			c := Count{Key: k, Pages: pages[i], Incidents: incs[i], OnCallHours: NaN(), PagesPerOnCallHour: NaN()}
			if hours != nil {
				c.OnCallHours = exp.hoursOf(hours, k, have)
				c.PagesPerOnCallHour = ratio(float64(c.Pages), float64(c.OnCallHours))
			}
			out[i] = c
		}
		slices.SortFunc(out, func(a, b Count) int {
			return cmp.Or(cmp.Compare(b.Pages, a.Pages), cmp.Compare(a.Key, b.Key))
		})
		return out
	}
	v.ByResponder = counts(pp.responder, exp.byResponder)
	v.ByRole = counts(pp.role, exp.byRole)
	v.ByService = counts(pp.service, nil)
	v.ByTeam = counts(pp.team, exp.byTeam)
	v.Period = opt.Period.orDefault()
	var err error
	v.ByPeriod, err = pp.periodCounts(v.Period, opt.zone())
	return v, err
}

// periodCounts counts pages and incidents per period, including empty periods between the
// first and the last. An incident counts once in each period in which it paged someone.
func (pp *prepared) periodCounts(p Period, loc *time.Location) ([]PeriodCount, error) {
	if p != Day && p != Week && p != Month {
		return nil, fmt.Errorf("metrics: period %q: %w", p, ErrInvalidPeriod)
	}
	if len(pp.trig) == 0 {
		return []PeriodCount{}, nil
	}
	g, lo := pp.periods(p, loc)
	if len(g.keys) > maxPeriods {
		return nil, fmt.Errorf("metrics: %d %ss between the first and the last page: %w", len(g.keys), p, ErrInvalidPeriod)
	}
	pages, incs := pp.inc.count(g)
	out := make([]PeriodCount, len(g.keys))
	for k := range out {
		label, start, end := periodBounds(p, lo+int64(k), loc)
		out[k] = PeriodCount{Label: label, Start: start, End: end, Pages: pages[k], Incidents: incs[k]}
	}
	return out, nil
}

// periods groups pages by period; group k is period number lo + k. The keys are left empty:
// only their number matters.
func (pp *prepared) periods(p Period, loc *time.Location) (grouping, int64) {
	if c := &pp.period; c.p == p && c.loc == loc && c.g.keys != nil {
		return c.g, c.first
	}
	g, first := pp.computePeriods(p, loc)
	pp.period.p, pp.period.loc, pp.period.g, pp.period.first = p, loc, g, first
	return g, first
}

// computePeriods walks the pages in time order, so the zone's offset is looked up only when a
// clock change is crossed and the civil date only when the day changes.
func (pp *prepared) computePeriods(p Period, loc *time.Location) (grouping, int64) {
	if len(pp.byTime) == 0 {
		return grouping{}, 0
	}
	const nsDay = int64(24 * time.Hour)
	var off, zoneStart, zoneEnd int64 = 0, 1, 0 // empty: look up on the first page
	lastDay, lastK := int64(math.MinInt64), int64(0)
	periodAt := func(t int64) int64 {
		if t < zoneStart || t >= zoneEnd {
			off, zoneStart, zoneEnd = zoneAt(t, loc)
		}
		if day := floorDiv(t+off, nsDay); day != lastDay {
			lastDay, lastK = day, periodOfDay(p, day)
		}
		return lastK
	}
	// In time order the first and last pages hold the first and last periods.
	lo := periodAt(pp.trig[pp.byTime[0]])
	hi := periodAt(pp.trig[pp.byTime[len(pp.byTime)-1]])
	if hi-lo+1 > maxPeriods {
		return grouping{keys: make([]string, maxPeriods+1)}, lo
	}
	g := grouping{group: make([]int32, len(pp.trig)), keys: make([]string, hi-lo+1)}
	lastDay = math.MinInt64
	for _, i := range pp.byTime {
		g.group[i] = int32(periodAt(pp.trig[i]) - lo)
	}
	return g, lo
}

// zoneAt returns loc's UTC offset at unix nanosecond t, in nanoseconds, and the stretch
// [start, end) over which that offset holds.
func zoneAt(t int64, loc *time.Location) (off, start, end int64) {
	lt := time.Unix(0, t).In(loc)
	_, o := lt.Zone()
	start, end = math.MinInt64, math.MaxInt64
	zs, ze := lt.ZoneBounds()
	if !zs.IsZero() && inNanoRange(zs) {
		start = zs.UnixNano()
	}
	if !ze.IsZero() && inNanoRange(ze) {
		end = ze.UnixNano()
	}
	return int64(o) * int64(time.Second), start, end
}
