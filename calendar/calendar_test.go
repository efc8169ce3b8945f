package calendar_test

// Table tests for Calendar. Every expected value was worked out by hand from the rules in
// doc.go / the Profile comments, converting wall clocks to UTC instants with Python's
// zoneinfo, e.g.
//
//	python3 -c "from zoneinfo import ZoneInfo; from datetime import *; \
//	  print(datetime(2026,3,8,3,0,tzinfo=ZoneInfo('America/New_York')).astimezone(timezone.utc))"
//
// Offsets used below (all checked that way):
//
//	America/New_York  EST -05:00 until 2026-03-08 07:00Z, EDT -04:00 until 2026-11-01 06:00Z
//	Europe/London     GMT +00:00 until 2026-03-29 01:00Z, BST +01:00 until 2026-10-25 01:00Z
//	Australia/Sydney  AEDT +11:00 until 2026-04-04 16:00Z (05 Apr 03:00 -> 02:00),
//	                  AEST +10:00 until 2026-10-03 16:00Z (04 Oct 02:00 -> 03:00)
//	Europe/Berlin     CET +01:00 in January;  Asia/Kolkata IST +05:30 all year
//
// Weekdays come from Python's date(...).strftime("%A").

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rickar/cal/v2"

	"github.com/wellrested/oncall/calendar"
)

// ---- helpers ----------------------------------------------------------------------------

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return loc
}

func mustNew(t testing.TB, p calendar.Profile) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(p)
	if err != nil {
		t.Fatalf("New(%+v): %v", p, err)
	}
	return c
}

// z is an instant given in UTC.
func z(y int, m time.Month, d, h, mi int) time.Time { return time.Date(y, m, d, h, mi, 0, 0, time.UTC) }

// cls builds a class from a band and flags.
func cls(b calendar.Band, f calendar.Flags) calendar.Class { return calendar.MakeClass(b, f) }

const (
	wk  = calendar.FlagWeekend
	hol = calendar.FlagHoliday
	lv  = calendar.FlagLeave
)

var (
	biz   = cls(calendar.Business, 0)
	off   = cls(calendar.Off, 0)
	sleep = cls(calendar.Sleep, 0)
)

// want is an expected breakdown: every class not listed must be zero.
type want map[calendar.Class]time.Duration

func checkBreakdown(t *testing.T, what string, got calendar.Breakdown, w want) {
	t.Helper()
	for i := 0; i < calendar.NumClasses; i++ {
		c := calendar.Class(i)
		if got.Of(c) != w[c] {
			t.Errorf("%s: %v = %v, want %v", what, c, got.Of(c), w[c])
		}
	}
}

func split(t *testing.T, c *calendar.Calendar, start, end time.Time) calendar.Breakdown {
	t.Helper()
	b, err := c.Split(start, end)
	if err != nil {
		t.Fatalf("Split(%v, %v): %v", start, end, err)
	}
	return b
}

func segments(t *testing.T, c *calendar.Calendar, start, end time.Time) []calendar.Segment {
	t.Helper()
	seq, err := c.Segments(start, end)
	if err != nil {
		t.Fatalf("Segments(%v, %v): %v", start, end, err)
	}
	var out []calendar.Segment
	for s := range seq {
		out = append(out, s)
	}
	return out
}

// seg is an expected segment in UTC.
type seg struct {
	start, end time.Time
	class      calendar.Class
}

func checkSegments(t *testing.T, what string, got []calendar.Segment, w []seg) {
	t.Helper()
	if len(got) != len(w) {
		t.Errorf("%s: %d segments, want %d:\n got  %s\n want %s", what, len(got), len(w), fmtSegs(got), fmtWant(w))
		return
	}
	for i := range w {
		if !got[i].Start.Equal(w[i].start) || !got[i].End.Equal(w[i].end) || got[i].Class != w[i].class {
			t.Errorf("%s: segment %d = [%s, %s) %v, want [%s, %s) %v", what, i,
				got[i].Start.UTC().Format(time.RFC3339), got[i].End.UTC().Format(time.RFC3339), got[i].Class,
				w[i].start.Format(time.RFC3339), w[i].end.Format(time.RFC3339), w[i].class)
		}
	}
}

func fmtSegs(s []calendar.Segment) string {
	var b strings.Builder
	for _, x := range s {
		fmt.Fprintf(&b, "[%s %s %v] ", x.Start.UTC().Format("01-02T15:04"), x.End.UTC().Format("01-02T15:04"), x.Class)
	}
	return b.String()
}

func fmtWant(s []seg) string {
	var b strings.Builder
	for _, x := range s {
		fmt.Fprintf(&b, "[%s %s %v] ", x.start.Format("01-02T15:04"), x.end.Format("01-02T15:04"), x.class)
	}
	return b.String()
}

type classifyCase struct {
	at   time.Time
	want calendar.Class
	how  string
}

func checkClassify(t *testing.T, c *calendar.Calendar, cases []classifyCase) {
	t.Helper()
	for _, tc := range cases {
		if got := c.Classify(tc.at); got != tc.want {
			t.Errorf("Classify(%s = %s) = %v, want %v (%s)", tc.at.UTC().Format(time.RFC3339Nano),
				tc.at.In(c.Location()).Format("Mon 2006-01-02 15:04:05 MST"), got, tc.want, tc.how)
		}
	}
}

func nextStart(t *testing.T, c *calendar.Calendar, from time.Time) time.Time {
	t.Helper()
	got, err := c.NextWorkdayStart(from)
	if err != nil {
		t.Fatalf("NextWorkdayStart(%v): %v", from, err)
	}
	return got
}

// ---- class.go ---------------------------------------------------------------------------

