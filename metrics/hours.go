package metrics

import (
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

// OutOfHours is the team's HourShares and each responder's, sorted by ID.
type OutOfHours struct {
	HourShares
	ByResponder []ResponderHours `json:"by_responder"`
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
	var team pageCounts
	var teamTime calendar.Breakdown
	teamUnresolved := 0
	out := OutOfHours{ByResponder: make([]ResponderHours, 0, len(pp.byResp))}
	for _, r := range pp.responderOrder() {
		var pc pageCounts
		for _, i := range pp.byResp[r] {
			pc.add(w.classes[i])
			team.add(w.classes[i])
		}
		teamTime.Merge(w.engaged[r])
		teamUnresolved += w.unresolved[r]
		out.ByResponder = append(out.ByResponder, ResponderHours{ID: pp.responder.keys[r],
			HourShares: shares(pc, w.engaged[r], w.unresolved[r], opt)})
	}
	out.HourShares = shares(team, teamTime, teamUnresolved, opt)
	return out
}

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
