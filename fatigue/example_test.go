package fatigue_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	oncall "github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/fatigue"
)

// A night with two pages for a person in London: they merge into one episode, which woke
// her and cost her the time engaged plus twenty minutes to fall asleep again.
func ExampleAnalyze() {
	lon, _ := time.LoadLocation("Europe/London")
	cal, _ := calendar.New(calendar.Profile{Zone: lon, Region: "GB"})
	at := func(h, m int) time.Time { return time.Date(2026, 3, 3, h, m, 0, 0, lon) }
	pages := []oncall.Page{
		{IncidentID: "db-1", Responder: "ana", Triggered: at(3, 0), Acknowledged: at(3, 2), Resolved: at(3, 40)},
		{IncidentID: "db-2", Responder: "ana", Triggered: at(3, 40), Resolved: at(4, 10)},
	}
	eps, _ := fatigue.Episodes("ana", pages, fatigue.EpisodeConfig{})
	ims, _ := fatigue.Analyze(cal, eps, fatigue.Options{})
	for _, im := range ims {
		fmt.Println(im.ID, im.Class, im.Incidents, "woke:", im.Woke, "sleep lost:", im.SleepLost)
	}
	nights, _ := fatigue.Nights(cal, ims, calendar.Date{Year: 2026, Month: 3, Day: 2}, calendar.Date{Year: 2026, Month: 3, Day: 2})
	fmt.Println("longest unbroken sleep:", nights[0].LongestSleep)
	// Output:
	// ana@2026-03-03T03:00:00Z sleep [db-1 db-2] woke: true sleep lost: 1h30m0s
	// longest unbroken sleep: 5h0m0s
}

// The Three-Process Model after a night broken from 03:00 to 05:00, next to the same person
// after an undisturbed night.
func ExampleModel_Forecast() {
	cal, _ := calendar.New(calendar.Profile{Sleep: calendar.Window{From: calendar.At(23, 0), To: calendar.At(7, 0)}})
	start := time.Date(2026, 1, 16, 3, 0, 0, 0, time.UTC)
	ims, _ := fatigue.Analyze(cal, []fatigue.Episode{{ID: "p", Start: start, End: start.Add(2 * time.Hour)}}, fatigue.Options{})
	fc, _ := fatigue.DefaultModel().Forecast(cal, ims, calendar.Date{Year: 2026, Month: 1, Day: 16}, calendar.Date{Year: 2026, Month: 1, Day: 19})
	at := time.Date(2026, 1, 16, 9, 0, 0, 0, time.UTC)
	fmt.Printf("KSS at 09:00: %.2f (undisturbed %.2f)\n", fc.Actual.At(at).KSS, fc.Baseline.At(at).KSS)
	days, _ := fc.Workdays()
	fmt.Printf("%s: lowest alertness %.2f, %v at KSS >= 7\n", days[0].Date, days[0].Actual.MinAlertness, days[0].Actual.Sleepy)
	n, _ := fc.NightsToBaseline(calendar.Date{Year: 2026, Month: 1, Day: 15})
	fmt.Println("nights to baseline:", n)
	// Output:
	// KSS at 09:00: 4.35 (undisturbed 3.68)
	// 2026-01-16: lowest alertness 9.32, 0s at KSS >= 7
	// nights to baseline: 2
}

// The daily fatigue score and what it is made of.
func ExampleScorer_Days() {
	cal, _ := calendar.New(calendar.Profile{})
	start := time.Date(2026, 1, 16, 2, 0, 0, 0, time.UTC)
	ims, _ := fatigue.Analyze(cal, []fatigue.Episode{{ID: "p", Start: start, End: start.Add(40 * time.Minute)}}, fatigue.Options{})
	fc, _ := fatigue.DefaultModel().Forecast(cal, ims, calendar.Date{Year: 2026, Month: 1, Day: 16}, calendar.Date{Year: 2026, Month: 1, Day: 17})
	days, _ := fatigue.Scorer{}.Days(fc, ims)
	for _, d := range days {
		fmt.Printf("%s score %.2f h (sleep lost %v)\n", d.Date, d.Score, d.SleepLost)
		for _, c := range d.Contributions {
			fmt.Printf("  %s: %.2f h\n", c.Episode, c.Score)
		}
	}
	// Output:
	// 2026-01-16 score 1.00 h (sleep lost 1h0m0s)
	//   p: 1.00 h
	// 2026-01-17 score 0.00 h (sleep lost 0s)
}