func TestClassEncoding(t *testing.T) {
	seen := map[calendar.Class]bool{}
	for _, b := range calendar.Bands() {
		for f := calendar.Flags(0); f < 8; f++ {
			c := calendar.MakeClass(b, f)
			if c.Band() != b || c.Flags() != f {
				t.Errorf("MakeClass(%v, %v) = %v: band %v flags %v", b, f, c, c.Band(), c.Flags())
			}
			if int(c) >= calendar.NumClasses {
				t.Errorf("MakeClass(%v, %v) = %d, not below NumClasses %d", b, f, c, calendar.NumClasses)
			}
			if seen[c] {
				t.Errorf("MakeClass(%v, %v) = %d collides", b, f, c)
			}
			seen[c] = true
		}
	}
	if len(seen) != 24 || calendar.NumClasses != 24 { // 3 bands x 2^3 flag sets
		t.Errorf("%d distinct classes, NumClasses %d; want 24", len(seen), calendar.NumClasses)
	}
	tests := []struct {
		c    calendar.Class
		want string
	}{
		{biz, "business"},
		{cls(calendar.Sleep, wk|hol), "sleep+weekend+holiday"},
		{cls(calendar.Off, lv), "off+leave"},
		{cls(calendar.Off, wk|hol|lv), "off+weekend+holiday+leave"},
	}
	for _, tc := range tests {
		if got := tc.c.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
	if !cls(calendar.Sleep, wk|hol).Has(wk) || cls(calendar.Sleep, wk).Has(wk|hol) || !biz.Has(0) {
		t.Errorf("Class.Has wrong")
	}
}

func TestBreakdownAccessors(t *testing.T) {
	var b calendar.Breakdown
	b.Add(biz, 3*time.Hour)
	b.Add(cls(calendar.Business, hol), time.Hour)
	b.Add(cls(calendar.Sleep, wk), 5*time.Hour)
	b.Add(cls(calendar.Off, wk|hol), 7*time.Hour)
	var o calendar.Breakdown
	o.Add(biz, time.Minute)
	b.Merge(o)
	// By hand: business = 3h1m + 1h; sleep = 5h; off = 7h; weekend = 5h + 7h; holiday = 1h + 7h.
	if got := b.Band(calendar.Business); got != 4*time.Hour+time.Minute {
		t.Errorf("Band(Business) = %v", got)
	}
	if got := b.Band(calendar.Off); got != 7*time.Hour {
		t.Errorf("Band(Off) = %v", got)
	}
	if got := b.With(wk); got != 12*time.Hour {
		t.Errorf("With(weekend) = %v", got)
	}
	if got := b.With(hol); got != 8*time.Hour {
		t.Errorf("With(holiday) = %v", got)
	}
	if got := b.With(wk | hol); got != 7*time.Hour {
		t.Errorf("With(weekend+holiday) = %v", got)
	}
	if got := b.Total(); got != 16*time.Hour+time.Minute {
		t.Errorf("Total() = %v", got)
	}
	var classes []calendar.Class
	for c := range b.All() {
		classes = append(classes, c)
	}
	// Class order is band*8 + flags: business(0), business+holiday(2), off+w+h(8+3), sleep+w(16+1).
	if !slices.Equal(classes, []calendar.Class{biz, cls(calendar.Business, hol), cls(calendar.Off, wk|hol), cls(calendar.Sleep, wk)}) {
		t.Errorf("All() yields %v", classes)
	}
	js, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	// 3h1m = 10860 s, 1h = 3600, 7h = 25200, 5h = 18000.
	if want := `{"business":10860,"business+holiday":3600,"off+weekend+holiday":25200,"sleep+weekend":18000}`; string(js) != want {
		t.Errorf("MarshalJSON = %s, want %s", js, want)
	}
	js, _ = json.Marshal(calendar.Breakdown{})
	if string(js) != "{}" {
		t.Errorf("empty MarshalJSON = %s", js)
	}
	var frac calendar.Breakdown
	frac.Add(cls(calendar.Sleep, lv), 1500*time.Millisecond) // 1.5 s
	if js, _ := json.Marshal(frac); string(js) != `{"sleep+leave":1.5}` {
		t.Errorf("fractional MarshalJSON = %s", js)
	}
}

// ---- the zero profile -------------------------------------------------------------------

func TestZeroProfileDefaults(t *testing.T) {
	c := mustNew(t, calendar.Profile{})
	p := c.Profile()
	if p.Zone != time.UTC || p.WorkingDays != calendar.MondayToFriday ||
		p.WorkingHours != (calendar.Window{From: calendar.At(8, 0), To: calendar.At(18, 0)}) ||
		p.Sleep != (calendar.Window{From: calendar.At(22, 0), To: calendar.At(8, 0)}) {
		t.Errorf("defaults: %+v", p)
	}
	if c.Location() != time.UTC {
		t.Errorf("Location() = %v", c.Location())
	}
	// 2026-06-08 is a Monday, 2026-06-13 a Saturday.
	checkClassify(t, c, []classifyCase{
		{z(2026, 6, 8, 8, 0), biz, "Mon 08:00 starts business"},
		{z(2026, 6, 8, 8, 0).Add(-time.Nanosecond), sleep, "Mon 07:59:59.999999999 is still sleep"},
		{z(2026, 6, 8, 17, 59), biz, "Mon 17:59"},
		{z(2026, 6, 8, 18, 0), off, "18:00 ends business"},
		{z(2026, 6, 8, 21, 59), off, "off until 22:00"},
		{z(2026, 6, 8, 22, 0), sleep, "sleep from 22:00"},
		{z(2026, 6, 9, 3, 0), sleep, "Tue 03:00"},
		{z(2026, 6, 13, 10, 0), cls(calendar.Off, wk), "Sat 10:00 is off hours on a weekend"},
		{z(2026, 6, 13, 3, 0), cls(calendar.Sleep, wk), "Sat 03:00 is sleep on a weekend"},
		{z(2026, 6, 14, 23, 0), cls(calendar.Sleep, wk), "Sun 23:00"},
		{z(2026, 6, 15, 1, 0), sleep, "Mon 01:00: Monday is a working day, so no weekend flag"},
	})
	// A full UTC week Mon 2026-06-08 00:00 .. Mon 06-15 00:00 (168 h). Per weekday: sleep 8+2,
	// business 10, off 4; per weekend day: sleep 10, off 14.
	b := split(t, c, z(2026, 6, 8, 0, 0), z(2026, 6, 15, 0, 0))
	checkBreakdown(t, "UTC week", b, want{
		biz:                     50 * time.Hour,
		off:                     20 * time.Hour,
		sleep:                   50 * time.Hour,
		cls(calendar.Off, wk):   28 * time.Hour,
		cls(calendar.Sleep, wk): 20 * time.Hour,
	})
	if b.Total() != 168*time.Hour {
		t.Errorf("Total = %v", b.Total())
	}
	// The input's own location does not matter: the same instants given in Tokyo time.
	tokyo := zone(t, "Asia/Tokyo")
	b2 := split(t, c, z(2026, 6, 8, 0, 0).In(tokyo), z(2026, 6, 15, 0, 0).In(tokyo))
	if b2 != b {
		t.Errorf("split depends on the input's location")
	}
	// An empty interval is empty.
	if e := split(t, c, z(2026, 6, 8, 9, 0), z(2026, 6, 8, 9, 0)); e.Total() != 0 {
		t.Errorf("empty interval total %v", e.Total())
	}
	if segs := segments(t, c, z(2026, 6, 8, 9, 0), z(2026, 6, 8, 9, 0)); len(segs) != 0 {
		t.Errorf("empty interval has segments %v", fmtSegs(segs))
	}
	// Breaking out of Segments early stops the iteration (a range-over-func loop panics if
	// the iterator yields again after the body returned false).
	seq, err := c.Segments(z(2026, 6, 8, 0, 0), z(2026, 6, 15, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range seq {
		if n++; n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("stopped after %d segments, want 2", n)
	}
	// NextWorkdayStart is strictly after t: from the first instant of business hours it is
	// the next day's start. 2026-06-12 is a Friday.
	for _, tc := range []struct{ from, want time.Time }{
		{z(2026, 6, 8, 8, 0).Add(-time.Nanosecond), z(2026, 6, 8, 8, 0)},
		{z(2026, 6, 8, 8, 0), z(2026, 6, 9, 8, 0)},
		{z(2026, 6, 8, 12, 0), z(2026, 6, 9, 8, 0)},
		{z(2026, 6, 12, 12, 0), z(2026, 6, 15, 8, 0)},
		{z(2026, 6, 13, 12, 0), z(2026, 6, 15, 8, 0)},
	} {
		if got := nextStart(t, c, tc.from); !got.Equal(tc.want) {
			t.Errorf("NextWorkdayStart(%v) = %v, want %v", tc.from, got, tc.want)
		}
	}
}

// ---- 1. New York spring forward ---------------------------------------------------------

func TestNewYorkSpringForward(t *testing.T) {
	ny := zone(t, "America/New_York")
	c := mustNew(t, calendar.Profile{Zone: ny})
	sw := cls(calendar.Sleep, wk)
	ow := cls(calendar.Off, wk)

	// Sat 2026-03-07 22:00 EST = 03:00Z; Sun 2026-03-08 08:00 EDT = 12:00Z: 9 h elapsed (the
	// wall clock shows 10 h), all in the 22:00-08:00 sleep window, Saturday and Sunday both
	// weekend days.
	checkBreakdown(t, "Sat 22:00 to Sun 08:00", split(t, c, z(2026, 3, 8, 3, 0), z(2026, 3, 8, 12, 0)), want{sw: 9 * time.Hour})

	// The whole of Sunday: 00:00 EST (05:00Z) to Mon 00:00 EDT (Mar 9 04:00Z) = 23 h.
	// sleep 00:00 EST-08:00 EDT = 05:00Z-12:00Z (7 h) + 22:00-24:00 EDT = 02:00Z-04:00Z (2 h);
	// off 08:00-22:00 EDT = 12:00Z-02:00Z (14 h).
	b := split(t, c, z(2026, 3, 8, 5, 0), z(2026, 3, 9, 4, 0))
	checkBreakdown(t, "Sunday 2026-03-08", b, want{sw: 9 * time.Hour, ow: 14 * time.Hour})
	if b.Total() != 23*time.Hour {
		t.Errorf("Sunday total %v, want 23h", b.Total())
	}
	checkSegments(t, "Sunday 2026-03-08", segments(t, c, z(2026, 3, 8, 5, 0), z(2026, 3, 9, 4, 0)), []seg{
		{z(2026, 3, 8, 5, 0), z(2026, 3, 8, 12, 0), sw},
		{z(2026, 3, 8, 12, 0), z(2026, 3, 9, 2, 0), ow},
		{z(2026, 3, 9, 2, 0), z(2026, 3, 9, 4, 0), sw},
	})
	// Monday 2026-03-09 runs on EDT: business 08:00-18:00 EDT = 12:00Z-22:00Z.
	checkSegments(t, "Monday 2026-03-09", segments(t, c, z(2026, 3, 9, 4, 0), z(2026, 3, 10, 4, 0)), []seg{
		{z(2026, 3, 9, 4, 0), z(2026, 3, 9, 12, 0), sleep},
		{z(2026, 3, 9, 12, 0), z(2026, 3, 9, 22, 0), biz},
		{z(2026, 3, 9, 22, 0), z(2026, 3, 10, 2, 0), off},
		{z(2026, 3, 10, 2, 0), z(2026, 3, 10, 4, 0), sleep},
	})

	// A sleep window starting inside the gap: 02:30-09:00. 02:30 never happens on Mar 8, so
	// sleep starts when the clock jumps to 03:00 EDT = 07:00Z, and ends 09:00 EDT = 13:00Z.
	// 00:00-02:00 EST (05:00Z-07:00Z) is off.
	c2 := mustNew(t, calendar.Profile{Zone: ny, Sleep: calendar.Window{From: calendar.At(2, 30), To: calendar.At(9, 0)}})
	checkSegments(t, "sleep 02:30-09:00 on 2026-03-08", segments(t, c2, z(2026, 3, 8, 5, 0), z(2026, 3, 8, 16, 0)), []seg{
		{z(2026, 3, 8, 5, 0), z(2026, 3, 8, 7, 0), ow},
		{z(2026, 3, 8, 7, 0), z(2026, 3, 8, 13, 0), sw},
		{z(2026, 3, 8, 13, 0), z(2026, 3, 8, 16, 0), ow},
	})
	checkBreakdown(t, "sleep 02:30-09:00 on 2026-03-08", split(t, c2, z(2026, 3, 8, 5, 0), z(2026, 3, 8, 16, 0)),
		want{ow: 5 * time.Hour, sw: 6 * time.Hour})
	checkClassify(t, c2, []classifyCase{
		{z(2026, 3, 8, 7, 0).Add(-time.Nanosecond), ow, "01:59:59.999999999 EST, before the window"},
		{z(2026, 3, 8, 7, 0), sw, "03:00 EDT, the first instant after the jump"},
		// A day without a jump: Sat 2026-03-07 02:30 EST = 07:30Z starts sleep exactly.
		{z(2026, 3, 7, 7, 29), ow, "Sat 02:29 EST"},
		{z(2026, 3, 7, 7, 30), sw, "Sat 02:30 EST"},
	})

	// A working window starting inside the gap (Sunday made a working day): business begins at
	// the jump, 03:00 EDT = 07:00Z.
	c3 := mustNew(t, calendar.Profile{Zone: ny, WorkingDays: calendar.WeekdaysOf(time.Sunday),
		WorkingHours: calendar.Window{From: calendar.At(2, 30), To: calendar.At(10, 0)}})
	// From Sat 2026-03-07 20:00 EST (Mar 8 01:00Z).
	if got := nextStart(t, c3, z(2026, 3, 8, 1, 0)); !got.Equal(z(2026, 3, 8, 7, 0)) {
		t.Errorf("NextWorkdayStart over the gap = %v, want 2026-03-08T07:00Z (03:00 EDT)", got.UTC())
	}
	// 03:00-10:00 EDT is 7 h of business (07:00Z-14:00Z); Sunday is not a weekend day here.
	if got := split(t, c3, z(2026, 3, 8, 5, 0), z(2026, 3, 9, 4, 0)).Band(calendar.Business); got != 7*time.Hour {
		t.Errorf("business on 2026-03-08 = %v, want 7h", got)
	}
}

// ---- 2. New York fall back --------------------------------------------------------------

func TestNewYorkFallBack(t *testing.T) {
	ny := zone(t, "America/New_York")
	c := mustNew(t, calendar.Profile{Zone: ny})
	sw := cls(calendar.Sleep, wk)
	ow := cls(calendar.Off, wk)

	// Sunday 2026-11-01: 00:00 EDT (04:00Z) to Mon 00:00 EST (Nov 2 05:00Z) = 25 h.
	// sleep 00:00 EDT-08:00 EST = 04:00Z-13:00Z (9 h) + 22:00-24:00 EST = 03:00Z-05:00Z (2 h);
	// off 08:00-22:00 EST = 13:00Z-03:00Z (14 h).
	b := split(t, c, z(2026, 11, 1, 4, 0), z(2026, 11, 2, 5, 0))
	checkBreakdown(t, "Sunday 2026-11-01", b, want{sw: 11 * time.Hour, ow: 14 * time.Hour})
	if b.Total() != 25*time.Hour {
		t.Errorf("Sunday total %v, want 25h", b.Total())
	}

	// Sleep 01:30-08:00: the hour 01:00-02:00 happens twice and is classified by the wall
	// clock each time:
	//   00:00-01:30 EDT  04:00Z-05:30Z  off    (1.5 h)
	//   01:30-02:00 EDT  05:30Z-06:00Z  sleep  (0.5 h)  clock goes back to 01:00
	//   01:00-01:30 EST  06:00Z-06:30Z  off    (0.5 h)
	//   01:30-08:00 EST  06:30Z-13:00Z  sleep  (6.5 h)
	//   08:00-12:00 EST  13:00Z-17:00Z  off    (4 h)
	// up to 12:00 EST (17:00Z): 13 h elapsed, off 6 h, sleep 7 h.
	c2 := mustNew(t, calendar.Profile{Zone: ny, Sleep: calendar.Window{From: calendar.At(1, 30), To: calendar.At(8, 0)}})
	start, end := z(2026, 11, 1, 4, 0), z(2026, 11, 1, 17, 0)
	checkBreakdown(t, "sleep 01:30-08:00 on 2026-11-01", split(t, c2, start, end), want{ow: 6 * time.Hour, sw: 7 * time.Hour})
	checkSegments(t, "sleep 01:30-08:00 on 2026-11-01", segments(t, c2, start, end), []seg{
		{z(2026, 11, 1, 4, 0), z(2026, 11, 1, 5, 30), ow},
		{z(2026, 11, 1, 5, 30), z(2026, 11, 1, 6, 0), sw},
		{z(2026, 11, 1, 6, 0), z(2026, 11, 1, 6, 30), ow},
		{z(2026, 11, 1, 6, 30), z(2026, 11, 1, 13, 0), sw},
		{z(2026, 11, 1, 13, 0), z(2026, 11, 1, 17, 0), ow},
	})
	// Exact seconds over the repeated hour only (05:00Z-07:00Z, wall 01:00 EDT - 02:00 EST):
	// off 1800 s + 1800 s, sleep 1800 s + 1800 s.
	b2 := split(t, c2, z(2026, 11, 1, 5, 0), z(2026, 11, 1, 7, 0))
	if b2.Of(ow) != 3600*time.Second || b2.Of(sw) != 3600*time.Second {
		t.Errorf("repeated hour: off %v sleep %v, want 3600s each", b2.Of(ow), b2.Of(sw))
	}
	checkClassify(t, c2, []classifyCase{
		{z(2026, 11, 1, 5, 45), sw, "01:45 EDT (first pass)"},
		{z(2026, 11, 1, 6, 15), ow, "01:15 EST (second pass, wall clock before 01:30 again)"},
		{z(2026, 11, 1, 6, 0).Add(-time.Nanosecond), sw, "01:59:59.999999999 EDT"},
		{z(2026, 11, 1, 6, 0), ow, "01:00:00 EST"},
	})

	// With Sunday working 01:30-05:00 the repeated wall clock starts business twice: from
	// 01:45 EDT (05:45Z, inside the first 01:30-02:00) the next start is 01:30 EST = 06:30Z.
	c3 := mustNew(t, calendar.Profile{Zone: ny, WorkingDays: calendar.WeekdaysOf(time.Sunday),
		WorkingHours: calendar.Window{From: calendar.At(1, 30), To: calendar.At(5, 0)}})
	if got := nextStart(t, c3, z(2026, 11, 1, 5, 45)); !got.Equal(z(2026, 11, 1, 6, 30)) {
		t.Errorf("NextWorkdayStart(01:45 EDT) = %v, want 06:30Z (01:30 EST)", got.UTC())
	}
	// From Saturday evening the first start is 01:30 EDT = 05:30Z.
	if got := nextStart(t, c3, z(2026, 11, 1, 0, 0)); !got.Equal(z(2026, 11, 1, 5, 30)) {
		t.Errorf("NextWorkdayStart(Sat 20:00 EDT) = %v, want 05:30Z (01:30 EDT)", got.UTC())
	}
	// Business that Sunday: 01:30-02:00 EDT (0.5 h) + 01:30-05:00 EST (3.5 h) = 4 h.
	if got := split(t, c3, z(2026, 11, 1, 4, 0), z(2026, 11, 2, 5, 0)).Band(calendar.Business); got != 4*time.Hour {
		t.Errorf("business 2026-11-01 = %v, want 4h", got)
	}
}

// ---- 3. London --------------------------------------------------------------------------

func TestLondonClockChanges(t *testing.T) {
	lon := zone(t, "Europe/London")
	c := mustNew(t, calendar.Profile{Zone: lon, Region: "GB"})
	sw := cls(calendar.Sleep, wk)
	ow := cls(calendar.Off, wk)

	// Sunday 2026-03-29: 00:00 GMT (00:00Z) to Mon 00:00 BST (23:00Z) = 23 h. Sleep 00:00 GMT -
	// 08:00 BST = 00:00Z-07:00Z (7 h) + 22:00-24:00 BST = 21:00Z-23:00Z (2 h); off 07:00Z-21:00Z.
	checkBreakdown(t, "London 2026-03-29", split(t, c, z(2026, 3, 29, 0, 0), z(2026, 3, 29, 23, 0)),
		want{sw: 9 * time.Hour, ow: 14 * time.Hour})
	// Monday 2026-03-30 is an ordinary working day on BST: business 07:00Z-17:00Z.
	checkSegments(t, "London 2026-03-30", segments(t, c, z(2026, 3, 29, 23, 0), z(2026, 3, 30, 23, 0)), []seg{
		{z(2026, 3, 29, 23, 0), z(2026, 3, 30, 7, 0), sleep},
		{z(2026, 3, 30, 7, 0), z(2026, 3, 30, 17, 0), biz},
		{z(2026, 3, 30, 17, 0), z(2026, 3, 30, 21, 0), off},
		{z(2026, 3, 30, 21, 0), z(2026, 3, 30, 23, 0), sleep},
	})

	// Sunday 2026-10-25: 00:00 BST (Oct 24 23:00Z) to Mon 00:00 GMT (Oct 26 00:00Z) = 25 h.
	// Sleep 00:00 BST - 08:00 GMT = 23:00Z-08:00Z (9 h) + 22:00-24:00 GMT (2 h); off 14 h.
	b := split(t, c, z(2026, 10, 24, 23, 0), z(2026, 10, 26, 0, 0))
	checkBreakdown(t, "London 2026-10-25", b, want{sw: 11 * time.Hour, ow: 14 * time.Hour})

	// Sleep 01:30-07:00 on 2026-10-25; 01:00-02:00 is repeated (BST then GMT):
	//   00:00-01:30 BST 23:00Z-00:30Z off; 01:30-02:00 BST 00:30Z-01:00Z sleep;
	//   01:00-01:30 GMT 01:00Z-01:30Z off; 01:30-07:00 GMT 01:30Z-07:00Z sleep; then off.
	c2 := mustNew(t, calendar.Profile{Zone: lon, Region: "GB", Sleep: calendar.Window{From: calendar.At(1, 30), To: calendar.At(7, 0)}})
	checkSegments(t, "London sleep 01:30-07:00 on 2026-10-25", segments(t, c2, z(2026, 10, 24, 23, 0), z(2026, 10, 26, 0, 0)), []seg{
		{z(2026, 10, 24, 23, 0), z(2026, 10, 25, 0, 30), ow},
		{z(2026, 10, 25, 0, 30), z(2026, 10, 25, 1, 0), sw},
		{z(2026, 10, 25, 1, 0), z(2026, 10, 25, 1, 30), ow},
		{z(2026, 10, 25, 1, 30), z(2026, 10, 25, 7, 0), sw},
		{z(2026, 10, 25, 7, 0), z(2026, 10, 26, 0, 0), ow},
	})

	// England & Wales bank holidays 2026 (gov.uk): Good Friday 3 Apr, Easter Monday 6 Apr,
	// Christmas Fri 25 Dec, Boxing Day Sat 26 Dec with the substitute day Mon 28 Dec.
	checkClassify(t, c, []classifyCase{
		{z(2026, 4, 3, 9, 0), cls(calendar.Off, hol), "Good Friday 10:00 BST"},
		{z(2026, 4, 6, 9, 0), cls(calendar.Off, hol), "Easter Monday 10:00 BST"},
		{z(2026, 4, 7, 9, 0), biz, "Tuesday after Easter 10:00 BST"},
		{z(2026, 12, 25, 10, 0), cls(calendar.Off, hol), "Christmas Day 10:00 GMT"},
		{z(2026, 12, 26, 10, 0), cls(calendar.Off, wk|hol), "Boxing Day on a Saturday"},
		{z(2026, 12, 28, 10, 0), cls(calendar.Off, hol), "substitute bank holiday Monday 28 Dec"},
		{z(2026, 12, 29, 10, 0), biz, "Tuesday 29 Dec is a working day"},
	})
	// NextWorkdayStart from Thu 2026-12-24 19:00 GMT skips Fri 25 (holiday), the weekend and
	// Mon 28 (substitute): Tue 29 Dec 08:00 GMT.
	if got := nextStart(t, c, z(2026, 12, 24, 19, 0)); !got.Equal(z(2026, 12, 29, 8, 0)) {
		t.Errorf("NextWorkdayStart(Christmas Eve) = %v, want 2026-12-29T08:00Z", got.UTC())
	}
}

// ---- 4. Sydney --------------------------------------------------------------------------

func TestSydneyClockChanges(t *testing.T) {
	syd := zone(t, "Australia/Sydney")
	c := mustNew(t, calendar.Profile{Zone: syd, Region: "AU-NSW"})
	swh := cls(calendar.Sleep, wk|hol)
	owh := cls(calendar.Off, wk|hol)
	sw := cls(calendar.Sleep, wk)
	ow := cls(calendar.Off, wk)

	// DST ends Sun 2026-04-05 03:00 AEDT -> 02:00 AEST (zoneinfo: transition at Apr 4 16:00Z).
	// That Sunday is Easter Sunday, a NSW public holiday (Easter 2026 = 5 April by the
	// anonymous Gregorian computus), so the whole day is weekend+holiday.
	// 00:00 AEDT (Apr 4 13:00Z) to Mon 00:00 AEST (Apr 5 14:00Z) = 25 h: sleep 13:00Z-22:00Z
	// (9 h, to 08:00 AEST) + 12:00Z-14:00Z (2 h); off 22:00Z-12:00Z (14 h).
	b := split(t, c, z(2026, 4, 4, 13, 0), z(2026, 4, 5, 14, 0))
	checkBreakdown(t, "Sydney 2026-04-05", b, want{swh: 11 * time.Hour, owh: 14 * time.Hour})
	if b.Total() != 25*time.Hour {
		t.Errorf("total %v, want 25h", b.Total())
	}
	// DST starts Sun 2026-10-04 02:00 AEST -> 03:00 AEDT (transition at Oct 3 16:00Z); not a
	// holiday. 00:00 AEST (Oct 3 14:00Z) to Mon 00:00 AEDT (Oct 4 13:00Z) = 23 h: sleep
	// 14:00Z-21:00Z (7 h) + 11:00Z-13:00Z (2 h); off 21:00Z-11:00Z (14 h).
	b = split(t, c, z(2026, 10, 3, 14, 0), z(2026, 10, 4, 13, 0))
	checkBreakdown(t, "Sydney 2026-10-04", b, want{sw: 9 * time.Hour, ow: 14 * time.Hour})

	// Sleep 02:30-07:00 across the repeated hour 02:00-03:00 on 5 April:
	//   02:00-02:30 AEDT 15:00Z-15:30Z off; 02:30-03:00 AEDT 15:30Z-16:00Z sleep;
	//   02:00-02:30 AEST 16:00Z-16:30Z off; 02:30-07:00 AEST 16:30Z-21:00Z sleep.
	c2 := mustNew(t, calendar.Profile{Zone: syd, Region: "AU-NSW", Sleep: calendar.Window{From: calendar.At(2, 30), To: calendar.At(7, 0)}})
	checkSegments(t, "Sydney sleep 02:30-07:00", segments(t, c2, z(2026, 4, 4, 15, 0), z(2026, 4, 4, 22, 0)), []seg{
		{z(2026, 4, 4, 15, 0), z(2026, 4, 4, 15, 30), owh},
		{z(2026, 4, 4, 15, 30), z(2026, 4, 4, 16, 0), swh},
		{z(2026, 4, 4, 16, 0), z(2026, 4, 4, 16, 30), owh},
		{z(2026, 4, 4, 16, 30), z(2026, 4, 4, 21, 0), swh},
		{z(2026, 4, 4, 21, 0), z(2026, 4, 4, 22, 0), owh},
	})

	// NSW public holidays: Easter Monday 6 Apr; Labour Day, first Monday of October = 5 Oct
	// (the day after DST starts).
	checkClassify(t, c, []classifyCase{
		{z(2026, 4, 6, 0, 0), cls(calendar.Off, hol), "Easter Monday 10:00 AEST"},
		{z(2026, 4, 2, 23, 0), cls(calendar.Off, hol), "Good Friday 10:00 AEDT"},
		{z(2026, 10, 4, 23, 0), cls(calendar.Off, hol), "Labour Day Mon 5 Oct 10:00 AEDT"},
		{z(2026, 10, 5, 23, 0), biz, "Tue 6 Oct 10:00 AEDT"},
		{z(2026, 10, 4, 21, 0), cls(calendar.Off, hol), "Labour Day 08:00 AEDT (off, not business)"},
	})
	// From Thu 2026-04-02 19:00 AEDT (08:00Z): Good Friday, Easter Saturday/Sunday/Monday are
	// all holidays; next is Tue 7 Apr 08:00 AEST = Apr 6 22:00Z.
	if got := nextStart(t, c, z(2026, 4, 2, 8, 0)); !got.Equal(z(2026, 4, 6, 22, 0)) {
		t.Errorf("NextWorkdayStart(Easter) = %v, want 2026-04-06T22:00Z", got.UTC())
	}
	// From Fri 2026-10-02 19:00 AEST (09:00Z): next is Tue 6 Oct 08:00 AEDT = Oct 5 21:00Z.
	if got := nextStart(t, c, z(2026, 10, 2, 9, 0)); !got.Equal(z(2026, 10, 5, 21, 0)) {
		t.Errorf("NextWorkdayStart(Labour Day weekend) = %v, want 2026-10-05T21:00Z", got.UTC())
	}
}

// ---- 5. A sleep window crossing midnight on DST nights --------------------------------

func TestSleepAcrossMidnightOnDSTNights(t *testing.T) {
	ny := zone(t, "America/New_York")
	c := mustNew(t, calendar.Profile{Zone: ny, Sleep: calendar.Window{From: calendar.At(23, 0), To: calendar.At(7, 0)}})
	sw := cls(calendar.Sleep, wk)
	ow := cls(calendar.Off, wk)
	tests := []struct {
		name       string
		start, end time.Time
		sleep, off time.Duration
	}{
		// Sat 2026-03-07 23:00 EST = Mar 8 04:00Z to Sun 07:00 EDT = 11:00Z: 7 h.
		{"spring night exactly", z(2026, 3, 8, 4, 0), z(2026, 3, 8, 11, 0), 7 * time.Hour, 0},
		// Sat 20:00 EST (01:00Z) to Sun 10:00 EDT (14:00Z) = 13 h: sleep 7 h, off 3 h + 3 h.
		{"spring evening to morning", z(2026, 3, 8, 1, 0), z(2026, 3, 8, 14, 0), 7 * time.Hour, 6 * time.Hour},
		// Sat 2026-10-31 23:00 EDT = Nov 1 03:00Z to Sun 07:00 EST = 12:00Z: 9 h.
		{"fall night exactly", z(2026, 11, 1, 3, 0), z(2026, 11, 1, 12, 0), 9 * time.Hour, 0},
		// Sat 20:00 EDT (Nov 1 00:00Z) to Sun 10:00 EST (15:00Z) = 15 h: sleep 9, off 3 + 3.
		{"fall evening to morning", z(2026, 11, 1, 0, 0), z(2026, 11, 1, 15, 0), 9 * time.Hour, 6 * time.Hour},
		// An ordinary Saturday night for comparison: 2026-03-14 23:00 EDT = Mar 15 03:00Z to
		// 07:00 EDT = 11:00Z: 8 h.
		{"ordinary night", z(2026, 3, 15, 3, 0), z(2026, 3, 15, 11, 0), 8 * time.Hour, 0},
	}
	for _, tc := range tests {
		checkBreakdown(t, tc.name, split(t, c, tc.start, tc.end), want{sw: tc.sleep, ow: tc.off})
	}
}

// ---- 6. 29 February ---------------------------------------------------------------------

func TestLeapDay(t *testing.T) {
	c := mustNew(t, calendar.Profile{})
	// 2028-02-29 is a Tuesday: sleep 00-08 + 22-24, business 08-18, off 18-22 (UTC).
	checkBreakdown(t, "2028-02-29", split(t, c, z(2028, 2, 29, 0, 0), z(2028, 3, 1, 0, 0)),
		want{biz: 10 * time.Hour, sleep: 10 * time.Hour, off: 4 * time.Hour})
	if !c.IsWorkday(calendar.Date{Year: 2028, Month: 2, Day: 29}) {
		t.Errorf("IsWorkday(2028-02-29) = false")
	}
	// Mon 2028-02-28 and Tue 02-29: two working days, 48 h.
	b := split(t, c, z(2028, 2, 28, 0, 0), z(2028, 3, 1, 0, 0))
	checkBreakdown(t, "2028-02-28..03-01", b, want{biz: 20 * time.Hour, sleep: 20 * time.Hour, off: 8 * time.Hour})
	if b.Total() != 48*time.Hour {
		t.Errorf("total %v, want 48h", b.Total())
	}
	// 2100 is not a leap year: 2100-02-28 (a Sunday) to 2100-03-01 is one weekend day.
	checkBreakdown(t, "2100-02-28", split(t, c, z(2100, 2, 28, 0, 0), z(2100, 3, 1, 0, 0)),
		want{cls(calendar.Sleep, wk): 10 * time.Hour, cls(calendar.Off, wk): 14 * time.Hour})
	// Leap day as a custom holiday in a leap year; in a non-leap year it is rejected.
	ch := mustNew(t, calendar.Profile{Holidays: []calendar.Holiday{{Date: calendar.Date{Year: 2028, Month: 2, Day: 29}, Name: "Leap"}}})
	if got := ch.Classify(z(2028, 2, 29, 10, 0)); got != cls(calendar.Off, hol) {
		t.Errorf("leap-day holiday: %v", got)
	}
	if _, err := calendar.New(calendar.Profile{Holidays: []calendar.Holiday{{Date: calendar.Date{Year: 2027, Month: 2, Day: 29}}}}); !errors.Is(err, calendar.ErrInvalidProfile) {
		t.Errorf("holiday 2027-02-29: err = %v, want ErrInvalidProfile", err)
	}
	// NextWorkdayStart from Mon 2028-02-28 19:00 is Tue 02-29 08:00.
	if got := nextStart(t, c, z(2028, 2, 28, 19, 0)); !got.Equal(z(2028, 2, 29, 8, 0)) {
		t.Errorf("NextWorkdayStart = %v, want 2028-02-29T08:00Z", got)
	}
}

// ---- 7. US Independence Day on a Saturday --------------------------------------------

func TestUSIndependenceDayObserved(t *testing.T) {
	ny := zone(t, "America/New_York")
	c := mustNew(t, calendar.Profile{Zone: ny, Region: "US"})
	// 4 July 2026 is a Saturday; the federal holiday is observed Friday 3 July. EDT = UTC-4.
	checkClassify(t, c, []classifyCase{
		{z(2026, 7, 3, 14, 0), cls(calendar.Off, hol), "Fri 3 Jul 10:00 EDT (observed)"},
		{z(2026, 7, 4, 14, 0), cls(calendar.Off, wk|hol), "Sat 4 Jul 10:00 EDT (actual)"},
		{z(2026, 7, 4, 3, 0), cls(calendar.Sleep, hol), "Fri 3 Jul 23:00 EDT"},
		{z(2026, 7, 2, 14, 0), biz, "Thu 2 Jul 10:00 EDT"},
		{z(2026, 7, 6, 14, 0), biz, "Mon 6 Jul 10:00 EDT"},
		{z(2026, 7, 5, 14, 0), cls(calendar.Off, wk), "Sun 5 Jul: no Monday substitute for a Saturday holiday"},
	})
	// Thu 2026-07-02 19:00 EDT = 23:00Z -> Mon 2026-07-06 08:00 EDT = 12:00Z.
	got := nextStart(t, c, z(2026, 7, 2, 23, 0))
	if !got.Equal(z(2026, 7, 6, 12, 0)) {
		t.Errorf("NextWorkdayStart(Thu 19:00) = %v, want 2026-07-06T12:00Z", got.UTC())
	}
	if got.Location() != ny {
		t.Errorf("NextWorkdayStart location %v, want America/New_York", got.Location())
	}
	if c.IsWorkday(calendar.Date{Year: 2026, Month: 7, Day: 3}) || !c.IsWorkday(calendar.Date{Year: 2026, Month: 7, Day: 2}) {
		t.Errorf("IsWorkday around 4 July wrong")
	}
	obs := c.HolidaysOn(calendar.Date{Year: 2026, Month: 7, Day: 3})
	if len(obs) != 1 || obs[0].Name != "Independence Day" || !obs[0].Observed {
		t.Errorf("HolidaysOn(2026-07-03) = %+v, want one observed Independence Day", obs)
	}
	act := c.HolidaysOn(calendar.Date{Year: 2026, Month: 7, Day: 4})
	if len(act) != 1 || act[0].Name != "Independence Day" || act[0].Observed {
		t.Errorf("HolidaysOn(2026-07-04) = %+v, want one actual Independence Day", act)
	}
	// Thursday to Tuesday (Jul 2 04:00Z .. Jul 7 04:00Z, 5 days): business only Thu and Mon.
	if got := split(t, c, z(2026, 7, 2, 4, 0), z(2026, 7, 7, 4, 0)).Band(calendar.Business); got != 20*time.Hour {
		t.Errorf("business Thu-Mon = %v, want 20h", got)
	}

	// New Year's Day 2028 is a Saturday (Python); the federal holiday is observed Friday
	// 2027-12-31, which lies in the previous year.
	checkClassify(t, c, []classifyCase{
		{z(2027, 12, 31, 15, 0), cls(calendar.Off, hol), "Fri 2027-12-31 10:00 EST (observed New Year)"},
		{z(2027, 12, 30, 15, 0), biz, "Thu 2027-12-30 10:00 EST"},
	})
	found := false
	for _, h := range c.HolidaysIn(2027) {
		if h.Date == (calendar.Date{Year: 2027, Month: 12, Day: 31}) && h.Observed {
			found = true
		}
	}
	if !found {
		t.Errorf("HolidaysIn(2027) lacks the observed New Year on 2027-12-31")
	}
	list := c.HolidaysIn(2026)
	if !slices.IsSortedFunc(list, func(a, b calendar.Holiday) int { return a.Date.Compare(b.Date) }) {
		t.Errorf("HolidaysIn(2026) not sorted: %v", list)
	}
}

// ---- 8. German regional holidays --------------------------------------------------------

func TestGermanRegionalEpiphany(t *testing.T) {
	ber := zone(t, "Europe/Berlin")
	by := mustNew(t, calendar.Profile{Zone: ber, Region: "DE-BY"})
	be := mustNew(t, calendar.Profile{Zone: ber, Region: "DE-BE"})
	epiphany := calendar.Date{Year: 2026, Month: 1, Day: 6} // a Tuesday
	// Epiphany (Heilige Drei Könige) is a public holiday in Bavaria, not in Berlin.
	if by.IsWorkday(epiphany) {
		t.Errorf("DE-BY IsWorkday(2026-01-06) = true, want false")
	}
	if !be.IsWorkday(epiphany) {
		t.Errorf("DE-BE IsWorkday(2026-01-06) = false, want true")
	}
	at := z(2026, 1, 6, 9, 0) // 10:00 CET
	if got := by.Classify(at); got != cls(calendar.Off, hol) {
		t.Errorf("DE-BY Classify(10:00) = %v, want off+holiday", got)
	}
	if got := be.Classify(at); got != biz {
		t.Errorf("DE-BE Classify(10:00) = %v, want business", got)
	}
	// Berlin's own holiday, Frauentag 8 March, fell on a Sunday in 2026; in 2027 it is a Monday.
	if be.IsWorkday(calendar.Date{Year: 2027, Month: 3, Day: 8}) || !by.IsWorkday(calendar.Date{Year: 2027, Month: 3, Day: 8}) {
		t.Errorf("Frauentag 2027-03-08: DE-BE holiday, DE-BY workday expected")
	}
	// Region codes are case-insensitive and accept "_".
	lower := mustNew(t, calendar.Profile{Zone: ber, Region: "de_by"})
	if lower.IsWorkday(epiphany) {
		t.Errorf("region de_by: Epiphany is a workday")
	}
}

// ---- 9. Custom holidays and half-days ---------------------------------------------------

func TestCustomHolidayAndHalfDay(t *testing.T) {
	kol := zone(t, "Asia/Kolkata") // IST = UTC+05:30, no DST
	c := mustNew(t, calendar.Profile{
		Zone:     kol,
		Holidays: []calendar.Holiday{{Date: calendar.Date{Year: 2026, Month: 1, Day: 26}, Name: "Republic Day"}},
		HalfDays: []calendar.HalfDay{{Date: calendar.Date{Year: 2026, Month: 12, Day: 24}, Name: "Christmas Eve", Until: calendar.At(12, 0)}},
	})
	// Republic Day 2026-01-26 is a Monday.
	checkClassify(t, c, []classifyCase{
		{z(2026, 1, 26, 4, 30), cls(calendar.Off, hol), "Mon 26 Jan 10:00 IST"},
		{z(2026, 1, 26, 17, 30), cls(calendar.Sleep, hol), "Mon 26 Jan 23:00 IST"},
		{z(2026, 1, 25, 18, 29), cls(calendar.Sleep, wk), "Sun 25 Jan 23:59 IST"},
		{z(2026, 1, 27, 4, 30), biz, "Tue 27 Jan 10:00 IST"},
		// Half-day Thu 2026-12-24 until 12:00 IST (06:30Z).
		{z(2026, 12, 24, 5, 30), biz, "Thu 24 Dec 11:00 IST"},
		{z(2026, 12, 24, 6, 30).Add(-time.Second), biz, "11:59:59 IST"},
		{z(2026, 12, 24, 6, 30), cls(calendar.Off, hol), "12:00 IST: from Until on, holiday"},
		{z(2026, 12, 24, 7, 30), cls(calendar.Off, hol), "13:00 IST"},
		{z(2026, 12, 24, 17, 30), cls(calendar.Sleep, hol), "23:00 IST"},
		{z(2026, 12, 24, 2, 0), sleep, "07:30 IST, before the cutoff: no holiday flag"},
		{z(2026, 12, 25, 4, 30), biz, "Fri 25 Dec: no region, so a working day"},
	})
	if c.IsWorkday(calendar.Date{Year: 2026, Month: 1, Day: 26}) {
		t.Errorf("IsWorkday(Republic Day) = true")
	}
	if !c.IsWorkday(calendar.Date{Year: 2026, Month: 12, Day: 24}) {
		t.Errorf("IsWorkday(half day) = false, want true (a half-day is a workday)")
	}
	if got := c.HolidaysOn(calendar.Date{Year: 2026, Month: 1, Day: 26}); len(got) != 1 || got[0].Name != "Republic Day" || got[0].Observed {
		t.Errorf("HolidaysOn(2026-01-26) = %+v", got)
	}
	if got := c.HolidaysOn(calendar.Date{Year: 2026, Month: 12, Day: 24}); len(got) != 0 {
		t.Errorf("HolidaysOn(half day) = %+v, want none", got)
	}
	// Half-day 00:00-24:00 IST (Dec 23 18:30Z .. Dec 24 18:30Z): sleep 00-08 (8 h) and 22-24
	// (2 h, holiday), business 08-12 (4 h), off+holiday 12-22 (10 h).
	checkBreakdown(t, "half day", split(t, c, z(2026, 12, 23, 18, 30), z(2026, 12, 24, 18, 30)), want{
		sleep:                    8 * time.Hour,
		biz:                      4 * time.Hour,
		cls(calendar.Off, hol):   10 * time.Hour,
		cls(calendar.Sleep, hol): 2 * time.Hour,
	})
	checkSegments(t, "half day", segments(t, c, z(2026, 12, 24, 2, 30), z(2026, 12, 24, 16, 30)), []seg{
		{z(2026, 12, 24, 2, 30), z(2026, 12, 24, 6, 30), biz},
		{z(2026, 12, 24, 6, 30), z(2026, 12, 24, 16, 30), cls(calendar.Off, hol)},
	})
	// From Fri 2026-01-23 19:00 IST (13:30Z): weekend, Republic Day Monday -> Tue 27 Jan 08:00
	// IST = 02:30Z.
	if got := nextStart(t, c, z(2026, 1, 23, 13, 30)); !got.Equal(z(2026, 1, 27, 2, 30)) {
		t.Errorf("NextWorkdayStart = %v, want 2026-01-27T02:30Z", got.UTC())
	}
	// From the half-day morning (10:00 IST) the next start is the next day, Fri 08:00 IST.
	if got := nextStart(t, c, z(2026, 12, 24, 4, 30)); !got.Equal(z(2026, 12, 25, 2, 30)) {
		t.Errorf("NextWorkdayStart(half day) = %v, want 2026-12-25T02:30Z", got.UTC())
	}

	// A half-day on a night shift: the shift starting at 22:00 on a half-day ending at 12:00
	// never starts, and its after-midnight part on the next day is not business either.
	ns := mustNew(t, calendar.Profile{
		WorkingHours: calendar.Window{From: calendar.At(22, 0), To: calendar.At(6, 0)},
		HalfDays:     []calendar.HalfDay{{Date: calendar.Date{Year: 2026, Month: 6, Day: 10}, Until: calendar.At(12, 0)}},
	})
	checkClassify(t, ns, []classifyCase{
		{z(2026, 6, 10, 2, 0), biz, "Wed 02:00: Tuesday's shift"},
		{z(2026, 6, 10, 23, 0), cls(calendar.Sleep, hol), "Wed 23:00: after the half-day's cutoff"},
		{z(2026, 6, 11, 2, 0), sleep, "Thu 02:00: Wednesday's shift was cut"},
		{z(2026, 6, 11, 23, 0), biz, "Thu 23:00"},
	})
}

// ---- 10. Leave --------------------------------------------------------------------------

func TestLeave(t *testing.T) {
	ny := zone(t, "America/New_York")
	// Leave from Mon 2026-06-08 00:00 EDT (04:00Z) to Tue 2026-06-09 10:30 EDT (14:30Z).
	leave := calendar.Interval{Start: z(2026, 6, 8, 4, 0), End: z(2026, 6, 9, 14, 30)}
	c := mustNew(t, calendar.Profile{Zone: ny, Leave: []calendar.Interval{leave}})
	checkClassify(t, c, []classifyCase{
		{z(2026, 6, 8, 14, 0), cls(calendar.Off, lv), "Mon 10:00 on leave: off, not business"},
		{z(2026, 6, 8, 3, 0), cls(calendar.Sleep, wk), "Sun 23:00, before the leave"},
		{z(2026, 6, 8, 4, 0), cls(calendar.Sleep, lv), "Mon 00:00: leave starts (sleep band kept)"},
		{z(2026, 6, 9, 3, 0), cls(calendar.Sleep, lv), "Mon 23:00"},
		{z(2026, 6, 9, 13, 0), cls(calendar.Off, lv), "Tue 09:00, still on leave"},
		{z(2026, 6, 9, 14, 30).Add(-time.Nanosecond), cls(calendar.Off, lv), "last nanosecond of leave"},
		{z(2026, 6, 9, 14, 30), biz, "Tue 10:30: leave ended"},
	})
	if !c.OnLeave(z(2026, 6, 8, 14, 0)) || c.OnLeave(z(2026, 6, 9, 14, 30)) || c.OnLeave(z(2026, 6, 8, 3, 59)) {
		t.Errorf("OnLeave wrong")
	}
	// From Fri 2026-06-05 19:00 EDT (23:00Z): Monday is leave, Tuesday's leave ends at 10:30,
	// so work begins at the leave's end, Tue 10:30 EDT = 14:30Z.
	if got := nextStart(t, c, z(2026, 6, 5, 23, 0)); !got.Equal(z(2026, 6, 9, 14, 30)) {
		t.Errorf("NextWorkdayStart = %v, want 2026-06-09T14:30Z (end of leave)", got.UTC())
	}
	// From inside the leave, too.
	if got := nextStart(t, c, z(2026, 6, 9, 13, 0)); !got.Equal(z(2026, 6, 9, 14, 30)) {
		t.Errorf("NextWorkdayStart(in leave) = %v, want 14:30Z", got.UTC())
	}
	// Mon 00:00 EDT .. Wed 00:00 EDT (48 h):
	//   Mon: sleep+leave 00-08 & 22-24 (10 h), off+leave 08-22 (14 h)
	//   Tue 00:00-10:30: sleep+leave 00-08 (8 h), off+leave 08-10:30 (2.5 h)
	//   Tue 10:30-24: business to 18:00 (7.5 h), off 18-22 (4 h), sleep 22-24 (2 h)
	checkBreakdown(t, "leave", split(t, c, z(2026, 6, 8, 4, 0), z(2026, 6, 10, 4, 0)), want{
		cls(calendar.Sleep, lv): 18 * time.Hour,
		cls(calendar.Off, lv):   16*time.Hour + 30*time.Minute,
		biz:                     7*time.Hour + 30*time.Minute,
		off:                     4 * time.Hour,
		sleep:                   2 * time.Hour,
	})

	// LeaveDays Mon 8 - Fri 12 June in New York: 2026-06-08 00:00 EDT to 2026-06-13 00:00 EDT.
	week := calendar.LeaveDays(calendar.Date{Year: 2026, Month: 6, Day: 8}, calendar.Date{Year: 2026, Month: 6, Day: 12}, ny)
	if !week.Start.Equal(z(2026, 6, 8, 4, 0)) || !week.End.Equal(z(2026, 6, 13, 4, 0)) || week.Duration() != 120*time.Hour {
		t.Errorf("LeaveDays = %v..%v", week.Start.UTC(), week.End.UTC())
	}
	cw := mustNew(t, calendar.Profile{Zone: ny, Leave: []calendar.Interval{week}})
	// Next start after the leave week is Mon 15 June 08:00 EDT = 12:00Z.
	if got := nextStart(t, cw, z(2026, 6, 5, 23, 0)); !got.Equal(z(2026, 6, 15, 12, 0)) {
		t.Errorf("NextWorkdayStart(leave week) = %v, want 2026-06-15T12:00Z", got.UTC())
	}
	// Business in that week is zero; leave shows in all of Mon-Fri: 5*24 h.
	b := split(t, cw, z(2026, 6, 8, 4, 0), z(2026, 6, 15, 4, 0))
	if b.Band(calendar.Business) != 0 || b.With(lv) != 120*time.Hour {
		t.Errorf("leave week: business %v, leave %v", b.Band(calendar.Business), b.With(lv))
	}
	// LeaveDays with a nil location means UTC.
	u := calendar.LeaveDays(calendar.Date{Year: 2026, Month: 6, Day: 8}, calendar.Date{Year: 2026, Month: 6, Day: 8}, nil)
	if !u.Start.Equal(z(2026, 6, 8, 0, 0)) || !u.End.Equal(z(2026, 6, 9, 0, 0)) {
		t.Errorf("LeaveDays(nil loc) = %v..%v", u.Start, u.End)
	}

	// Adjacent and overlapping leave intervals merge: one segment, no gap at 12:00Z.
	cm := mustNew(t, calendar.Profile{Leave: []calendar.Interval{
		{Start: z(2026, 6, 8, 12, 0), End: z(2026, 6, 9, 0, 0)},
		{Start: z(2026, 6, 8, 9, 0), End: z(2026, 6, 8, 12, 0)},
		{Start: z(2026, 6, 8, 10, 0), End: z(2026, 6, 8, 11, 0)},
		{Start: z(2026, 6, 8, 15, 0), End: z(2026, 6, 8, 15, 0)}, // empty
	}})
	// UTC Monday 2026-06-08: sleep to 08:00, business 08-09, off+leave 09-22, sleep+leave 22-24.
	checkSegments(t, "merged leave", segments(t, cm, z(2026, 6, 8, 0, 0), z(2026, 6, 9, 0, 0)), []seg{
		{z(2026, 6, 8, 0, 0), z(2026, 6, 8, 8, 0), sleep},
		{z(2026, 6, 8, 8, 0), z(2026, 6, 8, 9, 0), biz},
		{z(2026, 6, 8, 9, 0), z(2026, 6, 8, 22, 0), cls(calendar.Off, lv)},
		{z(2026, 6, 8, 22, 0), z(2026, 6, 9, 0, 0), cls(calendar.Sleep, lv)},
	})
	// From 08:30 (inside business, before the leave) the next start is Tue 08:00.
	if got := nextStart(t, cm, z(2026, 6, 8, 8, 30)); !got.Equal(z(2026, 6, 9, 8, 0)) {
		t.Errorf("NextWorkdayStart(merged) = %v, want 2026-06-09T08:00Z", got)
	}
	// Leave in the middle of a working day: business resumes after it and counts as a new
	// working period start.
	cmid := mustNew(t, calendar.Profile{Leave: []calendar.Interval{{Start: z(2026, 6, 8, 11, 0), End: z(2026, 6, 8, 13, 0)}}})
	if got := nextStart(t, cmid, z(2026, 6, 8, 9, 0)); !got.Equal(z(2026, 6, 8, 13, 0)) {
		t.Errorf("NextWorkdayStart(mid-day leave) = %v, want 2026-06-08T13:00Z", got)
	}
}

// ---- 11. Night shift --------------------------------------------------------------------

func TestNightShift(t *testing.T) {
	// UTC, Monday-Friday, working 22:00-06:00 (belongs to the day it starts on), default sleep
	// 22:00-08:00. Week of Mon 2026-06-08.
	c := mustNew(t, calendar.Profile{WorkingHours: calendar.Window{From: calendar.At(22, 0), To: calendar.At(6, 0)}})
	checkClassify(t, c, []classifyCase{
		{z(2026, 6, 8, 2, 0), sleep, "Mon 02:00: Sunday has no shift; Monday is a weekday"},
		{z(2026, 6, 8, 21, 59), off, "Mon 21:59"},
		{z(2026, 6, 8, 22, 0), biz, "Mon 22:00: shift starts"},
		{z(2026, 6, 9, 2, 0), biz, "Tue 02:00: Monday's shift"},
		{z(2026, 6, 9, 6, 0), sleep, "Tue 06:00: shift over, still in the sleep window"},
		{z(2026, 6, 9, 8, 0), off, "Tue 08:00: off (day hours are not working hours here)"},
		{z(2026, 6, 12, 23, 0), biz, "Fri 23:00: Friday's shift"},
		{z(2026, 6, 13, 2, 0), cls(calendar.Business, wk), "Sat 02:00: Friday's shift, on a weekend date"},
		{z(2026, 6, 13, 7, 0), cls(calendar.Sleep, wk), "Sat 07:00"},
		{z(2026, 6, 13, 23, 0), cls(calendar.Sleep, wk), "Sat 23:00: no Saturday shift"},
		{z(2026, 6, 14, 2, 0), cls(calendar.Sleep, wk), "Sun 02:00: Saturday had no shift"},
		{z(2026, 6, 14, 23, 0), cls(calendar.Sleep, wk), "Sun 23:00: no Sunday shift"},
	})
	// Whole week Mon 00:00 .. next Mon 00:00 (168 h), by hand:
	//   business: Mon 22-24 (2), Tue-Thu 00-06 & 22-24 (8 each: 24), Fri 00-06 & 22-24 (8) = 34;
	//             business+weekend Sat 00-06 (6).
	//   sleep: Mon 00-08 (8), Tue-Fri 06-08 (4*2) = 16; sleep+weekend: Sat 06-08 & 22-24 (4),
	//          Sun 00-08 & 22-24 (10) = 14.
	//   off: 08-22 every day: weekdays 70, weekend 28.
	b := split(t, c, z(2026, 6, 8, 0, 0), z(2026, 6, 15, 0, 0))
	checkBreakdown(t, "night-shift week", b, want{
		biz:                        34 * time.Hour,
		cls(calendar.Business, wk): 6 * time.Hour,
		sleep:                      16 * time.Hour,
		cls(calendar.Sleep, wk):    14 * time.Hour,
		off:                        70 * time.Hour,
		cls(calendar.Off, wk):      28 * time.Hour,
	})
	// NextWorkdayStart: from Sat 03:00 -> Mon 22:00; from inside Tuesday's early shift
	// (Tue 02:00) -> Tue 22:00 (the midnight split of one shift is not a new start).
	if got := nextStart(t, c, z(2026, 6, 13, 3, 0)); !got.Equal(z(2026, 6, 15, 22, 0)) {
		t.Errorf("NextWorkdayStart(Sat) = %v, want Mon 22:00", got)
	}
	if got := nextStart(t, c, z(2026, 6, 9, 2, 0)); !got.Equal(z(2026, 6, 9, 22, 0)) {
		t.Errorf("NextWorkdayStart(Tue 02:00) = %v, want Tue 22:00", got)
	}
	if got := nextStart(t, c, z(2026, 6, 8, 23, 0)); !got.Equal(z(2026, 6, 9, 22, 0)) {
		t.Errorf("NextWorkdayStart(Mon 23:00) = %v, want Tue 22:00", got)
	}
	// One shift is one segment apart from the midnight class change: Fri 22:00-24:00 business,
	// Sat 00:00-06:00 business+weekend.
	checkSegments(t, "Friday shift", segments(t, c, z(2026, 6, 12, 21, 0), z(2026, 6, 13, 9, 0)), []seg{
		{z(2026, 6, 12, 21, 0), z(2026, 6, 12, 22, 0), off},
		{z(2026, 6, 12, 22, 0), z(2026, 6, 13, 0, 0), biz},
		{z(2026, 6, 13, 0, 0), z(2026, 6, 13, 6, 0), cls(calendar.Business, wk)},
		{z(2026, 6, 13, 6, 0), z(2026, 6, 13, 8, 0), cls(calendar.Sleep, wk)},
		{z(2026, 6, 13, 8, 0), z(2026, 6, 13, 9, 0), cls(calendar.Off, wk)},
	})

	// A holiday on Wednesday 2026-06-10: Tuesday's shift still runs into Wednesday morning
	// (flagged holiday); no shift starts on Wednesday night, so Thursday morning is sleep.
	ch := mustNew(t, calendar.Profile{
		WorkingHours: calendar.Window{From: calendar.At(22, 0), To: calendar.At(6, 0)},
		Holidays:     []calendar.Holiday{{Date: calendar.Date{Year: 2026, Month: 6, Day: 10}, Name: "Company day"}},
	})
	checkClassify(t, ch, []classifyCase{
		{z(2026, 6, 10, 2, 0), cls(calendar.Business, hol), "Wed 02:00: Tuesday's shift, holiday date"},
		{z(2026, 6, 10, 23, 0), cls(calendar.Sleep, hol), "Wed 23:00: no shift on the holiday"},
		{z(2026, 6, 11, 2, 0), sleep, "Thu 02:00: Wednesday had no shift"},
	})
	if got := nextStart(t, ch, z(2026, 6, 10, 2, 0)); !got.Equal(z(2026, 6, 11, 22, 0)) {
		t.Errorf("NextWorkdayStart(holiday) = %v, want Thu 22:00", got)
	}
	// A Saturday-only night shift across the New York fall-back night: the shift runs Sat
	// 2026-10-31 22:00 EDT (Nov 1 02:00Z) to Sun 06:00 EST (11:00Z), 9 h elapsed over the
	// repeated hour. Range: Sat 00:00 EDT (Oct 31 04:00Z) to Mon 00:00 EST (Nov 2 05:00Z) = 49 h.
	// Saturday is the working day (no weekend flag); Sunday is not (weekend flag).
	nyc := mustNew(t, calendar.Profile{Zone: zone(t, "America/New_York"), WorkingDays: calendar.WeekdaysOf(time.Saturday),
		WorkingHours: calendar.Window{From: calendar.At(22, 0), To: calendar.At(6, 0)}})
	bb := split(t, nyc, z(2026, 10, 31, 4, 0), z(2026, 11, 2, 5, 0))
	checkBreakdown(t, "Saturday night shift over fall back", bb, want{
		cls(calendar.Business, 0):  2 * time.Hour,  // Sat 22:00-24:00 EDT (Saturday is a working day)
		cls(calendar.Business, wk): 7 * time.Hour,  // Sun 00:00 EDT - 06:00 EST = 04:00Z-11:00Z
		cls(calendar.Sleep, 0):     8 * time.Hour,  // Sat 00:00-08:00 EDT
		cls(calendar.Off, 0):       14 * time.Hour, // Sat 08:00-22:00 EDT
		cls(calendar.Sleep, wk):    4 * time.Hour,  // Sun 06:00-08:00 EST (2 h) + 22:00-24:00 EST (2 h)
		cls(calendar.Off, wk):      14 * time.Hour, // Sun 08:00-22:00 EST
	})
}

// ---- 12. Errors -------------------------------------------------------------------------

func TestErrors(t *testing.T) {
	_, err := calendar.New(calendar.Profile{Region: "XX"})
	if !errors.Is(err, calendar.ErrUnknownRegion) || errors.Is(err, calendar.ErrInvalidProfile) {
		t.Errorf("region XX: err = %v, want ErrUnknownRegion only", err)
	}
	badLeave := calendar.Interval{Start: z(2026, 6, 9, 0, 0), End: z(2026, 6, 8, 0, 0)}
	_, err = calendar.New(calendar.Profile{Leave: []calendar.Interval{badLeave}})
	if !errors.Is(err, calendar.ErrInvalidProfile) {
		t.Errorf("leave ending before start: err = %v, want ErrInvalidProfile", err)
	}
	if err := (calendar.Profile{Leave: []calendar.Interval{badLeave}}).Validate(); !errors.Is(err, calendar.ErrInvalidProfile) {
		t.Errorf("Validate: err = %v", err)
	}
	if err := (calendar.Profile{}).Validate(); err != nil {
		t.Errorf("Validate(zero) = %v", err)
	}
	// Both problems are reported, joined.
	_, err = calendar.New(calendar.Profile{Region: "XX", Leave: []calendar.Interval{badLeave}})
	if !errors.Is(err, calendar.ErrUnknownRegion) || !errors.Is(err, calendar.ErrInvalidProfile) {
		t.Errorf("two problems: err = %v, want both sentinels", err)
	}
	invalid := []struct {
		name string
		p    calendar.Profile
	}{
		{"leave without end", calendar.Profile{Leave: []calendar.Interval{{Start: z(2026, 1, 1, 0, 0)}}}},
		{"working hours from 24:00", calendar.Profile{WorkingHours: calendar.Window{From: calendar.At(24, 0), To: calendar.At(8, 0)}}},
		{"sleep past 24:00", calendar.Profile{Sleep: calendar.Window{From: calendar.At(22, 0), To: calendar.At(25, 0)}}},
		{"negative clock", calendar.Profile{Sleep: calendar.Window{From: -1, To: calendar.At(8, 0)}}},
		{"holiday 2026-02-30", calendar.Profile{Holidays: []calendar.Holiday{{Date: calendar.Date{Year: 2026, Month: 2, Day: 30}}}}},
		{"half day bad date", calendar.Profile{HalfDays: []calendar.HalfDay{{Date: calendar.Date{Year: 2026, Month: 13, Day: 1}, Until: calendar.At(12, 0)}}}},
		{"half day bad until", calendar.Profile{HalfDays: []calendar.HalfDay{{Date: calendar.Date{Year: 2026, Month: 12, Day: 24}, Until: calendar.At(25, 0)}}}},
		{"weekday bit 7", calendar.Profile{WorkingDays: 0x80}},
		{"nil holiday rule", calendar.Profile{HolidayRules: []*cal.Holiday{nil}}},
		{"leave in 1600", calendar.Profile{Leave: []calendar.Interval{{Start: time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC), End: z(2026, 1, 1, 0, 0)}}}},
	}
	for _, tc := range invalid {
		if _, err := calendar.New(tc.p); !errors.Is(err, calendar.ErrInvalidProfile) {
			t.Errorf("%s: err = %v, want ErrInvalidProfile", tc.name, err)
		}
	}

	c := mustNew(t, calendar.Profile{})
	if _, err := c.Split(z(2026, 6, 9, 0, 0), z(2026, 6, 8, 0, 0)); !errors.Is(err, calendar.ErrInvalidInterval) {
		t.Errorf("Split(end before start): err = %v, want ErrInvalidInterval", err)
	}
	var b calendar.Breakdown
	if err := c.SplitInto(&b, z(2026, 6, 9, 0, 0), z(2026, 6, 8, 0, 0)); !errors.Is(err, calendar.ErrInvalidInterval) || b.Total() != 0 {
		t.Errorf("SplitInto(end before start): err = %v, total %v", err, b.Total())
	}
	if _, err := c.Segments(z(2026, 6, 9, 0, 0), z(2026, 6, 8, 0, 0)); !errors.Is(err, calendar.ErrInvalidInterval) {
		t.Errorf("Segments(end before start): err = %v, want ErrInvalidInterval", err)
	}
	far := time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := c.Split(far, z(2026, 1, 1, 0, 0)); !errors.Is(err, calendar.ErrOutOfRange) {
		t.Errorf("Split from 1600: err = %v, want ErrOutOfRange", err)
	}
	if _, err := c.NextWorkdayStart(time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)); !errors.Is(err, calendar.ErrOutOfRange) {
		t.Errorf("NextWorkdayStart(2300): err = %v, want ErrOutOfRange", err)
	}
	// An empty working window (From == To, not the zero Window) never starts business.
	never := mustNew(t, calendar.Profile{WorkingHours: calendar.Window{From: calendar.At(9, 0), To: calendar.At(9, 0)}})
	if _, err := never.NextWorkdayStart(z(2026, 6, 8, 0, 0)); !errors.Is(err, calendar.ErrNoWorkday) {
		t.Errorf("empty working window: err = %v, want ErrNoWorkday", err)
	}
	// Leave covering more than the three-year horizon.
	long := mustNew(t, calendar.Profile{Leave: []calendar.Interval{{Start: z(2026, 1, 1, 0, 0), End: z(2030, 1, 1, 0, 0)}}})
	if _, err := long.NextWorkdayStart(z(2026, 6, 8, 0, 0)); !errors.Is(err, calendar.ErrNoWorkday) {
		t.Errorf("four-year leave: err = %v, want ErrNoWorkday", err)
	}
}

// ---- 13. Parsing ------------------------------------------------------------------------

func TestParseClock(t *testing.T) {
	valid := []struct {
		in   string
		want calendar.Clock
	}{
		{"00:00", 0},
		{"08:00", 8 * 3600},
		{"23:59", 23*3600 + 59*60},
		{"23:59:59", 86399},
		{"24:00", 86400},
		{"24:00:00", 86400},
		{"07:05:09", 7*3600 + 5*60 + 9},
	}
	for _, tc := range valid {
		got, err := calendar.ParseClock(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseClock(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	invalid := []string{"", "8:00", "08:0", "0800", "08-00", "08:60", "08:00:60", "24:01", "24:00:01", "25:00",
		"99:99", "ab:cd", "08:00:", "08:00:0", " 08:00", "08:00 ", "-1:00", "08:00:00:00", "+8:00", "０８:00"}
	for _, in := range invalid {
		if got, err := calendar.ParseClock(in); !errors.Is(err, calendar.ErrInvalidClock) {
			t.Errorf("ParseClock(%q) = %d, %v; want ErrInvalidClock", in, got, err)
		}
	}
}

func TestParseWindow(t *testing.T) {
	valid := []struct {
		in   string
		want calendar.Window
	}{
		{"08:00-18:00", calendar.Window{From: 8 * 3600, To: 18 * 3600}},
		{"22:00-06:00", calendar.Window{From: 22 * 3600, To: 6 * 3600}},
		{"00:00-24:00", calendar.Window{From: 0, To: 86400}},
		{"09:30:15-10:00", calendar.Window{From: 9*3600 + 30*60 + 15, To: 10 * 3600}},
	}
	for _, tc := range valid {
		got, err := calendar.ParseWindow(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseWindow(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	invalid := []string{"", "08:00", "08:00-", "-18:00", "24:00-08:00", "08:00 - 18:00", "08:00-18:00-19:00", "08:00/18:00", "8:00-18:00", "08:00-25:00"}
	for _, in := range invalid {
		if got, err := calendar.ParseWindow(in); !errors.Is(err, calendar.ErrInvalidClock) {
			t.Errorf("ParseWindow(%q) = %v, %v; want ErrInvalidClock", in, got, err)
		}
	}
}

func TestParseDate(t *testing.T) {
	valid := []struct {
		in   string
		want calendar.Date
	}{
		{"2026-01-06", calendar.Date{Year: 2026, Month: 1, Day: 6}},
		{"2028-02-29", calendar.Date{Year: 2028, Month: 2, Day: 29}},
		{"2000-02-29", calendar.Date{Year: 2000, Month: 2, Day: 29}},
		{"1970-01-01", calendar.Date{Year: 1970, Month: 1, Day: 1}},
		{"9999-12-31", calendar.Date{Year: 9999, Month: 12, Day: 31}},
	}
	for _, tc := range valid {
		got, err := calendar.ParseDate(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	invalid := []string{"", "2026-1-6", "2026/01/06", "2026-02-30", "2027-02-29", "2100-02-29", "2026-13-01", "2026-00-10",
		"2026-01-00", "26-01-06", "2026-01-06T00:00", " 2026-01-06", "20260106"}
	for _, in := range invalid {
		if got, err := calendar.ParseDate(in); !errors.Is(err, calendar.ErrInvalidDate) {
			t.Errorf("ParseDate(%q) = %v, %v; want ErrInvalidDate", in, got, err)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	// HalfDay marshals its date and clock as text (Date and Clock are TextMarshalers).
	h := calendar.HalfDay{Date: calendar.Date{Year: 2026, Month: 12, Day: 24}, Name: "Christmas Eve", Until: calendar.At(12, 30)}
	js, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"date":"2026-12-24","name":"Christmas Eve","until":"12:30"}`; string(js) != want {
		t.Errorf("HalfDay JSON = %s, want %s", js, want)
	}
	var back calendar.HalfDay
	if err := json.Unmarshal(js, &back); err != nil || back != h {
		t.Errorf("round trip = %+v, %v", back, err)
	}
}

// TestProfileIsCopied checks that New copies the slices it is given: editing the caller's
// profile afterwards must not change the calendar.
func TestProfileIsCopied(t *testing.T) {
	hs := []calendar.Holiday{{Date: calendar.Date{Year: 2026, Month: 6, Day: 10}, Name: "Company day"}}
	ls := []calendar.Interval{{Start: z(2026, 6, 11, 0, 0), End: z(2026, 6, 12, 0, 0)}}
	c := mustNew(t, calendar.Profile{Holidays: hs, Leave: ls})
	hs[0].Date = calendar.Date{Year: 2026, Month: 6, Day: 9}
	ls[0] = calendar.Interval{Start: z(2026, 6, 9, 0, 0), End: z(2026, 6, 10, 0, 0)}
	checkClassify(t, c, []classifyCase{
		{z(2026, 6, 10, 10, 0), cls(calendar.Off, hol), "Wed: the holiday given to New"},
		{z(2026, 6, 9, 10, 0), biz, "Tue: edited after New, ignored"},
		{z(2026, 6, 11, 10, 0), cls(calendar.Off, lv), "Thu: the leave given to New"},
	})
	p := c.Profile()
	p.Holidays[0].Name = "changed"
	if c.Profile().Holidays[0].Name != "Company day" {
		t.Errorf("Profile() returns shared slices")
	}
}

// ---- the last UTC day of a leap year ---------------------------------------------------

// within runs f and fails the test if it has not returned after d. (A hung f keeps running
// in its goroutine until the test binary exits.)
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not return within %v", what, d)
	}
}

// ruleOnlyZone builds a zone from a TZif file that has no transitions, only the POSIX TZ
// footer rule, as Go's embedded tzdata (time/tzdata, GOROOT/lib/time/zoneinfo.zip) has for
// every year after a zone's last rule change (2007 for New York).
func ruleOnlyZone(t *testing.T, name, footer, abbr string, offset int32) *time.Location {
	t.Helper()
	var b []byte
	u32 := func(v uint32) { b = append(b, byte(v>>24), byte(v>>16), byte(v>>8), byte(v)) }
	block := func() { // header and data; the v1 and v2 blocks are identical without transitions
		b = append(b, "TZif2"...)
		b = append(b, make([]byte, 15)...)
		u32(0) // isutcnt
		u32(0) // isstdcnt
		u32(0) // leapcnt
		u32(0) // timecnt
		u32(1) // typecnt
		u32(uint32(len(abbr) + 1))
		u32(uint32(offset))
		b = append(b, 0, 0) // isdst, abbreviation index
		b = append(b, abbr...)
		b = append(b, 0)
	}
	block()
	block()
	b = append(b, '\n')
	b = append(b, footer...)
	b = append(b, '\n')
	loc, err := time.LoadLocationFromTZData(name, b)
	if err != nil {
		t.Fatalf("LoadLocationFromTZData: %v", err)
	}
	return loc
}

// TestLeapYearEndTerminates: for instants in the last UTC day of a leap year in the years a
// zone's TZ footer rule serves, time.Time.ZoneBounds returns an end at or before the instant
// (golang/go#81583: 2040-12-31T12:00Z in New York gives end 2040-12-31T00:00Z). walk used to
// take that end as the next clock change and never advance, so Split, Segments and
// NextWorkdayStart hung. With the system tzdata (explicit transitions to 2037) that hit
// 31 December 2040, 2044, ...; with Go's embedded tzdata (rule only after 2007 in New York)
// 31 December 2008, 2012, ..., 2024, 2028.
func TestLeapYearEndTerminates(t *testing.T) {
	ny := zone(t, "America/New_York")
	lon := zone(t, "Europe/London")
	nyRule := ruleOnlyZone(t, "America/New_York (rule only)", "EST5EDT,M3.2.0,M11.1.0", "EST", -5*3600)
	const limit = 5 * time.Second
	tests := []struct {
		name       string
		loc        *time.Location
		start, end time.Time
		want       want
		from, next time.Time
	}{
		{
			// Mon 2040-12-31 00:00 EST (05:00Z) to Tue 2041-01-01 00:00 EST (05:00Z): a plain
			// working Monday: sleep 00-08 and 22-24, business 08-18, off 18-22.
			name: "New York 2040-12-31", loc: ny,
			start: z(2040, 12, 31, 5, 0), end: z(2041, 1, 1, 5, 0),
			want: want{sleep: 10 * time.Hour, biz: 10 * time.Hour, off: 4 * time.Hour},
			// Fri 2040-12-28 19:00 EST (Dec 29 00:00Z) -> Mon 2040-12-31 08:00 EST (13:00Z).
			from: z(2040, 12, 29, 0, 0), next: z(2040, 12, 31, 13, 0),
		},
		{
			// London is on GMT (UTC+0) in December: Monday 2040-12-31 00:00Z-24:00Z.
			name: "London 2040-12-31", loc: lon,
			start: z(2040, 12, 31, 0, 0), end: z(2041, 1, 1, 0, 0),
			want: want{sleep: 10 * time.Hour, biz: 10 * time.Hour, off: 4 * time.Hour},
			// Fri 2040-12-28 19:00 GMT -> Mon 2040-12-31 08:00 GMT.
			from: z(2040, 12, 28, 19, 0), next: z(2040, 12, 31, 8, 0),
		},
		{
			// The rule-only New York zone: Sun 2028-12-31 00:00 EST (05:00Z) to Mon 2029-01-01
			// 00:00 EST (05:00Z), a weekend day: sleep 10 h, off 14 h.
			name: "New York rule-only 2028-12-31", loc: nyRule,
			start: z(2028, 12, 31, 5, 0), end: z(2029, 1, 1, 5, 0),
			want: want{cls(calendar.Sleep, wk): 10 * time.Hour, cls(calendar.Off, wk): 14 * time.Hour},
			// Fri 2028-12-29 19:00 EST (Dec 30 00:00Z) -> Mon 2029-01-01 08:00 EST (13:00Z).
			from: z(2028, 12, 30, 0, 0), next: z(2029, 1, 1, 13, 0),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := mustNew(t, calendar.Profile{Zone: tc.loc})
			var b calendar.Breakdown
			var err error
			within(t, limit, "Split", func() { b, err = c.Split(tc.start, tc.end) })
			if err != nil {
				t.Fatal(err)
			}
			checkBreakdown(t, tc.name, b, tc.want)
			var n int
			within(t, limit, "Segments", func() {
				seq, _ := c.Segments(tc.start, tc.end)
				for range seq {
					n++
				}
			})
			var next time.Time
			within(t, limit, "NextWorkdayStart", func() { next, err = c.NextWorkdayStart(tc.from) })
			if err != nil || !next.Equal(tc.next) {
				t.Errorf("NextWorkdayStart(%v) = %v, %v; want %v", tc.from, next.UTC(), err, tc.next)
			}
		})
	}
}

// ---- concurrency ------------------------------------------------------------------------

// TestConcurrentUse classifies and splits from 8 goroutines on one shared Calendar whose
// holiday tables are all still empty, so the per-year tables are built concurrently, and
// compares every answer with one computed serially on a second Calendar of the same profile.
// Run with -race.
func TestConcurrentUse(t *testing.T) {
	p := calendar.Profile{
		Zone:     zone(t, "Europe/Berlin"),
		Region:   "DE-BY",
		Holidays: []calendar.Holiday{{Date: calendar.Date{Year: 2026, Month: 6, Day: 10}, Name: "Company day"}},
		HalfDays: []calendar.HalfDay{{Date: calendar.Date{Year: 2030, Month: 12, Day: 24}, Until: calendar.At(12, 0)}},
		Leave:    []calendar.Interval{{Start: z(2031, 8, 1, 0, 0), End: z(2031, 8, 20, 0, 0)}},
	}
	type job struct {
		at, end time.Time
	}
	// Instants every 11 days and 7 hours from 1975 through 2099, each with a 3-day interval.
	var jobs []job
	for at := z(1975, 1, 1, 3, 0); at.Year() < 2100; at = at.Add(11*day + 7*time.Hour) {
		jobs = append(jobs, job{at, at.Add(3 * day)})
	}
	serial := mustNew(t, p)
	wantClass := make([]calendar.Class, len(jobs))
	wantSplit := make([]calendar.Breakdown, len(jobs))
	for i, j := range jobs {
		wantClass[i] = serial.Classify(j.at)
		b, err := serial.Split(j.at, j.end)
		if err != nil {
			t.Fatal(err)
		}
		wantSplit[i] = b
	}
	shared := mustNew(t, p)
	const workers = 8
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		go func() {
			var err error
			// Each worker starts at a different place and walks the jobs in its own order.
			for k := range jobs {
				i := (k*(w+3) + w*len(jobs)/workers) % len(jobs)
				j := jobs[i]
				if got := shared.Classify(j.at); got != wantClass[i] && err == nil {
					err = fmt.Errorf("worker %d: Classify(%v) = %v, serial %v", w, j.at, got, wantClass[i])
				}
				var b calendar.Breakdown
				if e := shared.SplitInto(&b, j.at, j.end); e != nil && err == nil {
					err = e
				}
				if b != wantSplit[i] && err == nil {
					err = fmt.Errorf("worker %d: Split(%v) differs from serial", w, j.at)
				}
				if k%50 == 0 {
					shared.IsWorkday(calendar.DateOf(j.at))
					shared.HolidaysIn(j.at.Year())
				}
			}
			errs <- err
		}()
	}
	for w := 0; w < workers; w++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	// Sanity: the jobs do hit holidays (so tables were used): Epiphany on a weekday is in
	// some 3-day windows.
	var holidayTime time.Duration
	for _, b := range wantSplit {
		holidayTime += b.With(hol)
	}
	if holidayTime == 0 {
		t.Errorf("no holiday time in any job: the test does not exercise holiday tables")
	}
}
