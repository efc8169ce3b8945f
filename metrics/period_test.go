package metrics

import (
	"errors"
	"testing"
	"time"

	"github.com/wellrested/oncall"
	"pgregory.net/rapid"
)

// The cached walk through zone offsets must number every page's period as a direct
// conversion to local time does, across clock changes in zones both sides of UTC.
func TestPeriodsAgreeWithLocalTime(t *testing.T) {
	zones := []string{"UTC", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Apia"}
	rapid.Check(t, func(rt *rapid.T) {
		loc, err := time.LoadLocation(rapid.SampledFrom(zones).Draw(rt, "zone"))
		if err != nil {
			rt.Fatal(err)
		}
		p := rapid.SampledFrom([]Period{Day, Week, Month}).Draw(rt, "period")
		n := rapid.IntRange(1, 50).Draw(rt, "n")
		var in Input
		for range n {
			ns := rapid.Int64Range(at("2010-01-01T00:00:00Z").UnixNano(), at("2030-01-01T00:00:00Z").UnixNano()).Draw(rt, "t")
			in.Pages = append(in.Pages, oncall.Page{IncidentID: "i", Responder: "r", Triggered: time.Unix(0, ns)})
		}
		pp, err := prepare(in, Options{}, false)
		if err != nil {
			rt.Fatal(err)
		}
		g, first := pp.computePeriods(p, loc)
		for i, pg := range in.Pages {
			want := periodIndex(p, pg.Triggered, loc)
			if got := first + int64(g.group[i]); got != want {
				rt.Fatalf("page at %v in %v: period %d, want %d", pg.Triggered.In(loc), loc, got, want)
			}
		}
	})
}

// Hand-worked ISO weeks and months: 2026-01-01 is a Thursday in ISO week 2026-W01, which runs
// from Monday 2025-12-29; 2027-01-01 (a Friday) is in 2026-W53. A page at 23:30 on 31 January
// in New York is 04:30 UTC on 1 February: it counts in January.
func TestPeriodLabelsHandWorked(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	label := func(p Period, ts string, loc *time.Location) (string, time.Time) {
		l, s, _ := periodBounds(p, periodIndex(p, at(ts), loc), loc)
		return l, s
	}
	if l, s := label(Week, "2026-01-01T12:00:00Z", time.UTC); l != "2026-W01" || !s.Equal(at("2025-12-29T00:00:00Z")) {
		t.Errorf("week of 2026-01-01: %s from %v", l, s)
	}
	if l, _ := label(Week, "2027-01-01T12:00:00Z", time.UTC); l != "2026-W53" {
		t.Errorf("week of 2027-01-01: %s", l)
	}
	if l, s := label(Month, "2026-02-01T04:30:00Z", ny); l != "2026-01" || !s.Equal(at("2026-01-01T05:00:00Z")) {
		t.Errorf("month: %s from %v", l, s)
	}
	// The day of the spring-forward in New York is 23 hours long.
	_, s, e := periodBounds(Day, periodIndex(Day, at("2026-03-08T12:00:00Z"), ny), ny)
	if e.Sub(s) != 23*time.Hour {
		t.Errorf("8 March 2026 in New York lasts %v", e.Sub(s))
	}
}

// Leap days: 29 February 2028 is a day of its own and belongs to February and ISO week
// 2028-W09 (Monday 28 February to Sunday 5 March).
func TestPeriodLeapDay(t *testing.T) {
	ts := at("2028-02-29T12:00:00Z")
	if l, s, e := periodBounds(Day, periodIndex(Day, ts, time.UTC), time.UTC); l != "2028-02-29" || e.Sub(s) != 24*time.Hour {
		t.Errorf("day %s, %v", l, e.Sub(s))
	}
	if l, s, e := periodBounds(Month, periodIndex(Month, ts, time.UTC), time.UTC); l != "2028-02" || e.Sub(s) != 29*24*time.Hour {
		t.Errorf("month %s lasts %v", l, e.Sub(s))
	}
	if l, s, _ := periodBounds(Week, periodIndex(Week, ts, time.UTC), time.UTC); l != "2028-W09" || !s.Equal(at("2028-02-28T00:00:00Z")) {
		t.Errorf("week %s from %v", l, s)
	}
}

// Pages five centuries apart cannot be counted per day: a clear error, not a huge
// allocation.
func TestTooManyPeriods(t *testing.T) {
	in := Input{Pages: []oncall.Page{
		{IncidentID: "a", Responder: "r", Triggered: at("1700-01-01T00:00:00Z")},
		{IncidentID: "b", Responder: "r", Triggered: at("2200-01-01T00:00:00Z")},
	}}
	if _, err := VolumeOf(in, Options{Period: Day}); !errors.Is(err, ErrInvalidPeriod) {
		t.Errorf("error %v", err)
	}
	if v, err := VolumeOf(in, Options{Period: Month}); err != nil || len(v.ByPeriod) != 500*12+1 {
		t.Errorf("months: %d, %v", len(v.ByPeriod), err)
	}
}

// periodIndex numbers the period holding t by a direct conversion to local time: the
// oracle for the cached walk of computePeriods.
func periodIndex(p Period, t time.Time, loc *time.Location) int64 {
	y, m, d := t.In(loc).Date()
	return periodOfDay(p, civilDays(y, m, d))
}

func civilDays(y int, m time.Month, d int) int64 {
	return floorDiv(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix(), 86400)
}
