package metrics

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// SleepLoss is sleep a person lost, as the fatigue model estimates it: the time awake during
// their sleep window because of pages, including the time it takes to fall asleep again.
// Handoff sums the records that start within the shift.
type SleepLoss struct {
	// Responder is the person's ID; Start when the lost stretch began; Lost how much sleep
	// it cost.
	Responder string
	Start     time.Time
	Lost      time.Duration
}

// HandoffInput is what the handoff summary of one shift reads.
type HandoffInput struct {
	// Shift is the outgoing shift.
	Shift oncall.Shift
	// Pages may hold any pages: those of the shift's responder triggered within the shift are
	// the shift's own; pages triggered before the shift, to its responder or in its role, and
	// not resolved when it began are the incidents it inherited.
	Pages []oncall.Page
	// Calendar is the responder's calendar, for the engaged time in their sleep hours; nil
	// leaves SleepEngagedSeconds NaN.
	Calendar *calendar.Calendar
	// SleepLoss are the fatigue model's records; nil leaves SleepLostSeconds NaN (unknown).
	SleepLoss []SleepLoss
	// InterruptionWindow merges repeat notifications in SleepInterruptions, as
	// Options.InterruptionWindow: zero means 60 seconds, a negative value counts every page.
	InterruptionWindow time.Duration
}

// OpenIncident is an incident not resolved by the end of the shift, or (in
// Handoff.Inherited) one open when the shift began.
type OpenIncident struct {
	IncidentID string    `json:"incident_id"`
	Service    string    `json:"service"`
	Triggered  time.Time `json:"triggered"`
	// Acknowledged is false when none of the incident's pages considered was acknowledged
	// by the end of the shift.
	Acknowledged bool `json:"acknowledged"`
	// Inherited marks an incident paged before the shift began.
	Inherited bool `json:"inherited"`
	// Resolved is true when the incident was resolved by the end of the shift (always false
	// in Handoff.Open).
	Resolved bool `json:"resolved"`
}

// ServicePages is a number of pages from one service.
type ServicePages struct {
	Service string `json:"service"`
	Pages   int    `json:"pages"`
}