// Recovery entitlements under the automatic-day-off and EU rest-rule presets, exported as
// CSV.
func ExamplePolicy_Grant() {
	lon, _ := time.LoadLocation("Europe/London")
	cal, _ := calendar.New(calendar.Profile{Zone: lon, Region: "GB"})
	eps := []fatigue.Episode{
		{ID: "tue-night", Start: time.Date(2026, 3, 3, 3, 0, 0, 0, lon), End: time.Date(2026, 3, 3, 3, 40, 0, 0, lon)},
		{ID: "wed-evening", Start: time.Date(2026, 3, 4, 20, 0, 0, 0, lon), End: time.Date(2026, 3, 4, 23, 30, 0, 0, lon)},
	}
	ims, _ := fatigue.Analyze(cal, eps, fatigue.Options{})
	policy := fatigue.Combine(fatigue.AutomaticDayOff(), fatigue.EURestRule())
	ents, _ := policy.Grant(fatigue.Subject{Person: "ana", Calendar: cal, Impacts: ims})
	for _, e := range ents {
		fmt.Println(e.Rule, e.Episodes, e.AllDay, e.Amount, e.EarliestStart.Format(time.RFC3339))
	}
	// Output:
	// woken-in-sleep-hours+daily-rest [tue-night] true 10h0m0s 2026-03-03T08:00:00Z
	// daily-rest [wed-evening] false 2h30m0s 2026-03-05T08:00:00Z
}

// A policy from a configuration file.
func ExampleReadPolicy() {
	p, err := fatigue.ReadPolicy(strings.NewReader(`{"rules": [{"rule": "time-in-lieu", "multiplier": 1.5}], "expiry_days": 30}`))
	fmt.Println(len(p.Rules), p.Rules[0].Name(), p.ExpiryDays, err)
	_, err = fatigue.ReadPolicy(strings.NewReader(`{"rules": [{"rule": "time-in-lieu", "multipler": 1.5}]}`))
	fmt.Println(err)
	// Output:
	// 1 time-in-lieu 30 <nil>
	// fatigue: policy file: rules[0]: invalid policy file: json: unknown field "multipler"
}

// Entitlements as iCalendar events.
func ExampleWriteEntitlementsICS() {
	e := fatigue.Entitlement{Person: "ana", Rule: fatigue.RuleRest, Episodes: []string{"wed-evening"},
		Amount: 150 * time.Minute, EarliestStart: time.Date(2026, 3, 5, 8, 0, 0, 0, time.UTC), Category: fatigue.Category}
	_ = fatigue.WriteEntitlementsICS(os.Stdout, []fatigue.Entitlement{e}, fatigue.ICSOptions{})
}

// A team policy with an override for one person: Bo is paid in time off in lieu instead of
// taking the next day off.
func ExamplePolicies_Grant() {
	lon, _ := time.LoadLocation("Europe/London")
	cal, _ := calendar.New(calendar.Profile{Zone: lon, Region: "GB"})
	start := time.Date(2026, 3, 3, 3, 0, 0, 0, lon)
	ims, _ := fatigue.Analyze(cal, []fatigue.Episode{{ID: "tue-night", Start: start, End: start.Add(40 * time.Minute)}}, fatigue.Options{})
	team := fatigue.Policies{Default: fatigue.AutomaticDayOff(), Override: map[string]fatigue.Policy{"bo": fatigue.TimeInLieuPolicy()}}
	for _, person := range []string{"ana", "bo"} {
		ents, _ := team.Grant(fatigue.Subject{Person: person, Calendar: cal, Impacts: ims})
		for _, e := range ents {
			fmt.Println(person, e.Rule, e.AllDay, e.Amount)
		}
	}
	// Output:
	// ana woken-in-sleep-hours true 10h0m0s
	// bo time-in-lieu false 1h20m0s
}
