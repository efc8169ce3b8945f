package calendar_test

// Property tests: random profiles and intervals from 1970 to 2100 in zones with unusual clock
// changes. Besides internal consistency (Split vs Segments vs Classify) every class is checked
// against refClassify, an oracle written from the documented rules alone: it reads the wall
// clock with package time and the public holidays straight from rickar/cal, and shares no
// code with the package under test.

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/us"
	"pgregory.net/rapid"

	"github.com/wellrested/oncall/calendar"
)

var propZones = []string{
	"America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata",
	"Pacific/Chatham",  // +12:45/+13:45
	"America/St_Johns", // -03:30; until 2011 its clocks changed at 00:01, so days went backwards
	"UTC",
	"America/Santiago", // clocks change at midnight
	"America/Havana",   // clocks change at midnight (forward) and 01:00 (back)
	ruleOnlyNY,         // New York as Go's embedded tzdata has it: the TZ rule alone after 2007
}

// ruleOnlyNY names a zone built by ruleOnlyZone: its ZoneBounds misreport the last UTC day
// of every leap year (golang/go#81583), see TestLeapYearEndTerminates.
const ruleOnlyNY = "America/New_York (rule only)"

var propRegions = map[string][]*cal.Holiday{
	"":      nil,
	"US":    us.Holidays,
	"GB":    gb.Holidays,
	"DE-BY": de.HolidaysBY,
}

var propMax = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()

const day = 24 * time.Hour

// drawYear draws a year from 1970 to 2099 (decade and year apart, to spread them).
func drawYear(t *rapid.T, label string) int {
	return 1970 + 10*rapid.IntRange(0, 12).Draw(t, label+"-decade") + rapid.IntRange(0, 9).Draw(t, label+"-year")
}

// drawDuration draws up to maxDays days plus a time of day, with nanoseconds half the time.
func drawDuration(t *rapid.T, label string, maxDays int) time.Duration {
	d := time.Duration(rapid.IntRange(0, maxDays).Draw(t, label+"-d"))*day +
		time.Duration(rapid.IntRange(0, 23).Draw(t, label+"-h"))*time.Hour +
		time.Duration(rapid.IntRange(0, 59).Draw(t, label+"-m"))*time.Minute +
		time.Duration(rapid.IntRange(0, 59).Draw(t, label+"-s"))*time.Second
	if rapid.Bool().Draw(t, label+"-has-ns") {
		d += time.Duration(rapid.IntRange(0, 999).Draw(t, label+"-ms"))*time.Millisecond +
			time.Duration(rapid.IntRange(0, 999999).Draw(t, label+"-ns"))
	}
	return d
}

// genClock draws a clock: whole hours (DST changes happen on the hour), half hours, or any
// second of the day; 24:00 included.
func genClock(t *rapid.T, label string) calendar.Clock {
	switch rapid.IntRange(0, 2).Draw(t, label+"-kind") {
	case 0:
		return calendar.Clock(rapid.IntRange(0, 24).Draw(t, label+"-h") * 3600)
	case 1:
		return calendar.Clock(rapid.IntRange(0, 48).Draw(t, label+"-hh") * 1800)
	}
	return calendar.Clock(rapid.IntRange(0, 86400).Draw(t, label+"-s"))
}

// genWindow draws a window, sometimes the zero (default) one, sometimes crossing midnight.
func genWindow(t *rapid.T, label string) calendar.Window {
	if rapid.IntRange(0, 4).Draw(t, label+"-default") == 0 {
		return calendar.Window{}
	}
	w := calendar.Window{From: genClock(t, label+"-from"), To: genClock(t, label+"-to")}
	if w.From == 86400 {
		w.From = 0
	}
	return w
}

type propCase struct {
	p          calendar.Profile
	rules      []*cal.Holiday
	start, end time.Time
}

