package metrics

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"pgregory.net/rapid"
)

// Notifications at 0, 30, 59, 61, 120 and 200 s with a 60 s window: 0 counts; 30 and 59 are
// within 60 s of it; 61 is 61 s after 0 and counts; 120 is 59 s after 61; 200 counts.
func TestInterruptionsByHand(t *testing.T) {
	t0 := at("2026-03-02T02:00:00Z")
	var ts []time.Time
	for _, s := range []int{0, 30, 59, 61, 120, 200} {
		ts = append(ts, t0.Add(time.Duration(s)*time.Second))
	}
	want := []bool{true, false, false, true, false, true}
	if got := Interruptions(ts, time.Minute); !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got := Interruptions(ts, 0); slices.Contains(got, false) {
		t.Errorf("window 0 must count every page: %v", got)
	}
	if got := Interruptions(nil, time.Minute); len(got) != 0 {
		t.Errorf("no pages: %v", got)
	}
}

// The first page always counts; a later page counts exactly when it comes more than the
// window after the last page counted.
func TestInterruptionsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		secs := rapid.SliceOf(rapid.IntRange(0, 600)).Draw(t, "secs")
		slices.Sort(secs)
		window := time.Duration(rapid.IntRange(1, 120).Draw(t, "window")) * time.Second
		ts := make([]time.Time, len(secs))
		for i, s := range secs {
			ts[i] = time.Unix(int64(s), 0)
		}
		got := Interruptions(ts, window)
		var last time.Time
		for i, c := range got {
			switch {
			case i == 0 && len(ts) > 0 && !c:
				t.Fatal("the first page always interrupts")
			case i > 0 && c && ts[i].Sub(last) <= window:
				t.Fatalf("page %d counted %v after the last counted", i, ts[i].Sub(last))
			case i > 0 && !c && ts[i].Sub(last) > window:
				t.Fatalf("page %d merged %v after the last counted", i, ts[i].Sub(last))
			}
			if c {
				last = ts[i]
			}
		}
	})
}

// Summarize merges repeats in hotspots and the sleep trend. Two responders in UTC (asleep
// 23:00-07:00): a is paged by api at 02:00:00, 02:00:30 and 02:02:00, b by db at 02:00:10.
// With the default 60 s window a has two interruptions (02:00:00, 02:02:00; 02:00:30 is
// merged) and b one: 3 in all, api 2 and db 1. A repeat to a different person is not
// merged. With a negative window all four pages count.
func TestSummarizeInterruptionWindow(t *testing.T) {
	cal := mustCal(t, calendar.Profile{Zone: time.UTC})
	in := Input{Calendars: map[string]*calendar.Calendar{"a": cal, "b": cal}}
	for _, p := range []struct{ who, svc, at string }{
		{"a", "api", "02:00:00"}, {"a", "api", "02:00:30"}, {"a", "api", "02:02:00"}, {"b", "db", "02:00:10"},
	} {
		tr := at("2026-03-03T" + p.at + "Z")
		in.Pages = append(in.Pages, oncall.Page{IncidentID: "I" + p.at, Service: p.svc, Responder: p.who,
			Role: oncall.Primary, Triggered: tr, Resolved: tr.Add(time.Minute)})
	}
	for _, c := range []struct {
		window   time.Duration
		api, all int
	}{{0, 2, 3}, {-1, 3, 4}, {5 * time.Minute, 1, 2}} {
		r, err := Summarize(in, Options{InterruptionWindow: c.window})
		if err != nil {
			t.Fatal(err)
		}
		if r.Hotspots.SleepInterruptions != c.all || r.Hotspots.BySleep[0].Service != "api" || r.Hotspots.BySleep[0].SleepInterruptions != c.api {
			t.Errorf("window %v: %d in all, first %+v; want %d, api %d", c.window, r.Hotspots.SleepInterruptions, r.Hotspots.BySleep[0], c.all, c.api)
		}
		if r.SleepTrend.N != 1 || float64(r.SleepTrend.Baseline) != float64(c.all) {
			t.Errorf("window %v: sleep trend %+v, want one week of %d", c.window, r.SleepTrend, c.all)
		}
	}
}

// Each team's out-of-hours counts and engaged time are the sums of its members'.
func TestOutOfHoursByTeamAddsUp(t *testing.T) {
	in := referenceInput(t)
	o, err := OutOfHoursOf(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	type sum struct {
		pages, biz, off, sleep, weekend, unresolved int
		engaged                                     float64
	}
	want := map[string]*sum{}
	for _, r := range o.ByResponder {
		s := want[in.Teams[r.ID]]
		if s == nil {
			s = &sum{}
			want[in.Teams[r.ID]] = s
		}
		s.pages += r.Pages
		s.biz += r.Business.Count
		s.off += r.Off.Count
		s.sleep += r.Sleep.Count
		s.weekend += r.Weekend.Count
		s.unresolved += r.Unresolved
		s.engaged += float64(r.Engaged.TotalSeconds)
	}
	if len(o.ByTeam) != len(want) || len(o.ByTeam) < 2 {
		t.Fatalf("%d teams, want %d", len(o.ByTeam), len(want))
	}
	for _, tm := range o.ByTeam {
		w := want[tm.ID]
		got := sum{tm.Pages, tm.Business.Count, tm.Off.Count, tm.Sleep.Count, tm.Weekend.Count, tm.Unresolved, float64(tm.Engaged.TotalSeconds)}
		if got != *w {
			t.Errorf("team %s: %+v, want %+v", tm.ID, got, *w)
		}
		if tm.Business.Total != tm.Pages {
			t.Errorf("team %s: shares of %d, not of its %d pages", tm.ID, tm.Business.Total, tm.Pages)
		}
	}
	if !slices.IsSortedFunc(o.ByTeam, func(a, b ResponderHours) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("teams not sorted by name")
	}
}
