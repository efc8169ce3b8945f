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
	// used. Incidents inherited from the previous shift belong to its handoff.
	Pages []oncall.Page
	// Calendar is the responder's calendar, for the engaged time in their sleep hours; nil
	// leaves SleepEngagedSeconds NaN.
	Calendar *calendar.Calendar
	// SleepLoss are the fatigue model's records; nil leaves SleepLostSeconds NaN (unknown).
	SleepLoss []SleepLoss
}

// OpenIncident is an incident paged during the shift and not resolved by its end.
type OpenIncident struct {
	IncidentID string    `json:"incident_id"`
	Service    string    `json:"service"`
	Triggered  time.Time `json:"triggered"`
	// Acknowledged is false when nobody has acknowledged the responder's page yet.
	Acknowledged bool `json:"acknowledged"`
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
	// Open lists incidents still open at the end of the shift, oldest first.
	Open []OpenIncident `json:"open"`
	// TimeSpentSeconds is the time working pages (trigger to resolution, overlaps counted
	// once), within the shift; an open incident counts until the shift ends.
	TimeSpentSeconds Float `json:"time_spent_seconds"`
	// SleepEngagedSeconds is the part of TimeSpentSeconds in the responder's sleep hours.
	SleepEngagedSeconds Float `json:"sleep_engaged_seconds"`
	// SleepInterruptions counts pages triggered in the responder's sleep hours; -1 without a
	// calendar.
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
		ByService: []ServicePages{}, Open: []OpenIncident{},
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
	spent, err := h.engaged(mine, in.Calendar)
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

// engaged merges the pages' working intervals, clipped to the shift, and splits them by the
// calendar when there is one.
func (h *Handoff) engaged(mine []oncall.Page, c *calendar.Calendar) (time.Duration, error) {
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
		for _, p := range mine {
			if c.Classify(p.Triggered).Band() == calendar.Sleep {
				h.SleepInterruptions++
			}
		}
	}
	return total, nil
}