func genCase(t *rapid.T, locs map[string]*time.Location) propCase {
	var pc propCase
	zname := rapid.SampledFrom(propZones).Draw(t, "zone")
	region := rapid.SampledFrom([]string{"", "US", "GB", "DE-BY"}).Draw(t, "region")
	pc.p = calendar.Profile{
		Zone:         locs[zname],
		WorkingDays:  calendar.Weekdays(rapid.IntRange(0, 127).Draw(t, "days")),
		WorkingHours: genWindow(t, "work"),
		Sleep:        genWindow(t, "sleep"),
		Region:       region,
	}
	pc.rules = propRegions[region]

	// rapid biases wide integer ranges towards their ends, so instants and durations are put
	// together from small, near-uniform parts.
	start := time.Date(drawYear(t, "year"), 1, 1, 0, 0, 0, 0, time.UTC).
		Add(drawDuration(t, "start-offset", 364)).UnixNano()
	start = min(start, propMax-int64(41*day))
	if rapid.Bool().Draw(t, "align") { // land on clock changes and window edges exactly
		start -= start % int64(30*time.Minute)
	}
	var length int64
	switch rapid.IntRange(0, 2).Draw(t, "scale") {
	case 0: // a page: up to a few hours
		length = int64(drawDuration(t, "len-page", 0) % (3 * time.Hour))
	case 1:
		length = int64(drawDuration(t, "len-days", 1))
	default:
		length = int64(drawDuration(t, "len-long", 39))
	}
	pc.start, pc.end = time.Unix(0, start), time.Unix(0, start+length)

	for i, n := 0, rapid.IntRange(0, 3).Draw(t, "leaves"); i < n; i++ {
		s := start - int64(5*day) + int64(drawDuration(t, "leave-start", 46))
		l := int64(drawDuration(t, "leave-len", 9))
		if rapid.Bool().Draw(t, "leave-align") {
			s -= s % int64(time.Hour)
			l -= l % int64(time.Hour)
		}
		pc.p.Leave = append(pc.p.Leave, calendar.Interval{Start: time.Unix(0, s), End: time.Unix(0, s+l)})
	}
	first := pc.start.In(pc.p.Zone)
	for i, n := 0, rapid.IntRange(0, 3).Draw(t, "holidays"); i < n; i++ {
		d := first.AddDate(0, 0, rapid.IntRange(-1, 41).Draw(t, "holiday-day"))
		pc.p.Holidays = append(pc.p.Holidays, calendar.Holiday{Date: calendar.DateOf(d), Name: "custom"})
	}
	for i, n := 0, rapid.IntRange(0, 2).Draw(t, "halfdays"); i < n; i++ {
		d := first.AddDate(0, 0, rapid.IntRange(-1, 41).Draw(t, "half-day"))
		pc.p.HalfDays = append(pc.p.HalfDays, calendar.HalfDay{Date: calendar.DateOf(d), Until: genClock(t, "until")})
	}
	return pc
}

// ref is the oracle.
type ref struct {
	loc              *time.Location
	days             calendar.Weekdays
	work, sleep      [2]int64 // ns after midnight
	rules            []*cal.Holiday
	custom           map[calendar.Date]bool
	half             map[calendar.Date]int64
	leave            []calendar.Interval
	holidays         map[calendar.Date]bool
	holidayYearsDone map[int]bool
}

func newRef(pc propCase) *ref {
	r := &ref{
		loc: pc.p.Zone, days: pc.p.WorkingDays, rules: pc.rules, leave: pc.p.Leave,
		custom: map[calendar.Date]bool{}, half: map[calendar.Date]int64{},
		holidays: map[calendar.Date]bool{}, holidayYearsDone: map[int]bool{},
	}
	if r.loc == nil {
		r.loc = time.UTC
	}
	if r.days == 0 {
		r.days = calendar.WeekdaysOf(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday)
	}
	r.work = [2]int64{int64(8 * time.Hour), int64(18 * time.Hour)}
	if w := pc.p.WorkingHours; w != (calendar.Window{}) {
		r.work = [2]int64{int64(w.From) * int64(time.Second), int64(w.To) * int64(time.Second)}
	}
	r.sleep = [2]int64{int64(22 * time.Hour), int64(8 * time.Hour)}
	if w := pc.p.Sleep; w != (calendar.Window{}) {
		r.sleep = [2]int64{int64(w.From) * int64(time.Second), int64(w.To) * int64(time.Second)}
	}
	for _, h := range pc.p.Holidays {
		r.custom[h.Date] = true
	}
	for _, h := range pc.p.HalfDays {
		if _, ok := r.half[h.Date]; !ok { // the first listed wins if a date is given twice
			r.half[h.Date] = int64(h.Until) * int64(time.Second)
		}
	}
	return r
}

