package metrics_test

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/metrics"
)

// The zero QuantileMethod is type 7, the default of NumPy and pandas.
func ExampleQuantile() {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	fmt.Println(metrics.Quantile(x, 0.5, metrics.Linear))
	fmt.Println(metrics.Quantile(x, 0.5, metrics.InvertedCDF))
	fmt.Println(metrics.Quantile(nil, 0.5, metrics.Linear))
	// Output:
	// 5.5
	// 5
	// NaN
}

func ExampleFairnessOf() {
	f, _ := metrics.FairnessOf(metrics.ValuesOf(map[string]float64{"ana": 12, "ben": 10, "chi": 2}))
	fmt.Printf("max %s %.2fx the mean, Gini %.3f, Jain %.3f\n", f.MaxID, f.MaxOverMean, f.Gini, f.Jain)
	// Gini: the mean absolute difference 40/9 over twice the mean 8 = 0.278; Jain: 24^2 /
	// (3 * (144 + 100 + 4)) = 0.774.
	// Output: max ana 1.50x the mean, Gini 0.278, Jain 0.774
}

func ExampleDisproportionOf() {
	d, _ := metrics.DisproportionOf([]metrics.Exposure{
		{ID: "alice", Count: 46, Hours: 140},
		{ID: "bob", Count: 50, Hours: 400},
		{ID: "carol", Count: 47, Hours: 420},
	}, metrics.Options{})
	a := d.People[0]
	fmt.Printf("%s took %.1fx her share (p = %.2g, %s)\n", a.ID, a.RateRatio, a.PAdjusted, a.Flag)
	// Team rate 143/960 per hour; alice expected 20.85, saw 46. Exact p 1.57e-6, times 3 by
	// Holm (checked with SciPy, testdata/reference.py's poisson_two_sided).
	// Output: alice took 2.2x her share (p = 4.7e-06, above)
}

func ExampleTrendOf() {
	weekly := []float64{30, 28, 31, 25, 22, 24, 20, 18, 19, 15, 14, 16, 12}
	t := metrics.TrendOf(weekly, 0.05)
	fmt.Printf("%.2f pages a week, %s (p = %.2g)\n", t.Slope, t.Verdict, t.P)
	// Output: -1.53 pages a week, improving (p = 7.3e-05)
}

func ExampleCompareRates() {
	before := metrics.Rate{Count: 120, Exposure: 8} // pages in 8 weeks before the fix
	after := metrics.Rate{Count: 80, Exposure: 8}
	c := metrics.CompareRates(before, after, 0.95, 0.05)
	fmt.Printf("rate ratio %.2f [%.2f, %.2f], p = %.3f: %s\n", c.RateRatio, c.CI.Lo, c.CI.Hi, c.P, c.Verdict)
	// Output: rate ratio 0.67 [0.50, 0.89], p = 0.006: improving
}

func ExampleBootstrapQuantile() {
	x := []float64{31, 45, 52, 60, 75, 80, 95, 120, 180, 300, 410, 600}
	b := metrics.BootstrapQuantile(x, 0.5, metrics.Linear, metrics.BootstrapOptions{Seed: 1})
	again := metrics.BootstrapQuantile(x, 0.5, metrics.Linear, metrics.BootstrapOptions{Seed: 1})
	fmt.Println(b.Estimate, b.CI == again.CI, b.CI.Lo <= b.Estimate && b.Estimate <= b.CI.Hi)
	// Output: 87.5 true true
}

func ExampleSummarize() {
	t0 := time.Date(2026, 3, 2, 3, 0, 0, 0, time.UTC) // a Monday, 03:00 in London
	pages := []oncall.Page{
		{IncidentID: "1", Service: "db", Responder: "ana", Role: oncall.Primary, Triggered: t0,
			Acknowledged: t0.Add(3 * time.Minute), Resolved: t0.Add(time.Hour)},
		{IncidentID: "2", Service: "api", Responder: "ana", Role: oncall.Primary, Triggered: t0.Add(8 * time.Hour),
			Acknowledged: t0.Add(8*time.Hour + 7*time.Minute), Resolved: t0.Add(9 * time.Hour)},
		{IncidentID: "3", Service: "db", Responder: "ben", Role: oncall.Secondary, Triggered: t0.Add(20 * time.Hour)},
	}
	london, _ := time.LoadLocation("Europe/London")
	cals := map[string]*calendar.Calendar{}
	for _, id := range []string{"ana", "ben"} {
		cals[id], _ = calendar.New(calendar.Profile{Zone: london})
	}
	r, err := metrics.Summarize(metrics.Input{Pages: pages, Calendars: cals}, metrics.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d pages, %d in sleep hours\n", r.Volume.Pages, r.OutOfHours.Sleep.Count)
	primary := r.Response.SLA[0]
	fmt.Printf("%s acknowledged within %v s: %d of %d\n", primary.Role, primary.AckWithinSeconds, primary.Ack.Count, primary.Ack.Total)
	fmt.Printf("worst service for sleep: %s\n", r.Hotspots.BySleep[0].Service)
	// 03:00 and 23:00 in London are sleep hours (22:00-08:00); 11:00 is business.
	// Output:
	// 3 pages, 2 in sleep hours
	// primary acknowledged within 300 s: 1 of 2
	// worst service for sleep: db
}

func ExampleHandoffOf() {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	h, _ := metrics.HandoffOf(metrics.HandoffInput{
		Shift: oncall.Shift{Responder: "ana", Role: oncall.Primary, Start: start, End: start.Add(24 * time.Hour)},
		Pages: []oncall.Page{
			{IncidentID: "7", Service: "db", Responder: "ana", Triggered: start.Add(2 * time.Hour), Resolved: start.Add(3 * time.Hour)},
			{IncidentID: "8", Service: "api", Responder: "ana", Triggered: start.Add(23 * time.Hour)},
		},
	})
	enc := json.NewEncoder(os.Stdout)
	enc.Encode(map[string]any{"pages": h.Pages, "open": len(h.Open), "time_spent_seconds": h.TimeSpentSeconds, "sleep_lost_seconds": h.SleepLostSeconds})
	// Output: {"open":1,"pages":2,"sleep_lost_seconds":null,"time_spent_seconds":7200}
}

func ExampleRecoveryOf() {
	day := func(d int) time.Time { return time.Date(2026, 1, d, 9, 0, 0, 0, time.UTC) }
	r, _ := metrics.RecoveryOf(
		[]metrics.Owed{{Responder: "ana", Amount: 8 * time.Hour, Earliest: day(5), Expires: day(26)}},
		[]metrics.TimeOff{{Responder: "ana", Start: day(9), Amount: 4 * time.Hour}},
		day(31))
	a := r.ByResponder[0]
	fmt.Printf("owed %vh, taken %vh, lapsed %vh\n", a.OwedSeconds/3600, a.CreditedSeconds/3600, a.LapsedSeconds/3600)
	// Output: owed 8h, taken 4h, lapsed 4h
}

// A flapping alert re-notifies every 20 seconds: with PagerDuty's 60-second window the burst
// at 02:00 is one interruption, and the page at 02:05 another.
func ExampleInterruptions() {
	t := time.Date(2026, 3, 3, 2, 0, 0, 0, time.UTC)
	times := []time.Time{t, t.Add(20 * time.Second), t.Add(40 * time.Second), t.Add(5 * time.Minute)}
	fmt.Println(metrics.Interruptions(times, metrics.DefaultInterruptionWindow))
	// Output: [true false false true]
}
