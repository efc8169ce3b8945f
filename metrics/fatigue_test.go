package metrics

import (
	"testing"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/fatigue"
)

// anaNight runs the fatigue model on a night in London (GMT in March): two pages from 03:00
// to 04:10 on Tuesday 3 March 2026 merge into one episode that woke ana and cost her 70
// minutes engaged plus fatigue's default 20 minutes to fall asleep again: 90 minutes.
func anaNight(t *testing.T) (*calendar.Calendar, []fatigue.Impact) {
	t.Helper()
	lon, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	cal := mustCal(t, calendar.Profile{Zone: lon, Region: "GB"})
	at := func(h, m int) time.Time { return time.Date(2026, 3, 3, h, m, 0, 0, lon) }
	pages := []oncall.Page{
		{IncidentID: "db-1", Service: "db", Responder: "ana", Triggered: at(3, 0), Acknowledged: at(3, 2), Resolved: at(3, 40)},
		{IncidentID: "db-2", Service: "db", Responder: "ana", Triggered: at(3, 40), Resolved: at(4, 10)},
	}
	eps, err := fatigue.Episodes("ana", pages, fatigue.EpisodeConfig{})
	if err != nil {
		t.Fatal(err)
	}
	ims, err := fatigue.Analyze(cal, eps, fatigue.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return cal, ims
}

func TestSleepLossFromImpacts(t *testing.T) {
	cal, ims := anaNight(t)
	loss := SleepLossFromImpacts("ana", ims)
	if len(loss) != 1 || loss[0].Responder != "ana" || loss[0].Lost != 90*time.Minute ||
		!loss[0].Start.Equal(time.Date(2026, 3, 3, 3, 0, 0, 0, time.UTC)) {
		t.Fatalf("sleep loss %+v", loss)
	}
	// The handoff of ana's night shift (Monday 18:00 to Tuesday 09:00) reports the 5400 s.
	h, err := HandoffOf(HandoffInput{
		Shift:     oncall.Shift{Responder: "ana", Role: oncall.Primary, Start: time.Date(2026, 3, 2, 18, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)},
		Calendar:  cal,
		SleepLoss: loss,
	})
	if err != nil {
		t.Fatal(err)
	}
	approx(t, "sleep lost", float64(h.SleepLostSeconds), 5400, 0)

	// Per person: ana lost 1.5 h and woke once; bo, with no impacts, counts as zero.
	per := map[string][]fatigue.Impact{"ana": ims, "bo": nil}
	hours := SleepLostHours(per)
	if len(hours) != 2 || hours[0] != (Value{"ana", 1.5}) || hours[1] != (Value{"bo", 0}) {
		t.Errorf("sleep lost hours %+v", hours)
	}
	woke := Wakeups(per)
	if len(woke) != 2 || woke[0] != (Value{"ana", 1}) || woke[1] != (Value{"bo", 0}) {
		t.Errorf("wakeups %+v", woke)
	}
	// Fairness of lost sleep 1.5 and 0: Gini = |1.5 - 0| * 2 / (2 * 2^2 * 0.75) = 0.5.
	f, err := FairnessOf(hours)
	if err != nil {
		t.Fatal(err)
	}
	approx(t, "gini", float64(f.Gini), 0.5, 1e-12)
}

func TestOwedFromEntitlements(t *testing.T) {
	cal, ims := anaNight(t)
	es, err := fatigue.AutomaticDayOff().Grant(fatigue.Subject{Person: "ana", Calendar: cal, Impacts: ims})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) == 0 {
		t.Fatal("no entitlement for a night woken")
	}
	owed := OwedFromEntitlements(es)
	if len(owed) != len(es) {
		t.Fatalf("%d owed from %d entitlements", len(owed), len(es))
	}
	for i, e := range es {
		w := Owed{Responder: "ana", Amount: e.Amount, Earliest: e.EarliestStart, Expires: e.Expires}
		if owed[i] != w {
			t.Errorf("owed %d: %+v, want %+v", i, owed[i], w)
		}
	}
	// The automatic day off for a night woken is that Tuesday: the whole working day of the
	// default profile, 08:00-18:00 (10 h), to be taken that day. Taken in full, nothing is
	// outstanding; not taken, all 36000 s lapse by Wednesday.
	tue := func(h int) time.Time { return time.Date(2026, 3, 3, h, 0, 0, 0, time.UTC) }
	if len(owed) != 1 || owed[0].Amount != 10*time.Hour || !owed[0].Earliest.Equal(tue(8)) || !owed[0].Expires.Equal(tue(18)) {
		t.Fatalf("owed %+v", owed)
	}
	wed := tue(24 + 12)
	r, err := RecoveryOf(owed, []TimeOff{{Responder: "ana", Start: tue(8), Amount: 10 * time.Hour}}, wed)
	if err != nil {
		t.Fatal(err)
	}
	approx(t, "taken share", float64(r.Team.TakenShare), 1, 0)
	approx(t, "outstanding", float64(r.Team.OutstandingSeconds), 0, 0)
	r, err = RecoveryOf(owed, nil, wed)
	if err != nil {
		t.Fatal(err)
	}
	approx(t, "lapsed", float64(r.Team.LapsedSeconds), 36000, 0)
	// An entitlement capped to nothing owes nothing.
	if got := OwedFromEntitlements([]fatigue.Entitlement{{Person: "bo", Amount: 0}}); len(got) != 0 {
		t.Errorf("capped entitlement gave %+v", got)
	}
}
