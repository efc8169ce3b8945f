package metrics

import (
	"slices"
)

// Report is the full set of team summaries over one input.
type Report struct {
	Volume     Volume     `json:"volume"`
	OutOfHours OutOfHours `json:"out_of_hours"`
	Response   Response   `json:"response"`
	// Fairness is over pages per person, for everyone who was paged, held a shift or has a
	// calendar (so people with no pages count, as zeros).
	Fairness Fairness `json:"fairness"`
	// Disproportion tests pages against on-call hours; nil without shifts.
	Disproportion *Disproportion `json:"disproportion,omitempty"`
	Hotspots      Hotspots       `json:"hotspots"`
	// PageTrend and SleepTrend follow pages and sleep interruptions (see Interruptions) per
	// period (Options.Period). The first and last periods may be partly outside the data;
	// pass pages of whole periods for an unbiased trend.
	PageTrend  Trend `json:"page_trend"`
	SleepTrend Trend `json:"sleep_trend"`
}

// Summarize computes every team summary in one pass over the pages (each page is checked and
// classified once). It needs a calendar for every responder paged.
func Summarize(in Input, opt Options) (Report, error) {
	pp, err := prepare(in, opt, true)
	if err != nil {
		return Report{}, err
	}
	w, err := pp.walkCalendars()
	if err != nil {
		return Report{}, err
	}
	var r Report
	if r.Volume, err = pp.volume(opt); err != nil {
		return Report{}, err
	}
	r.OutOfHours = pp.outOfHours(opt, w)
	r.Response = pp.response(opt)
	counts := pagesPerPerson(in, r.Volume)
	vals := make([]Value, len(counts))
	for i, e := range counts {
		vals[i] = Value{ID: e.ID, Value: float64(e.Count)}
	}
	if r.Fairness, err = FairnessOf(vals); err != nil {
		return Report{}, err
	}
	if len(in.Shifts) > 0 {
		d, err := DisproportionOf(counts, opt)
		if err != nil {
			return Report{}, err
		}
		r.Disproportion = &d
	}
	sleep := pp.sleepInterruptions(w.classes, opt.interruptionWindow())
	r.Hotspots = pp.hotspots(sleep)
	r.PageTrend, r.SleepTrend = pp.trends(opt, r.Volume, sleep)
	return r, nil
}

// pagesPerPerson lists everyone known (paged, on a shift, or with a calendar), sorted by ID,
// with their page count and on-call hours.
func pagesPerPerson(in Input, v Volume) []Exposure {
	exp := exposureOf(in)
	pages := map[string]int{}
	for _, c := range v.ByResponder {
		pages[c.Key] = c.Pages
	}
	ids := make([]string, 0, len(pages)+len(in.Calendars))
	for id := range pages {
		ids = append(ids, id)
	}
	for id := range exp.byResponder {
		ids = append(ids, id)
	}
	for id := range in.Calendars {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	out := make([]Exposure, len(ids))
	for i, id := range ids {
		out[i] = Exposure{ID: id, Count: pages[id], Hours: exp.byResponder[id]}
	}
	return out
}

func (pp *prepared) trends(opt Options, v Volume, isSleep []bool) (Trend, Trend) {
	pages := make([]float64, len(v.ByPeriod))
	sleep := make([]float64, len(v.ByPeriod))
	for i, pc := range v.ByPeriod {
		pages[i] = float64(pc.Pages)
	}
	if len(v.ByPeriod) > 0 {
		g, _ := pp.periods(v.Period, opt.zone())
		for i, x := range g.group {
			if isSleep[i] {
				sleep[x]++
			}
		}
	}
	a := opt.alpha()
	return TrendOf(pages, a), TrendOf(sleep, a)
}