// Handoff is what the outgoing person hands over: what happened on the shift.
type Handoff struct {
	Responder string    `json:"responder"`
	Role      string    `json:"role"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Pages     int       `json:"pages"`
	Incidents int       `json:"incidents"`
	// ByService is sorted by pages, most first, then by service.
	ByService []ServicePages `json:"by_service"`
	// Open lists incidents still open at the end of the shift, oldest first: those paged
	// during the shift and those inherited.
	Open []OpenIncident `json:"open"`
	// Inherited lists the incidents open when the shift began (paged before it to the
	// responder or in the role, not yet resolved), oldest first, each marked Resolved when it
	// was resolved by the end of the shift.
	Inherited []OpenIncident `json:"inherited"`
	// TimeSpentSeconds is the time working pages (trigger to resolution, overlaps counted
	// once), within the shift; an open incident counts until the shift ends.
	TimeSpentSeconds Float `json:"time_spent_seconds"`
	// SleepEngagedSeconds is the part of TimeSpentSeconds in the responder's sleep hours.
	SleepEngagedSeconds Float `json:"sleep_engaged_seconds"`
	// SleepInterruptions counts pages of the shift that interrupted the responder's sleep
	// hours, repeats within HandoffInput.InterruptionWindow counting once (see
	// Interruptions); -1 without a calendar.
	SleepInterruptions int `json:"sleep_interruptions"`
	// SleepLostSeconds sums the SleepLoss records of the responder starting within the shift.
	SleepLostSeconds Float `json:"sleep_lost_seconds"`
}

// HandoffOf summarises one shift. It returns an error for an invalid shift or page.
func HandoffOf(in HandoffInput) (Handoff, error) {
	sh := in.Shift
	if err := sh.Validate(); err != nil {
		return Handoff{}, &RecordError{Kind: "shift", ID: sh.Responder, Err: err}
	}
	h := Handoff{Responder: sh.Responder, Role: sh.Role, Start: sh.Start, End: sh.End,
		ByService: []ServicePages{}, Open: []OpenIncident{}, Inherited: []OpenIncident{},
		SleepEngagedSeconds: NaN(), SleepLostSeconds: NaN(), SleepInterruptions: -1}
	var mine []oncall.Page
	for i, p := range in.Pages {
		if p.Responder != sh.Responder || !sh.Contains(p.Triggered) {
			continue
		}
		if err := p.Validate(); err != nil {
			return Handoff{}, &RecordError{Kind: "page", Index: i, ID: p.IncidentID, Err: err}
		}
		mine = append(mine, p)
	}
	slices.SortStableFunc(mine, func(a, b oncall.Page) int { return a.Triggered.Compare(b.Triggered) })
	h.Pages = len(mine)
	h.countIncidents(mine, sh.End)
	if err := h.inherit(in.Pages); err != nil {
		return Handoff{}, err
	}
	window := Options{InterruptionWindow: in.InterruptionWindow}.interruptionWindow()
	spent, err := h.engaged(mine, in.Calendar, window)
	if err != nil {
		return Handoff{}, err
	}
	h.TimeSpentSeconds = Float(spent.Seconds())
	if in.SleepLoss != nil {
		var lost time.Duration
		for _, s := range in.SleepLoss {
			if s.Responder == sh.Responder && sh.Contains(s.Start) {
				lost += s.Lost
			}
		}
		h.SleepLostSeconds = Float(lost.Seconds())
	}
	return h, nil
}

func (h *Handoff) countIncidents(mine []oncall.Page, end time.Time) {
	svc := map[string]int{}
	open := map[string]int{} // incident -> index in h.Open
	seen := map[string]bool{}
	for _, p := range mine {
		svc[p.Service]++
		seen[p.IncidentID] = true
		if !p.Resolved.IsZero() && !p.Resolved.After(end) {
			continue
		}
		acked := !p.Acknowledged.IsZero() && !p.Acknowledged.After(end)
		if k, ok := open[p.IncidentID]; ok {
			h.Open[k].Acknowledged = h.Open[k].Acknowledged || acked
			continue
		}
		open[p.IncidentID] = len(h.Open)
		h.Open = append(h.Open, OpenIncident{IncidentID: p.IncidentID, Service: p.Service, Triggered: p.Triggered, Acknowledged: acked})
	}
	h.Incidents = len(seen)
	for s, n := range svc {
		h.ByService = append(h.ByService, ServicePages{Service: s, Pages: n})
	}
	slices.SortFunc(h.ByService, func(a, b ServicePages) int {
		return cmp.Or(cmp.Compare(b.Pages, a.Pages), cmp.Compare(a.Service, b.Service))
	})
}

// inherit lists the incidents open when the shift began, and adds those still open at its
// end to h.Open.
func (h *Handoff) inherit(pages []oncall.Page) error {
	at := map[string]int{} // incident -> index in h.Inherited
	for i, p := range pages {
		if !p.Triggered.Before(h.Start) || (p.Responder != h.Responder && p.Role != h.Role) ||
			(!p.Resolved.IsZero() && !p.Resolved.After(h.Start)) {
			continue
		}
		if err := p.Validate(); err != nil {
			return &RecordError{Kind: "page", Index: i, ID: p.IncidentID, Err: err}
		}
		acked := !p.Acknowledged.IsZero() && !p.Acknowledged.After(h.End)
		resolved := !p.Resolved.IsZero() && !p.Resolved.After(h.End)
		k, ok := at[p.IncidentID]
		if !ok {
			at[p.IncidentID] = len(h.Inherited)
			h.Inherited = append(h.Inherited, OpenIncident{IncidentID: p.IncidentID, Service: p.Service,
				Triggered: p.Triggered, Acknowledged: acked, Inherited: true, Resolved: resolved})
			continue
		}
		// One page still open keeps the incident open.
		o := &h.Inherited[k]
		o.Acknowledged, o.Resolved = o.Acknowledged || acked, o.Resolved && resolved
		if p.Triggered.Before(o.Triggered) {
			o.Triggered, o.Service = p.Triggered, p.Service
		}
	}
	byTrigger := func(a, b OpenIncident) int {
		return cmp.Or(a.Triggered.Compare(b.Triggered), cmp.Compare(a.IncidentID, b.IncidentID))
	}
	slices.SortFunc(h.Inherited, byTrigger)
	for _, o := range h.Inherited {
		if !o.Resolved && !slices.ContainsFunc(h.Open, func(x OpenIncident) bool { return x.IncidentID == o.IncidentID }) {
			h.Open = append(h.Open, o)
		}
	}
	slices.SortStableFunc(h.Open, byTrigger)
	return nil
}

// engaged merges the pages' working intervals, clipped to the shift, and splits them by the
// calendar when there is one.
func (h *Handoff) engaged(mine []oncall.Page, c *calendar.Calendar, window time.Duration) (time.Duration, error) {
	var total time.Duration
	var bd calendar.Breakdown
	var start, end time.Time
	have := false
	flush := func() error {
		if !have {
			return nil
		}
		total += end.Sub(start)
		if c != nil {
			if err := c.SplitInto(&bd, start, end); err != nil {
				return fmt.Errorf("metrics: handoff of %s: %w", h.Responder, err)
			}
		}
		return nil
	}
	for _, p := range mine {
		e := p.Resolved
		if e.IsZero() || e.After(h.End) {
			e = h.End
		}
		if have && !p.Triggered.After(end) {
			if e.After(end) {
				end = e
			}
			continue
		}
		if err := flush(); err != nil {
			return 0, err
		}
		start, end, have = p.Triggered, e, true
	}
	if err := flush(); err != nil {
		return 0, err
	}
	if c != nil {
		h.SleepEngagedSeconds = Float(bd.Band(calendar.Sleep).Seconds())
		h.SleepInterruptions = 0
		for i, first := range Interruptions(pageTimes(mine), window) {
			if first && c.Classify(mine[i].Triggered).Band() == calendar.Sleep {
				h.SleepInterruptions++
			}
		}
	}
	return total, nil
}
