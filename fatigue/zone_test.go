package fatigue

import (
	"testing"
	"time"

	"github.com/wellrested/oncall/calendar"
	"pgregory.net/rapid"
)

// Zones with clock changes both sides of UTC, one that skips midnight (Havana moves from
// 00:00 to 01:00 in March), Lord Howe's half-hour change, and Samoa, which skipped all of
// 30 December 2011.
var zoneTestZones = []string{"UTC", "Europe/London", "America/New_York", "Australia/Sydney",
	"America/Havana", "Australia/Lord_Howe", "Pacific/Apia", "Asia/Tokyo"}

func TestZoneCacheAtMatchesDateAt(t *testing.T) {
	// The cached conversion must give exactly calendar.Date.At, which defines the instant
	// (gaps and repeated hours included), for any sequence of dates and clocks.
	rapid.Check(t, func(t *rapid.T) {
		loc, err := time.LoadLocation(rapid.SampledFrom(zoneTestZones).Draw(t, "zone"))
		if err != nil {
			t.Fatal(err)
		}
		zc := zoneCache{loc: loc}
		base := calendar.Date{Year: rapid.IntRange(2010, 2030).Draw(t, "year"), Month: time.January, Day: 1}
		for range rapid.IntRange(1, 20).Draw(t, "calls") {
			d := base.AddDays(rapid.IntRange(0, 370).Draw(t, "day"))
			c := calendar.Clock(rapid.IntRange(0, 24*3600-1).Draw(t, "clock"))
			want := d.At(c, loc).UnixNano()
			if got := zc.at(d, c); got != want {
				t.Fatalf("%s %s in %s: got %s, want %s", d, c, loc, time.Unix(0, got).In(loc), time.Unix(0, want).In(loc))
			}
		}
	})
}

func TestZoneCacheDayMatchesTime(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc, err := time.LoadLocation(rapid.SampledFrom(zoneTestZones).Draw(t, "zone"))
		if err != nil {
			t.Fatal(err)
		}
		zc := zoneCache{loc: loc}
		for range rapid.IntRange(1, 20).Draw(t, "calls") {
			ns := rapid.Int64Range(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano(), time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()).Draw(t, "ns")
			lt := time.Unix(0, ns).In(loc)
			day, tod := zc.day(ns)
			h, m, s := lt.Clock()
			if dateOfDay(day) != calendar.DateOf(lt) || tod != int64(h*3600+m*60+s)*int64(time.Second)+int64(lt.Nanosecond()) {
				t.Fatalf("%s: day %s tod %d", lt, dateOfDay(day), tod)
			}
		}
	})
}

func TestNightFinderMatchesNightOf(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc, err := time.LoadLocation(rapid.SampledFrom(zoneTestZones).Draw(t, "zone"))
		if err != nil {
			t.Fatal(err)
		}
		w := calendar.Window{From: calendar.Clock(rapid.IntRange(0, 24*3600-1).Draw(t, "from")),
			To: calendar.Clock(rapid.IntRange(0, 24*3600-1).Draw(t, "to"))}
		nf := nightFinder{win: w, zc: zoneCache{loc: loc}}
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
		for range rapid.IntRange(1, 20).Draw(t, "stretches") {
			start = start.Add(time.Duration(rapid.Int64Range(0, int64(40*24*time.Hour)).Draw(t, "gap")))
			end := start.Add(time.Duration(rapid.Int64Range(0, int64(30*time.Hour)).Draw(t, "length")))
			d1, ok1 := nf.night(start, end)
			d2, ok2 := nightOf(w, loc, start, end)
			if d1 != d2 || ok1 != ok2 {
				t.Fatalf("%s to %s, window %s: %s %v, want %s %v", start, end, w, d1, ok1, d2, ok2)
			}
		}
	})
}
