package fatigue

import (
	"fmt"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	oncall "github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

type benchPerson struct {
	id    string
	cal   *calendar.Calendar
	pages []oncall.Page
}

// benchTeam makes people in four zones with their public holidays, each with pagesEach
// pages spread over 2026: acknowledged within ten minutes, resolved within two hours, with
// one in ten never acknowledged and one in five never resolved.
func benchTeam(b *testing.B, people, pagesEach int) []benchPerson {
	b.Helper()
	zones := []struct{ zone, region string }{{"Europe/London", "GB"}, {"America/New_York", "US"}, {"Asia/Tokyo", "JP"}, {"Australia/Sydney", "AU-NSW"}}
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	year := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).Sub(start)
	out := make([]benchPerson, people)
	for i := range out {
		z := zones[i%len(zones)]
		loc, err := time.LoadLocation(z.zone)
		if err != nil {
			b.Fatal(err)
		}
		cal, err := calendar.New(calendar.Profile{Zone: loc, Region: z.region})
		if err != nil {
			b.Fatal(err)
		}
		p := benchPerson{id: fmt.Sprintf("p%04d", i), cal: cal, pages: make([]oncall.Page, pagesEach)}
		for k := range p.pages {
			trig := start.Add(time.Duration(r.Int64N(int64(year)))).Truncate(time.Second)
			pg := oncall.Page{IncidentID: fmt.Sprintf("i%d-%d", i, k), Responder: p.id, Triggered: trig}
			if r.IntN(10) > 0 {
				pg.Acknowledged = trig.Add(time.Duration(r.Int64N(int64(10 * time.Minute))))
			}
			if r.IntN(5) > 0 {
				pg.Resolved = maxTime(pg.Acknowledged, trig).Add(time.Duration(r.Int64N(int64(2 * time.Hour))))
			}
			p.pages[k] = pg
		}
		// Fill the holiday tables before timing.
		cal.IsWorkday(calendar.Date{Year: 2026, Month: 1, Day: 1})
		cal.IsWorkday(calendar.Date{Year: 2027, Month: 1, Day: 1})
		out[i] = p
	}
	return out
}

// benchPeople is the team size of the benchmarks (the target is stated for 1,000).
var benchPeople = 1000

// cpuTime is the process's user and system CPU time so far. Reported beside wall time,
// it shows the work done when other processes share the machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

var (
	benchFrom = calendar.Date{Year: 2026, Month: 1, Day: 1}
	benchTo   = calendar.Date{Year: 2026, Month: 12, Day: 31}
)

// BenchmarkDisruptionAndEntitlements: 1,000 people, one year, 1,000,000 pages, from pages
// to episodes, sleep disruption (per night and per year) and entitlements under all three
// presets combined. One op is the whole team.
func BenchmarkDisruptionAndEntitlements(b *testing.B) {
	team := benchTeam(b, benchPeople, 1000)
	policy := Combine(AutomaticDayOff(), EURestRule(), TimeInLieuPolicy())
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	defer func() { b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op") }()
	for b.Loop() {
		var ents, nights int
		for _, p := range team {
			eps, err := Episodes(p.id, p.pages, EpisodeConfig{})
			if err != nil {
				b.Fatal(err)
			}
			ims, err := Analyze(p.cal, eps, Options{})
			if err != nil {
				b.Fatal(err)
			}
			_, ns, err := Summarize(p.cal, ims, benchFrom, benchTo)
			if err != nil {
				b.Fatal(err)
			}
			got, err := policy.Grant(Subject{Person: p.id, Calendar: p.cal, Impacts: ims})
			if err != nil {
				b.Fatal(err)
			}
			ents += len(got)
			nights += len(ns)
		}
		if nights != benchPeople*365 {
			b.Fatalf("%d nights", nights)
		}
		b.ReportMetric(float64(ents), "entitlements")
	}
}

// BenchmarkModelPersonDays: the alertness model for the same team, summarised for every
// person-day: the forecast, every working day's stats, and every day's score.
func BenchmarkModelPersonDays(b *testing.B) {
	team := benchTeam(b, benchPeople, 1000)
	impacts := make([][]Impact, len(team))
	for i, p := range team {
		eps, err := Episodes(p.id, p.pages, EpisodeConfig{})
		if err != nil {
			b.Fatal(err)
		}
		if impacts[i], err = Analyze(p.cal, eps, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	m := DefaultModel()
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	defer func() { b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op") }()
	for b.Loop() {
		var days int
		for i, p := range team {
			fc, err := m.Forecast(p.cal, impacts[i], benchFrom, benchTo)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := fc.Workdays(); err != nil {
				b.Fatal(err)
			}
			ds, err := Scorer{}.Days(fc, impacts[i])
			if err != nil {
				b.Fatal(err)
			}
			days += len(ds)
		}
		if days != benchPeople*365 {
			b.Fatalf("%d days", days)
		}
	}
}
