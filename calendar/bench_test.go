package calendar_test

// Benchmarks for the hot path of on-call analytics: splitting many (person, interval) pairs.
//
//	go test -run XXX -bench . -benchtime=1000000x ./calendar
//
// runs BenchmarkSplit over exactly 1,000,000 pairs; ns/op is then the cost of one pair and
// "s/1M-pairs" the cost of the whole million.
//
// The intervals lie in 2026 and 2027.

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/wellrested/oncall/calendar"
)

// benchProfiles are eight people in different zones and holiday regions, one on nights.
var benchProfiles = []struct {
	zone, region string
	work, sleep  calendar.Window
	days         calendar.Weekdays
}{
	{zone: "America/New_York", region: "US"},
	{zone: "America/Los_Angeles", region: "US", sleep: calendar.Window{From: calendar.At(23, 0), To: calendar.At(7, 0)}},
	{zone: "Europe/London", region: "GB"},
	{zone: "Europe/Berlin", region: "DE-BY", work: calendar.Window{From: calendar.At(9, 0), To: calendar.At(17, 30)}},
	{zone: "Australia/Sydney", region: "AU-NSW"},
	{zone: "Asia/Kolkata", work: calendar.Window{From: calendar.At(22, 0), To: calendar.At(6, 0)}}, // nights
	{zone: "Asia/Tokyo", region: "JP"},
	{zone: "America/Sao_Paulo", region: "BR", days: calendar.WeekdaysOf(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Saturday)},
}

type benchPair struct {
	start, length int64 // unix ns, ns
	who           int
}

func benchCalendars(b *testing.B) []*calendar.Calendar {
	b.Helper()
	cals := make([]*calendar.Calendar, len(benchProfiles))
	for i, bp := range benchProfiles {
		c, err := calendar.New(calendar.Profile{
			Zone: zone(b, bp.zone), Region: bp.region, WorkingHours: bp.work, Sleep: bp.sleep, WorkingDays: bp.days,
			Leave: []calendar.Interval{{Start: time.Date(2026, 8, 3, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 8, 17, 0, 0, 0, 0, time.UTC)}},
		})
		if err != nil {
			b.Fatal(err)
		}
		cals[i] = c
	}
	return cals
}

// benchPairs draws n pairs: 70% page-like intervals of 1 to 90 minutes, 20% of 1 to 12 hours,
// 10% day-long (24 to 48 hours), starting anywhere in 2026-01-01 .. 2027-12-01.
func benchPairs(n int) []benchPair {
	r := rand.New(rand.NewPCG(2026, 11))
	lo := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	hi := time.Date(2027, 12, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	pairs := make([]benchPair, n)
	for i := range pairs {
		var l time.Duration
		switch k := r.IntN(10); {
		case k < 7:
			l = time.Minute + time.Duration(r.Int64N(int64(89*time.Minute)))
		case k < 9:
			l = time.Hour + time.Duration(r.Int64N(int64(11*time.Hour)))
		default:
			l = 24*time.Hour + time.Duration(r.Int64N(int64(24*time.Hour)))
		}
		pairs[i] = benchPair{start: lo + r.Int64N(hi-lo), length: int64(l), who: r.IntN(len(benchProfiles))}
	}
	return pairs
}

var benchSink time.Duration

func BenchmarkSplit(b *testing.B) {
	cals := benchCalendars(b)
	pairs := benchPairs(1_000_000)
	// Warm the holiday tables so the benchmark measures the steady state.
	for _, c := range cals {
		c.IsWorkday(calendar.Date{Year: 2026, Month: 6, Day: 1})
		c.IsWorkday(calendar.Date{Year: 2027, Month: 6, Day: 1})
	}
	var acc calendar.Breakdown // reused: the per-class totals over all pairs
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p := &pairs[i]
		if i++; i == len(pairs) {
			i = 0
		}
		if err := cals[p.who].SplitInto(&acc, time.Unix(0, p.start), time.Unix(0, p.start+p.length)); err != nil {
			b.Fatal(err)
		}
	}
	benchSink = acc.Total()
	// ns per pair * 1e6 pairs / 1e9 ns per second.
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e3, "s/1M-pairs")
}

// BenchmarkSplitWeek splits 7-day on-call shifts (handover at 09:00 UTC on a random day).
func BenchmarkSplitWeek(b *testing.B) {
	cals := benchCalendars(b)
	r := rand.New(rand.NewPCG(7, 7))
	type shift struct {
		start time.Time
		who   int
	}
	shifts := make([]shift, 4096)
	first := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := range shifts {
		shifts[i] = shift{first.AddDate(0, 0, r.IntN(690)), r.IntN(len(cals))}
	}
	var acc calendar.Breakdown
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s := shifts[i%len(shifts)]
		i++
		if err := cals[s.who].SplitInto(&acc, s.start, s.start.Add(7*24*time.Hour)); err != nil {
			b.Fatal(err)
		}
	}
	benchSink = acc.Total()
}

// BenchmarkClassify classifies single instants (a page's start).
func BenchmarkClassify(b *testing.B) {
	cals := benchCalendars(b)
	pairs := benchPairs(1 << 16)
	b.ReportAllocs()
	i := 0
	var n int
	for b.Loop() {
		p := pairs[i&(len(pairs)-1)]
		i++
		n += int(cals[p.who].Classify(time.Unix(0, p.start)))
	}
	benchSink = time.Duration(n)
}
