package rotation

import (
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// benchProblem: n people in three zones with national holidays and a week of leave each,
// weekly cycles over the given weeks, primary and secondary.
func benchProblem(n, weeks int, chain bool) Problem {
	zones := []struct{ zone, region string }{{"Europe/London", "GB"}, {"America/New_York", "US"}, {"Asia/Tokyo", "JP"}}
	start := time.Date(2026, 1, 6, 10, 0, 0, 0, time.UTC)
	tm := make([]Member, n)
	for i := range tm {
		z := zones[i%len(zones)]
		ls := start.AddDate(0, 0, (i*37)%(weeks*7))
		tm[i] = Member{Responder: oncall.Responder{ID: fmt.Sprintf("r%03d", i), Profile: calendar.Profile{
			Zone: mustLoad(z.zone), Region: z.region, Leave: []calendar.Interval{{Start: ls, End: ls.AddDate(0, 0, 7)}}}}}
		if i%10 == 9 {
			tm[i].Capacity = 0.5
		}
	}
	return Problem{Team: tm, From: start, To: start.AddDate(0, 0, 7*weeks), Spec: Spec{Chain: chain, MinCyclesOff: 2}, Seed: 1}
}

func benchmarkGenerate(b *testing.B, n, weeks int, chain bool) {
	pr := benchProblem(n, weeks, chain)
	var hi, lb float64
	measure(b, func() {
		m, err := Compile(pr)
		if err != nil {
			b.Fatal(err)
		}
		plan, err := m.Generate()
		if err != nil {
			b.Fatal(err)
		}
		hi, lb = plan.Ledger.Indices.Max, plan.Ledger.LowerBound
	})
	b.ReportMetric(hi/lb, "max/bound")
}

// BenchmarkGenerate50People2Years is the size the package promises under 50 ms.
func BenchmarkGenerate50People2Years(b *testing.B) { benchmarkGenerate(b, 50, 104, false) }

// BenchmarkGenerate50People2YearsChained adds secondary-becomes-primary chaining.
func BenchmarkGenerate50People2YearsChained(b *testing.B) { benchmarkGenerate(b, 50, 104, true) }

// BenchmarkGenerate12People1Year is a year for a small team.
func BenchmarkGenerate12People1Year(b *testing.B) { benchmarkGenerate(b, 12, 52, true) }

// BenchmarkGenerateOnly50People2Years times Generate alone on a compiled model (pricing
// every week for every person in their own calendar is done once, by Compile).
func BenchmarkGenerateOnly50People2Years(b *testing.B) {
	m, err := Compile(benchProblem(50, 104, false))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Generate(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompile50People2Years times pricing alone.
func BenchmarkCompile50People2Years(b *testing.B) {
	pr := benchProblem(50, 104, false)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(pr); err != nil {
			b.Fatal(err)
		}
	}
}

// followTheSun is n people in three regions, daily cycles over the given days, one role
// per region held 08:00-16:00 local.
func followTheSun(n, days int) Problem {
	regions := []struct{ role, zone, region string }{{"emea", "Europe/London", "GB"}, {"amer", "America/New_York", "US"}, {"apac", "Asia/Tokyo", "JP"}}
	var roles []RoleSpec
	for _, r := range regions {
		roles = append(roles, RoleSpec{Name: r.role, Coverage: &Coverage{Zone: mustLoad(r.zone), Hours: calendar.Window{From: calendar.At(8, 0), To: calendar.At(16, 0)}}})
	}
	start := time.Date(2026, 1, 6, 10, 0, 0, 0, time.UTC)
	tm := make([]Member, n)
	for i := range tm {
		r := regions[i%3]
		ls := start.AddDate(0, 0, (i*53)%days)
		tm[i] = Member{Responder: oncall.Responder{ID: fmt.Sprintf("%s%03d", r.role, i), Profile: calendar.Profile{Zone: mustLoad(r.zone), Region: r.region,
			Leave: []calendar.Interval{{Start: ls, End: ls.AddDate(0, 0, 10)}}}}, Roles: []string{r.role}}
	}
	return Problem{Team: tm, From: start, To: start.AddDate(0, 0, days), Spec: Spec{CycleDays: 1, Handoff: &Handoff{Day: time.Tuesday, At: 0}, Roles: roles, MinCyclesOff: 3}, Seed: 1}
}

// BenchmarkFollowTheSun500People5Years: 500 people, daily cycles for five years, three
// regional windows.
func BenchmarkFollowTheSun500People5Years(b *testing.B) {
	pr := followTheSun(500, 5*365)
	var hi, lb float64
	measure(b, func() {
		m, err := Compile(pr)
		if err != nil {
			b.Fatal(err)
		}
		plan, err := m.Generate()
		if err != nil {
			b.Fatal(err)
		}
		hi, lb = plan.Ledger.Indices.Max, plan.Ledger.LowerBound
	})
	b.ReportMetric(hi/lb, "max/bound")
}

// cpuTime is the process's user plus system CPU time: on a shared machine wall time
// measures the neighbours too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs body b.N times under b.Loop, reporting CPU time per run (cpu-ms/op) and the
// largest live heap seen after a run (peak-heap-MB, sampled: a lower bound on the true peak).
func measure(b *testing.B, body func()) {
	b.ReportAllocs()
	runtime.GC()
	c0, peak := cpuTime(), uint64(0)
	for b.Loop() {
		body()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapAlloc)
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}
