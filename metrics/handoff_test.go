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
//   - A page for someone else, and one of ours before the shift, are ignored.
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
	if len(h.Open) != 2 || h.Open[0].IncidentID != "E" || h.Open[0].Acknowledged || h.Open[1].IncidentID != "D" || !h.Open[1].Acknowledged {
		t.Errorf("open %+v", h.Open)
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
