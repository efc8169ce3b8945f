package metrics

import (
	"fmt"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// syntheticYear builds the benchmark load: n pages for people responders over 2026,
// in five zones, with weekly primary and secondary shifts in teams of 50.
func syntheticYear(tb testing.TB, n, people int) Input {
	tb.Helper()
	rng := rand.New(rand.NewPCG(11, 12))
	zones := []string{"UTC", "America/New_York", "Europe/London", "Asia/Tokyo", "Australia/Sydney"}
	services := make([]string, 40)
	for i := range services {
		services[i] = fmt.Sprintf("svc-%02d", i)
	}
	in := Input{Calendars: map[string]*calendar.Calendar{}, Teams: map[string]string{}}
	ids := make([]string, people)
	for i := range ids {
		ids[i] = fmt.Sprintf("user-%04d", i)
		loc, err := time.LoadLocation(zones[i%len(zones)])
		if err != nil {
			tb.Fatal(err)
		}
		in.Calendars[ids[i]] = mustCal(tb, calendar.Profile{Zone: loc})
		in.Teams[ids[i]] = fmt.Sprintf("team-%02d", i/50)
	}
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for team := 0; team*50 < people; team++ {
		for w := range 52 {
			s := start.AddDate(0, 0, 7*w)
			for r, role := range []string{oncall.Primary, oncall.Secondary} {
				who := ids[min(people-1, team*50+(w+r*25)%50)]
				in.Shifts = append(in.Shifts, oncall.Shift{Responder: who, Role: role, Start: s, End: s.AddDate(0, 0, 7)})
			}
		}
	}
	year := 364 * 24 * time.Hour
	in.Pages = make([]oncall.Page, n)
	for i := range in.Pages {
		t := start.Add(time.Duration(rng.Int64N(int64(year))))
		p := oncall.Page{
			IncidentID: fmt.Sprintf("INC%07d", i*4/5), Service: services[rng.IntN(len(services))],
			Responder: ids[rng.IntN(people)], Role: oncall.Primary, Triggered: t,
		}
		if rng.IntN(4) == 0 {
			p.Role = oncall.Secondary
		}
		if rng.IntN(100) >= 3 {
			p.Acknowledged = t.Add(time.Duration(rng.ExpFloat64() * float64(4*time.Minute)))
		}
		if rng.IntN(100) >= 2 {
			base := t
			if !p.Acknowledged.IsZero() {
				base = p.Acknowledged
			}
			p.Resolved = base.Add(time.Duration(rng.ExpFloat64() * float64(40*time.Minute)))
		}
		in.Pages[i] = p
	}
	return in
}

func TestSummarizeSynthetic(t *testing.T) {
	in := syntheticYear(t, 20000, 100)
	r, err := Summarize(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Volume.Pages != 20000 || r.OutOfHours.Pages != 20000 || r.Response.All.Pages != 20000 {
		t.Errorf("pages: volume %d, hours %d, response %d", r.Volume.Pages, r.OutOfHours.Pages, r.Response.All.Pages)
	}
	// Business hours are 50 of the week's 168 hours; pages arrive uniformly in time, so about
	// 30% land in business hours.
	if s := float64(r.OutOfHours.Business.Share); s < 0.27 || s > 0.33 {
		t.Errorf("business share %v, want about 50/168", s)
	}
	if r.Fairness.N != 100 || r.Disproportion == nil || len(r.Disproportion.People) != 100 {
		t.Errorf("fairness over %d people, disproportion %v", r.Fairness.N, r.Disproportion != nil)
	}
	if r.PageTrend.Verdict != NoClearChange {
		t.Errorf("a flat synthetic year has verdict %q (p %v)", r.PageTrend.Verdict, r.PageTrend.P)
	}
}

func BenchmarkSummarizeYear(b *testing.B) {
	in := syntheticYear(b, 1_000_000, 1000)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := Summarize(in, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu0)
}

// cpuTime is the process's user and system CPU time. The machine running benchmarks may be
// shared: CPU time per operation is the figure that does not depend on the neighbours.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportCPU(b *testing.B, since time.Duration) {
	b.ReportMetric(float64(cpuTime()-since)/float64(b.N), "cpu-ns/op")
}

// BenchmarkSummarizeParts times each stage of Summarize on the same year of pages, to show
// where the time goes.
func BenchmarkSummarizeParts(b *testing.B) {
	in := syntheticYear(b, 1_000_000, 1000)
	opt := Options{}
	pp, err := prepare(in, opt, true)
	if err != nil {
		b.Fatal(err)
	}
	w, err := pp.walkCalendars()
	if err != nil {
		b.Fatal(err)
	}
	parts := []struct {
		name string
		run  func()
	}{
		{"prepare", func() { prepare(in, opt, true) }},
		{"calendars", func() { pp.walkCalendars() }},
		{"volume", func() { pp.period.g.keys = nil; pp.volume(opt) }},
		{"out-of-hours", func() { pp.outOfHours(opt, w) }},
		{"response", func() { pp.response(opt) }},
		{"interruptions", func() { pp.sleepInterruptions(w.classes, opt.interruptionWindow()) }},
		{"hotspots", func() { pp.hotspots(pp.sleepInterruptions(w.classes, opt.interruptionWindow())) }},
	}
	for _, p := range parts {
		b.Run(p.name, func(b *testing.B) {
			cpu0 := cpuTime()
			for b.Loop() {
				p.run()
			}
			reportCPU(b, cpu0)
		})
	}
}
