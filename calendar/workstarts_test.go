package calendar_test

import (
	"errors"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/wellrested/oncall/calendar"
)

// TestPropertyWorkStarts checks WorkStarts against NextWorkdayStart, asked instant by
// instant: for instants t drawn in [start, end), the first work start after t in the list is
// NextWorkdayStart(t), and when the list holds none after t, NextWorkdayStart(t) is at or
// after end (or there is none).
func TestPropertyWorkStarts(t *testing.T) {
	locs := loadPropZones(t)
	rapid.Check(t, func(t *rapid.T) {
		pc := genCase(t, locs)
		c, err := calendar.New(pc.p)
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		starts, err := c.WorkStarts(pc.start, pc.end)
		if err != nil {
			t.Fatalf("WorkStarts: %v", err)
		}
		for i, s := range starts {
			if !s.After(pc.start) || !s.Before(pc.end) || i > 0 && !s.After(starts[i-1]) {
				t.Fatalf("start %d %v: not in (%v, %v) or out of order", i, s, pc.start, pc.end)
			}
		}
		length := pc.end.Sub(pc.start)
		if length <= 0 {
			return
		}
		for range rapid.IntRange(1, 8).Draw(t, "instants") {
			at := pc.start.Add(time.Duration(rapid.Int64Range(0, int64(length)-1).Draw(t, "offset")))
			want, err := c.NextWorkdayStart(at)
			if err != nil && !errors.Is(err, calendar.ErrNoWorkday) {
				t.Fatalf("NextWorkdayStart(%v): %v", at, err)
			}
			i := 0
			for i < len(starts) && !starts[i].After(at) {
				i++
			}
			if i == len(starts) {
				if err == nil && want.Before(pc.end) {
					t.Fatalf("no work start after %v in the list, NextWorkdayStart says %v", at, want)
				}
				continue
			}
			if err != nil || starts[i] != want {
				t.Fatalf("after %v: list says %v, NextWorkdayStart %v (err %v)", at, starts[i], want, err)
			}
		}
	})
}

func TestWorkStartsWeek(t *testing.T) {
	// Monday 5 to Monday 12 January 2026 in New York, working 09:00-17:00, Monday to Friday:
	// work starts at 09:00 on Tuesday to Friday (Monday's own start is the interval's first
	// instant, not after it) and on the next Monday.
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	c, err := calendar.New(calendar.Profile{Zone: ny, WorkingHours: calendar.Window{From: calendar.At(9, 0), To: calendar.At(17, 0)}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.WorkStarts(time.Date(2026, 1, 5, 9, 0, 0, 0, ny), time.Date(2026, 1, 12, 9, 0, 1, 0, ny))
	if err != nil {
		t.Fatal(err)
	}
	want := []int{6, 7, 8, 9, 12}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i, d := range want {
		if w := time.Date(2026, 1, d, 9, 0, 0, 0, ny); !got[i].Equal(w) || got[i].Location() != ny {
			t.Errorf("start %d: got %v, want %v", i, got[i], w)
		}
	}
	if _, err := c.WorkStarts(time.Date(2026, 1, 6, 0, 0, 0, 0, ny), time.Date(2026, 1, 5, 0, 0, 0, 0, ny)); !errors.Is(err, calendar.ErrInvalidInterval) {
		t.Errorf("reversed interval: %v", err)
	}
}

// TestPropertySplitFunc: the stretches SplitFunc reports add up to Split's breakdown.
func TestPropertySplitFunc(t *testing.T) {
	locs := loadPropZones(t)
	rapid.Check(t, func(t *rapid.T) {
		pc := genCase(t, locs)
		c, err := calendar.New(pc.p)
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		want, err := c.Split(pc.start, pc.end)
		if err != nil {
			t.Fatalf("Split: %v", err)
		}
		var got calendar.Breakdown
		if err := c.Cursor().SplitFunc(pc.start, pc.end, func(cl calendar.Class, d time.Duration) {
			if d <= 0 {
				t.Fatalf("stretch of %v in %v", d, cl)
			}
			got.Add(cl, d)
		}); err != nil {
			t.Fatalf("SplitFunc: %v", err)
		}
		if got != want {
			t.Fatalf("SplitFunc adds up to %v, Split says %v", got, want)
		}
	})
	c, err := calendar.New(calendar.Profile{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	if err := c.Cursor().SplitFunc(now, now.Add(-time.Second), func(calendar.Class, time.Duration) {}); !errors.Is(err, calendar.ErrInvalidInterval) {
		t.Errorf("reversed interval: %v", err)
	}
}
