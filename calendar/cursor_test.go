package calendar_test

import (
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/wellrested/oncall/calendar"
)

// TestPropertyCursorMatchesCalendar: a Cursor fed a random sequence of calls, in time order or
// jumping back and forth, gives exactly what the Calendar gives for each call on its own.
func TestPropertyCursorMatchesCalendar(t *testing.T) {
	locs := loadPropZones(t)
	rapid.Check(t, func(t *rapid.T) {
		pc := genCase(t, locs)
		c, err := calendar.New(pc.p)
		if err != nil {
			t.Fatal(err)
		}
		cu := c.Cursor()
		span := pc.end.Sub(pc.start) + 3*day
		for i, n := 0, rapid.IntRange(1, 12).Draw(t, "calls"); i < n; i++ {
			at := pc.start.Add(-day + time.Duration(rapid.Int64Range(0, int64(span)).Draw(t, "at")))
			if rapid.Bool().Draw(t, "classify") {
				if got, want := cu.Classify(at), c.Classify(at); got != want {
					t.Fatalf("call %d: Classify(%v): cursor %v, calendar %v", i, at, got, want)
				}
				continue
			}
			end := at.Add(time.Duration(rapid.Int64Range(0, int64(2*day)).Draw(t, "len")))
			var got calendar.Breakdown
			if err := cu.SplitInto(&got, at, end); err != nil {
				t.Fatal(err)
			}
			want, err := c.Split(at, end)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Fatalf("call %d: Split(%v, %v): cursor %s, calendar %s", i, at, end, jsonOf(got), jsonOf(want))
			}
		}
	})
}

// sortedPages is a year of page starts, about three a day, for one New York person.
func sortedPages(b *testing.B) (*calendar.Calendar, []time.Time) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		b.Fatal(err)
	}
	c, err := calendar.New(calendar.Profile{Zone: ny, Region: "US"})
	if err != nil {
		b.Fatal(err)
	}
	starts := make([]time.Time, 1000)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, ny)
	for i := range starts {
		starts[i] = t0.Add(time.Duration(i)*8*time.Hour + time.Duration(i*7919%3600)*time.Second)
	}
	return c, starts
}

// BenchmarkCursorSortedPages classifies and splits a year of sorted page-like intervals for
// one person through one Cursor: the pattern of fatigue and metrics.
func BenchmarkCursorSortedPages(b *testing.B) {
	c, starts := sortedPages(b)
	b.ReportAllocs()
	for b.Loop() {
		cu := c.Cursor()
		var bd calendar.Breakdown
		for _, s := range starts {
			_ = cu.Classify(s)
			_ = cu.SplitInto(&bd, s, s.Add(40*time.Minute))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(starts)), "ns/page")
}

// BenchmarkCalendarSortedPages is the same work without a Cursor, for comparison.
func BenchmarkCalendarSortedPages(b *testing.B) {
	c, starts := sortedPages(b)
	b.ReportAllocs()
	for b.Loop() {
		var bd calendar.Breakdown
		for _, s := range starts {
			_ = c.Classify(s)
			_ = c.SplitInto(&bd, s, s.Add(40*time.Minute))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(starts)), "ns/page")
}
