package metrics

import (
	"cmp"
	"slices"
	"time"

	"github.com/wellrested/oncall/calendar"
)

// HourShares splits pages and engaged time by the kind of hour they fell in, in the
// responder's own zone (see calendar.Calendar.Classify and Split).
type HourShares struct {
	Pages int `json:"pages"`
	// Business, Off and Sleep are the bands; OutOfHours is Off plus Sleep. Weekend, Holiday
	// and Leave are flags that cut across bands. Each is a share of Pages with a Wilson
	// interval.
	Business   Proportion `json:"business"`
	Off        Proportion `json:"off"`
	Sleep      Proportion `json:"sleep"`
	OutOfHours Proportion `json:"out_of_hours"`
	Weekend    Proportion `json:"weekend"`
	Holiday    Proportion `json:"holiday"`
	Leave      Proportion `json:"leave"`
	// Engaged is the time from trigger to resolution, with a person's overlapping pages
	// counted once, split the same way. Shares of time get no interval: seconds are not
	// independent trials.
	Engaged TimeShares `json:"engaged"`
	// Unresolved counts pages without a resolution time, left out of Engaged.
	Unresolved int `json:"unresolved"`
}

// TimeShares is a duration and its shares by kind of hour.
type TimeShares struct {
	TotalSeconds Float `json:"total_seconds"`
	Business     Float `json:"business"`
	Off          Float `json:"off"`
	Sleep        Float `json:"sleep"`
	OutOfHours   Float `json:"out_of_hours"`
	Weekend      Float `json:"weekend"`
	Holiday      Float `json:"holiday"`
	Leave        Float `json:"leave"`
}

// ResponderHours is one responder's HourShares.
type ResponderHours struct {
	ID string `json:"id"`
	HourShares
}

// OutOfHours is the HourShares of everyone together, of each responder and of each team
// (Input.Teams), sorted by ID. A team's engaged time adds up its members' time, so two
// members engaged at once count twice.
type OutOfHours struct {
	HourShares
	ByResponder []ResponderHours `json:"by_responder"`
	// ByTeam uses ResponderHours with the team name as ID ("" for responders without one).
	ByTeam []ResponderHours `json:"by_team"`
}

// OutOfHoursOf classifies every page and every engaged interval in the responder's calendar.
// It fails with ErrNoCalendar for a page whose responder has no calendar.
func OutOfHoursOf(in Input, opt Options) (OutOfHours, error) {
	pp, err := prepare(in, opt, true)
	if err != nil {
		return OutOfHours{}, err
	}
	w, err := pp.walkCalendars()
	if err != nil {
		return OutOfHours{}, err
	}
	return pp.outOfHours(opt, w), nil
}

// pageCounts tallies page classes: per band and per flag.
type pageCounts struct {
	n       int
	band    [3]int
	weekend int
	holiday int
	leave   int
}

func (c *pageCounts) add(cl calendar.Class) {
	c.n++
	c.band[cl.Band()]++
	c.weekend += b2i(cl.Has(calendar.FlagWeekend))
	c.holiday += b2i(cl.Has(calendar.FlagHoliday))
	c.leave += b2i(cl.Has(calendar.FlagLeave))
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (pp *prepared) outOfHours(opt Options, w walked) OutOfHours {
	var all hourTally
	teams := make([]hourTally, len(pp.team.keys))
	out := OutOfHours{ByResponder: make([]ResponderHours, 0, len(pp.byResp))}
	for _, r := range pp.responderOrder() {
		var one hourTally
		for _, i := range pp.byResp[r] {
			one.pages.add(w.classes[i])
		}
		one.time, one.unresolved = w.engaged[r], w.unresolved[r]
		all.merge(one)
		if len(pp.byResp[r]) > 0 {
			teams[pp.team.group[pp.byResp[r][0]]].merge(one)
		}
		out.ByResponder = append(out.ByResponder, ResponderHours{ID: pp.responder.keys[r], HourShares: one.shares(opt)})
	}
	out.HourShares = all.shares(opt)
	out.ByTeam = make([]ResponderHours, len(teams))
	for t, tally := range teams {
		out.ByTeam[t] = ResponderHours{ID: pp.team.keys[t], HourShares: tally.shares(opt)}
	}
	slices.SortFunc(out.ByTeam, func(a, b ResponderHours) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// hourTally is what HourShares are computed from: page classes, engaged time by kind and
// unresolved pages.
type hourTally struct {
	pages      pageCounts
	time       calendar.Breakdown
	unresolved int
}

func (t *hourTally) merge(o hourTally) {
	t.pages.n += o.pages.n
	for b := range t.pages.band {
		t.pages.band[b] += o.pages.band[b]
	}
	t.pages.weekend += o.pages.weekend
	t.pages.holiday += o.pages.holiday
	t.pages.leave += o.pages.leave
	t.time.Merge(o.time)
	t.unresolved += o.unresolved
}

func (t hourTally) shares(opt Options) HourShares { return shares(t.pages, t.time, t.unresolved, opt) }

func shares(pc pageCounts, bd calendar.Breakdown, unresolved int, opt Options) HourShares {
	prop := func(k int) Proportion { return NewProportion(k, pc.n, opt.Confidence) }
	h := HourShares{
		Pages:      pc.n,
		Business:   prop(pc.band[calendar.Business]),
		Off:        prop(pc.band[calendar.Off]),
		Sleep:      prop(pc.band[calendar.Sleep]),
		OutOfHours: prop(pc.band[calendar.Off] + pc.band[calendar.Sleep]),
		Weekend:    prop(pc.weekend),
		Holiday:    prop(pc.holiday),
		Leave:      prop(pc.leave),
		Unresolved: unresolved,
	}
	total := bd.Total().Seconds()
	share := func(d time.Duration) Float { return ratio(d.Seconds(), total) }
	h.Engaged = TimeShares{
		TotalSeconds: Float(total),
		Business:     share(bd.Band(calendar.Business)),
		Off:          share(bd.Band(calendar.Off)),
		Sleep:        share(bd.Band(calendar.Sleep)),
		OutOfHours:   share(bd.Band(calendar.Off) + bd.Band(calendar.Sleep)),
		Weekend:      share(bd.With(calendar.FlagWeekend)),
		Holiday:      share(bd.With(calendar.FlagHoliday)),
		Leave:        share(bd.With(calendar.FlagLeave)),
	}
	return h
}