// isHoliday: a custom holiday, or the actual or observed date of a public holiday (which may
// come from the neighbouring year's rule, e.g. 1 January observed on 31 December).
func (r *ref) isHoliday(d calendar.Date) bool {
	if r.custom[d] {
		return true
	}
	for y := d.Year - 1; y <= d.Year+1; y++ {
		if r.holidayYearsDone[y] {
			continue
		}
		r.holidayYearsDone[y] = true
		for _, h := range r.rules {
			a, o := h.Calc(y)
			if !a.IsZero() {
				r.holidays[calendar.DateOf(a)] = true
				r.holidays[calendar.DateOf(o)] = true
			}
		}
	}
	return r.holidays[d]
}

func inWindow(w [2]int64, tod int64) bool {
	switch {
	case w[0] < w[1]:
		return w[0] <= tod && tod < w[1]
	case w[0] > w[1]:
		return tod >= w[0] || tod < w[1]
	}
	return false
}

// worksAt reports whether date d is a working day at time of day tod (tod may be math.MaxInt64
// for "the end of the day").
func (r *ref) worksAt(d calendar.Date, tod int64) bool {
	if !r.days.Has(d.Weekday()) || r.isHoliday(d) {
		return false
	}
	if cut, ok := r.half[d]; ok && tod >= cut {
		return false
	}
	return true
}

func (r *ref) classify(t time.Time) calendar.Class {
	lt := t.In(r.loc)
	d := calendar.DateOf(lt)
	h, m, s := lt.Clock()
	tod := int64(h)*int64(time.Hour) + int64(m)*int64(time.Minute) + int64(s)*int64(time.Second) + int64(lt.Nanosecond())
	var f calendar.Flags
	if !r.days.Has(d.Weekday()) {
		f |= calendar.FlagWeekend
	}
	hol := r.isHoliday(d)
	if hol {
		f |= calendar.FlagHoliday
	} else if cut, ok := r.half[d]; ok && tod >= cut {
		f |= calendar.FlagHoliday
	}
	onLeave := false
	for _, l := range r.leave {
		if !t.Before(l.Start) && t.Before(l.End) {
			onLeave = true
		}
	}
	if onLeave {
		f |= calendar.FlagLeave
	}
	business := false
	if !onLeave {
		from, to := r.work[0], r.work[1]
		switch {
		case from < to:
			business = tod >= from && tod < to && r.worksAt(d, tod)
		case from > to && tod >= from:
			business = r.worksAt(d, tod)
		case from > to && tod < to:
			business = r.worksAt(d.AddDays(-1), math.MaxInt64)
		}
	}
	switch {
	case business:
		return calendar.MakeClass(calendar.Business, f)
	case inWindow(r.sleep, tod):
		return calendar.MakeClass(calendar.Sleep, f)
	}
	return calendar.MakeClass(calendar.Off, f)
}

func loadPropZones(t *testing.T) map[string]*time.Location {
	locs := map[string]*time.Location{}
	for _, name := range propZones {
		if name == ruleOnlyNY {
			locs[name] = ruleOnlyZone(t, name, "EST5EDT,M3.2.0,M11.1.0", "EST", -5*3600)
			continue
		}
		locs[name] = zone(t, name)
	}
	return locs
}

