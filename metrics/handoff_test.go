package metrics

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// Hand-worked handoff of a week-night shift in Berlin (UTC+1 in February), 18:00 Monday to
// 09:00 Tuesday local, 17:00Z to 08:00Z:
//   - A (api) 20:00-20:30 local: 30 min, off hours.
//   - B (db) 02:00 local, acknowledged 02:04, resolved 03:00: 1 h of sleep hours.
//   - C (db) 02:30 local, same person, resolved 02:45: inside B, adds nothing.
//   - D (api) 08:30 local, acknowledged, unresolved: counts until the shift ends at 09:00
//     (30 min; 08:30-09:00 is business hours).
//   - E (queue) 07:50 local, never acknowledged, resolved at 09:30 after the shift: open at
//     handoff, 07:50-08:00 sleep (10 min) then 08:00-09:00 business; D falls inside it.
//   - A page for someone else is ignored. Y, paged to us an hour before the shift and never
//     resolved, is inherited and still open at handoff.
//
// Time spent: 30 + 60 + (07:50 to 09:00 = 70) = 160 min. Sleep hours: 60 + 10 = 70 min.
// Sleep interruptions: B, C (02:xx) and E (07:50): 3.
func TestHandoffHandWorked(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	local := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, berlin)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	page := func(id, svc, who, trig, ack, res string) oncall.Page {
		p := oncall.Page{IncidentID: id, Service: svc, Responder: who, Role: oncall.Primary, Triggered: local(trig)}
		if ack != "" {
			p.Acknowledged = local(ack)
		}
		if res != "" {
			p.Resolved = local(res)
		}
		return p
	}
	in := HandoffInput{
		Shift: oncall.Shift{Responder: "mia", Role: oncall.Primary, Start: local("2026-02-09 18:00"), End: local("2026-02-10 09:00")},
		Pages: []oncall.Page{
			page("E", "queue", "mia", "2026-02-10 07:50", "", "2026-02-10 09:30"),
			page("A", "api", "mia", "2026-02-09 20:00", "2026-02-09 20:01", "2026-02-09 20:30"),
			page("B", "db", "mia", "2026-02-10 02:00", "2026-02-10 02:04", "2026-02-10 03:00"),
			page("C", "db", "mia", "2026-02-10 02:30", "2026-02-10 02:31", "2026-02-10 02:45"),
			page("D", "api", "mia", "2026-02-10 08:30", "2026-02-10 08:35", ""),
			page("X", "api", "leo", "2026-02-10 01:00", "", ""),
			page("Y", "api", "mia", "2026-02-09 17:00", "", ""),
		},
		Calendar:  mustCal(t, calendar.Profile{Zone: berlin}),
		SleepLoss: []SleepLoss{{Responder: "mia", Start: local("2026-02-10 02:00"), Lost: 95 * time.Minute}, {Responder: "leo", Start: local("2026-02-10 01:00"), Lost: time.Hour}},
	}
	h, err := HandoffOf(in)
	if err != nil {
		t.Fatal(err)
	}
	if h.Pages != 5 || h.Incidents != 5 {
		t.Errorf("pages %d incidents %d, want 5 and 5", h.Pages, h.Incidents)
	}
	approx(t, "time spent", float64(h.TimeSpentSeconds), 160*60, 0)
	approx(t, "sleep engaged", float64(h.SleepEngagedSeconds), 70*60, 0)
	approx(t, "sleep lost", float64(h.SleepLostSeconds), 95*60, 0)
	if h.SleepInterruptions != 3 {
		t.Errorf("sleep interruptions %d", h.SleepInterruptions)
	}
	if len(h.Open) != 3 || h.Open[0].IncidentID != "Y" || !h.Open[0].Inherited ||
		h.Open[1].IncidentID != "E" || h.Open[1].Acknowledged || h.Open[1].Inherited ||
		h.Open[2].IncidentID != "D" || !h.Open[2].Acknowledged {
		t.Errorf("open %+v", h.Open)
	}
	if len(h.Inherited) != 1 || h.Inherited[0].IncidentID != "Y" || h.Inherited[0].Resolved {
		t.Errorf("inherited %+v", h.Inherited)
	}
	if len(h.ByService) != 3 || h.ByService[0] != (ServicePages{"api", 2}) || h.ByService[1] != (ServicePages{"db", 2}) {
		t.Errorf("by service %+v", h.ByService)
	}
	// Without a calendar or sleep records the sleep figures are unknown, not zero.
	in.Calendar, in.SleepLoss = nil, nil
	h2, err := HandoffOf(in)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(h2)
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back["sleep_engaged_seconds"] != nil || back["sleep_lost_seconds"] != nil || back["time_spent_seconds"] != 9600.0 {
		t.Errorf("JSON %s", b)
	}
	in.Shift.End = in.Shift.Start
	if _, err := HandoffOf(in); !errors.Is(err, oncall.ErrEndBeforeStart) {
		t.Errorf("empty shift: %v", err)
	}
}

