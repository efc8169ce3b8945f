package metrics

import (
	"testing"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// twoZones is a hand-worked set: "ny" in New York (a company holiday on Monday 2 March 2026,
// clocks spring forward at 02:00 on Sunday 8 March) and "tk" in Tokyo, both with the default
// bands (business 08-18 Monday to Friday, sleep 22-08).
func twoZones(t testing.TB) Input {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tk, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	page := func(id, who, svc, trig, res string) oncall.Page {
		p := oncall.Page{IncidentID: id, Responder: who, Service: svc, Role: oncall.Primary, Triggered: at(trig)}
		if res != "" {
			p.Resolved = at(res)
		}
		return p
	}
	return Input{
		Pages: []oncall.Page{
			// 10:00 on the company holiday: off hours, holiday. 30 minutes.
			page("1", "ny", "api", "2026-03-02T15:00:00Z", "2026-03-02T15:30:00Z"),
			// 10:00 on a Tuesday: business. One hour.
			page("2", "ny", "api", "2026-03-03T15:00:00Z", "2026-03-03T16:00:00Z"),
			// 01:30 EST Sunday to 03:30 EDT: sleep, weekend; one real hour across the jump.
			page("3", "ny", "db", "2026-03-08T06:30:00Z", "2026-03-08T07:30:00Z"),
			// 00:00 to 08:30 Wednesday in Tokyo: 8 h of sleep, then 30 min of business.
			page("4", "tk", "db", "2026-03-03T15:00:00Z", "2026-03-03T23:30:00Z"),
			// 01:00 to 02:00, inside page 4: sleep; adds no engaged time.
			page("5", "tk", "queue", "2026-03-03T16:00:00Z", "2026-03-03T17:00:00Z"),
			// 10:00 Saturday in Tokyo: off hours, weekend; never resolved.
			page("6", "tk", "db", "2026-03-07T01:00:00Z", ""),
		},
		Calendars: map[string]*calendar.Calendar{
			"ny": mustCal(t, calendar.Profile{Zone: ny, Holidays: []calendar.Holiday{{Date: calendar.Date{Year: 2026, Month: 3, Day: 2}, Name: "Company day"}}}),
			"tk": mustCal(t, calendar.Profile{Zone: tk}),
		},
	}
}

func TestOutOfHoursHandWorked(t *testing.T) {
	o, err := OutOfHoursOf(twoZones(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string][2]int{ // got, want
		"business": {o.Business.Count, 1}, "off": {o.Off.Count, 2}, "sleep": {o.Sleep.Count, 3},
		"out of hours": {o.OutOfHours.Count, 5}, "weekend": {o.Weekend.Count, 2},
		"holiday": {o.Holiday.Count, 1}, "leave": {o.Leave.Count, 0}, "unresolved": {o.Unresolved, 1},
	}
	for name, c := range counts {
		if c[0] != c[1] {
			t.Errorf("%s: %d, want %d", name, c[0], c[1])
		}
	}
	if o.Sleep.Total != 6 || o.Sleep.Share != 0.5 || o.Sleep.CI != Wilson(3, 6, 0.95) {
		t.Errorf("sleep share %+v", o.Sleep)
	}
	// Engaged: ny 0.5 h off (holiday) + 1 h business + 1 h sleep (weekend); tk 8 h sleep +
	// 0.5 h business. Total 11 h.
	e := o.Engaged
	approx(t, "total", float64(e.TotalSeconds), 11*3600, 0)
	approx(t, "business", float64(e.Business), 1.5/11, 1e-15)
	approx(t, "off", float64(e.Off), 0.5/11, 1e-15)
	approx(t, "sleep", float64(e.Sleep), 9.0/11, 1e-15)
	approx(t, "out of hours", float64(e.OutOfHours), 9.5/11, 1e-15)
	approx(t, "weekend", float64(e.Weekend), 1.0/11, 1e-15)
	approx(t, "holiday", float64(e.Holiday), 0.5/11, 1e-15)
	if len(o.ByResponder) != 2 || o.ByResponder[0].ID != "ny" || o.ByResponder[1].ID != "tk" {
		t.Fatalf("by responder %+v", o.ByResponder)
	}
	ny, tk := o.ByResponder[0], o.ByResponder[1]
	approx(t, "ny engaged", float64(ny.Engaged.TotalSeconds), 2.5*3600, 0)
	approx(t, "tk engaged", float64(tk.Engaged.TotalSeconds), 8.5*3600, 0)
	if ny.Sleep.Count != 1 || tk.Sleep.Count != 2 || tk.Unresolved != 1 || ny.Holiday.Count != 1 {
		t.Errorf("ny %+v\ntk %+v", ny.HourShares, tk.HourShares)
	}
}

// Hand-worked from twoZones: sleep interruptions db 2 (pages 3, 4), queue 1 (page 5), api 0;
// person-time api 1.5 h, db 9.5 h (page 6 unresolved), queue 1 h: 12 h in all.
func TestHotspotsHandWorked(t *testing.T) {
	h, err := HotspotsOf(twoZones(t))
	if err != nil {
		t.Fatal(err)
	}
	if h.SleepInterruptions != 3 {
		t.Errorf("sleep interruptions %d", h.SleepInterruptions)
	}
	approx(t, "time", float64(h.TimeSeconds), 12*3600, 0)
	order := func(hs []Hotspot) []string {
		var s []string
		for _, x := range hs {
			s = append(s, x.Service)
		}
		return s
	}
	if got := order(h.BySleep); len(got) != 3 || got[0] != "db" || got[1] != "queue" || got[2] != "api" {
		t.Errorf("by sleep %v", got)
	}
	if got := order(h.ByTime); got[0] != "db" || got[1] != "api" || got[2] != "queue" {
		t.Errorf("by time %v", got)
	}
	db := h.BySleep[0]
	approx(t, "db sleep share", float64(db.SleepShare), 2.0/3, 1e-15)
	approx(t, "db time share", float64(db.TimeShare), 9.5/12, 1e-15)
	if db.Unresolved != 1 || db.Pages != 3 {
		t.Errorf("db %+v", db)
	}
}