func TestPropertySplitSegmentsClassify(t *testing.T) {
	locs := loadPropZones(t)
	rapid.Check(t, func(t *rapid.T) {
		pc := genCase(t, locs)
		c, err := calendar.New(pc.p)
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		r := newRef(pc)
		b, err := c.Split(pc.start, pc.end)
		if err != nil {
			t.Fatalf("Split: %v", err)
		}
		if b.Total() != pc.end.Sub(pc.start) {
			t.Fatalf("Total %v != end-start %v", b.Total(), pc.end.Sub(pc.start))
		}
		seq, err := c.Segments(pc.start, pc.end)
		if err != nil {
			t.Fatalf("Segments: %v", err)
		}
		var sum calendar.Breakdown
		var prev *calendar.Segment
		n := 0
		for s := range seq {
			n++
			if !s.Start.Before(s.End) {
				t.Fatalf("empty segment %v..%v", s.Start, s.End)
			}
			if prev == nil && !s.Start.Equal(pc.start) {
				t.Fatalf("first segment starts %v, want %v", s.Start, pc.start)
			}
			if prev != nil {
				if !prev.End.Equal(s.Start) {
					t.Fatalf("gap: %v then %v", prev.End, s.Start)
				}
				if prev.Class == s.Class {
					t.Fatalf("neighbours share class %v at %v", s.Class, s.Start)
				}
			}
			if s.Start.Location() != c.Location() {
				t.Fatalf("segment location %v, want %v", s.Start.Location(), c.Location())
			}
			sum.Add(s.Class, s.End.Sub(s.Start))
			last := s.End.Add(-time.Nanosecond)
			for _, at := range []time.Time{s.Start, last, s.Start.Add(s.End.Sub(s.Start) / 2)} {
				if got := c.Classify(at); got != s.Class {
					t.Fatalf("Classify(%v) = %v, segment [%v, %v) says %v", at, got, s.Start, s.End, s.Class)
				}
				if want := r.classify(at); want != s.Class {
					t.Fatalf("segment [%v, %v) is %v; the rules give %v at %v (local %v)",
						s.Start.UTC(), s.End.UTC(), s.Class, want, at.UTC(), at.In(r.loc))
				}
			}
			cp := s
			prev = &cp
		}
		if n == 0 {
			if !pc.start.Equal(pc.end) {
				t.Fatalf("no segments for a non-empty interval")
			}
		} else if !prev.End.Equal(pc.end) {
			t.Fatalf("last segment ends %v, want %v", prev.End, pc.end)
		}
		if sum != b {
			t.Fatalf("segments sum to %v, Split gives %v", jsonOf(sum), jsonOf(b))
		}
		// Split is additive over a random cut point.
		mid := pc.start.Add(time.Duration(rapid.Int64Range(0, int64(pc.end.Sub(pc.start))).Draw(t, "mid")))
		var b2 calendar.Breakdown
		if err := c.SplitInto(&b2, pc.start, mid); err != nil {
			t.Fatal(err)
		}
		if err := c.SplitInto(&b2, mid, pc.end); err != nil {
			t.Fatal(err)
		}
		if b2 != b {
			t.Fatalf("Split(start, mid) + Split(mid, end) = %v, Split(start, end) = %v", jsonOf(b2), jsonOf(b))
		}
		// Random instants agree with the oracle too.
		for i := 0; i < 8; i++ {
			at := time.Date(drawYear(t, "instant-year"), 1, 1, 0, 0, 0, 0, time.UTC).
				Add(drawDuration(t, "instant", 364))
			if got, want := c.Classify(at), r.classify(at); got != want {
				t.Fatalf("Classify(%v, local %v) = %v, the rules give %v", at.UTC(), at.In(r.loc), got, want)
			}
		}
	})
}

// TestPropertyNextWorkdayStart: the result r is after t, business begins exactly at r (r is
// business, r-1ns is not), and no business period begins in (t, r).
func TestPropertyNextWorkdayStart(t *testing.T) {
	locs := loadPropZones(t)
	rapid.Check(t, func(t *rapid.T) {
		pc := genCase(t, locs)
		c, err := calendar.New(pc.p)
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		from := pc.start
		horizon := from.Add(3 * 366 * day)
		got, err := c.NextWorkdayStart(from)
		if err != nil {
			if !errors.Is(err, calendar.ErrNoWorkday) {
				t.Fatalf("NextWorkdayStart: %v", err)
			}
			got = horizon // check that nothing starts before the horizon
		} else {
			if !got.After(from) {
				t.Fatalf("NextWorkdayStart(%v) = %v, not after", from, got)
			}
			if c.Classify(got).Band() != calendar.Business {
				t.Fatalf("NextWorkdayStart(%v) = %v is %v, not business", from, got, c.Classify(got))
			}
			if c.Classify(got.Add(-time.Nanosecond)).Band() == calendar.Business {
				t.Fatalf("NextWorkdayStart(%v) = %v: business already at the previous nanosecond", from, got)
			}
		}
		seq, err := c.Segments(from, got)
		if err != nil {
			t.Fatal(err)
		}
		seenNonBusiness := false
		for s := range seq {
			isB := s.Class.Band() == calendar.Business
			if isB && seenNonBusiness {
				t.Fatalf("business begins at %v, before NextWorkdayStart(%v) = %v (err %v)", s.Start, from, got, err)
			}
			if !isB {
				seenNonBusiness = true
			}
		}
	})
}

func jsonOf(b calendar.Breakdown) string {
	js, _ := b.MarshalJSON()
	return string(js)
}