// Inherited incidents of a primary shift from 09:00 to 17:00 UTC on 2 March 2026:
//   - P (ours, 08:00, acknowledged 08:05, resolved 10:00): open at 09:00, resolved during the
//     shift: inherited, not open at the end.
//   - Q (the previous primary's, 08:30, a second page to us at 08:40; never resolved): one
//     incident, inherited and open, acknowledged by neither.
//   - R (primary, resolved 08:59, before the shift began): not inherited.
//   - S (secondary, someone else, open): another role's, not inherited.
//   - T (ours, 16:00 during the shift, open): our own open incident, not inherited.
//
// Open at the end: Q (08:30) then T (16:00).
func TestHandoffInherited(t *testing.T) {
	page := func(id, who, role, trig, ack, res string) oncall.Page {
		p := oncall.Page{IncidentID: id, Service: "api", Responder: who, Role: role, Triggered: at("2026-03-02T" + trig + ":00Z")}
		if ack != "" {
			p.Acknowledged = at("2026-03-02T" + ack + ":00Z")
		}
		if res != "" {
			p.Resolved = at("2026-03-02T" + res + ":00Z")
		}
		return p
	}
	in := HandoffInput{
		Shift: oncall.Shift{Responder: "me", Role: oncall.Primary, Start: at("2026-03-02T09:00:00Z"), End: at("2026-03-02T17:00:00Z")},
		Pages: []oncall.Page{
			page("T", "me", oncall.Primary, "16:00", "", ""),
			page("Q", "prev", oncall.Primary, "08:30", "", ""),
			page("P", "me", oncall.Primary, "08:00", "08:05", "10:00"),
			page("Q", "me", oncall.Secondary, "08:40", "", ""),
			page("R", "prev", oncall.Primary, "08:00", "", "08:59"),
			page("S", "other", oncall.Secondary, "08:00", "", ""),
		},
	}
	h, err := HandoffOf(in)
	if err != nil {
		t.Fatal(err)
	}
	want := []OpenIncident{
		{IncidentID: "P", Service: "api", Triggered: at("2026-03-02T08:00:00Z"), Acknowledged: true, Inherited: true, Resolved: true},
		{IncidentID: "Q", Service: "api", Triggered: at("2026-03-02T08:30:00Z"), Inherited: true},
	}
	if len(h.Inherited) != 2 || h.Inherited[0] != want[0] || h.Inherited[1] != want[1] {
		t.Errorf("inherited %+v", h.Inherited)
	}
	if len(h.Open) != 2 || h.Open[0] != want[1] || h.Open[1].IncidentID != "T" || h.Open[1].Inherited {
		t.Errorf("open %+v", h.Open)
	}
	if h.Pages != 1 || h.Incidents != 1 {
		t.Errorf("own pages %d incidents %d, want 1 and 1", h.Pages, h.Incidents)
	}
}

// Three pages 20 s apart at 02:00 in a UTC sleep window are one interruption with the
// default 60 s window; with a 10 s window each counts; with a negative one every page does.
// A fourth page at 02:01:30 is 90 s after the last counted (02:00:00): a second interruption.
func TestHandoffInterruptionWindow(t *testing.T) {
	in := HandoffInput{
		Shift:    oncall.Shift{Responder: "me", Role: oncall.Primary, Start: at("2026-03-02T00:00:00Z"), End: at("2026-03-02T08:00:00Z")},
		Calendar: mustCal(t, calendar.Profile{Zone: time.UTC}),
	}
	for _, s := range []string{"02:00:00", "02:00:20", "02:00:40", "02:01:30"} {
		trig := at("2026-03-02T" + s + "Z")
		in.Pages = append(in.Pages, oncall.Page{IncidentID: "I" + s, Service: "api", Responder: "me", Role: oncall.Primary,
			Triggered: trig, Resolved: trig.Add(time.Minute)})
	}
	for _, c := range []struct {
		window time.Duration
		want   int
	}{{0, 2}, {10 * time.Second, 4}, {-1, 4}, {2 * time.Minute, 1}} {
		in.InterruptionWindow = c.window
		h, err := HandoffOf(in)
		if err != nil {
			t.Fatal(err)
		}
		if h.SleepInterruptions != c.want {
			t.Errorf("window %v: %d interruptions, want %d", c.window, h.SleepInterruptions, c.want)
		}
	}
}
