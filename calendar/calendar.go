package calendar

import (
	"errors"
	"fmt"
	"iter"
	"math"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rickar/cal/v2"
)

// Calendar is a compiled Profile: it classifies instants and splits intervals for one person.
// It is immutable after New (holiday tables are filled in per year on first use, under a lock)
// and safe for concurrent use.
type Calendar struct {
	p      Profile
	rules  []*cal.Holiday
	bounds []int64 // times of day (ns) where the band can change, sorted, excluding 0
	work   [2]int64
	sleep  Window
	half   []halfDay
	leave  [][2]int64 // merged, sorted leave intervals in unix ns

	mu    sync.Mutex
	years atomic.Pointer[map[int]*yearTable]
}

type halfDay struct {
	day  int64
	cut  int64
	name string
}

type yearTable struct {
	first int64 // day number of 1 January
	bits  [6]uint64
	list  []Holiday
}

// New checks a profile and compiles it. It returns every problem found, joined, each wrapping
// ErrInvalidProfile or ErrUnknownRegion.
func New(p Profile) (*Calendar, error) {
	p = p.withDefaults()
	errs := p.check()
	var rules []*cal.Holiday
	if p.Region != "" {
		r, ok := countryHolidays(p.Region)
		if !ok {
			errs = append(errs, fmt.Errorf("calendar: profile region %q: no holiday list (see Countries; supply Holidays for other countries): %w", p.Region, ErrUnknownRegion))
		}
		rules = append(rules, r...)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for _, r := range p.HolidayRules {
		rules = append(rules, r)
	}
	c := &Calendar{p: p, rules: rules, sleep: p.Sleep}
	c.work = [2]int64{int64(p.WorkingHours.From) * nsPerSecond, int64(p.WorkingHours.To) * nsPerSecond}
	for _, b := range []Clock{p.WorkingHours.From, p.WorkingHours.To, p.Sleep.From, p.Sleep.To} {
		if b > 0 && b < 24*3600 {
			c.bounds = append(c.bounds, int64(b)*nsPerSecond)
		}
	}
	slices.Sort(c.bounds)
	c.bounds = slices.Compact(c.bounds)
	for _, h := range p.HalfDays {
		c.half = append(c.half, halfDay{day: h.Date.days(), cut: int64(h.Until) * nsPerSecond, name: h.Name})
	}
	slices.SortStableFunc(c.half, func(a, b halfDay) int { return int(a.day - b.day) })
	c.leave = mergeLeave(p.Leave)
	c.p.Holidays = slices.Clone(p.Holidays)
	c.p.HalfDays = slices.Clone(p.HalfDays)
	c.p.HolidayRules = slices.Clone(p.HolidayRules)
	c.p.Leave = slices.Clone(p.Leave)
	return c, nil
}

func mergeLeave(ls []Interval) [][2]int64 {
	out := make([][2]int64, 0, len(ls))
	for _, l := range ls {
		if l.End.After(l.Start) {
			out = append(out, [2]int64{l.Start.UnixNano(), l.End.UnixNano()})
		}
	}
	slices.SortFunc(out, func(a, b [2]int64) int {
		switch {
		case a[0] < b[0]:
			return -1
		case a[0] > b[0]:
			return 1
		}
		return 0
	})
	merged := out[:0]
	for _, iv := range out {
		if n := len(merged); n > 0 && iv[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], iv[1])
			continue
		}
		merged = append(merged, iv)
	}
	return merged
}

// Profile returns the profile the calendar was compiled from, with defaults filled in.
func (c *Calendar) Profile() Profile {
	p := c.p
	p.Holidays = slices.Clone(p.Holidays)
	p.HalfDays = slices.Clone(p.HalfDays)
	p.HolidayRules = slices.Clone(p.HolidayRules)
	p.Leave = slices.Clone(p.Leave)
	return p
}

// Location returns the person's time zone.
func (c *Calendar) Location() *time.Location { return c.p.Zone }

// table returns the holiday table for a year, building it on first use.
func (c *Calendar) table(year int) *yearTable {
	if m := c.years.Load(); m != nil {
		if t, ok := (*m)[year]; ok {
			return t
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.years.Load()
	if old != nil {
		if t, ok := (*old)[year]; ok {
			return t
		}
	}
	t := c.buildYear(year)
	m := make(map[int]*yearTable, 1)
	if old != nil {
		m = make(map[int]*yearTable, len(*old)+1)
		for k, v := range *old {
			m[k] = v
		}
	}
	m[year] = t
	c.years.Store(&m)
	return t
}

// calDate turns a date computed by rickar/cal into a civil date. cal returns midnight in the
// process-wide time.Local; in zones whose clocks jump at midnight that instant can land on
// the previous evening, so read the date at noon.
func calDate(t time.Time) Date { return DateOf(t.Add(12 * time.Hour)) }

func (c *Calendar) buildYear(year int) *yearTable {
	t := &yearTable{first: daysFromCivil(int64(year), 1, 1)}
	add := func(h Holiday) {
		if h.Date.Year != year {
			return
		}
		i := h.Date.days() - t.first
		t.bits[i/64] |= 1 << uint(i%64)
		t.list = append(t.list, h)
	}
	// Observed dates can fall in a neighbouring year (1 January on a Saturday is observed on
	// 31 December), so look one year either side.
	for y := year - 1; y <= year+1; y++ {
		for _, r := range c.rules {
			actual, observed := r.Calc(y)
			if actual.IsZero() {
				continue
			}
			a := calDate(actual)
			add(Holiday{Date: a, Name: r.Name})
			if o := calDate(observed); o != a {
				add(Holiday{Date: o, Name: r.Name, Observed: true})
			}
		}
	}
	for _, h := range c.p.Holidays {
		add(h)
	}
	slices.SortStableFunc(t.list, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return t
}

type dayInfo struct {
	day     int64
	working bool // a working weekday
	holiday bool // a full holiday
	cut     int64
}

func (c *Calendar) dayInfo(day int64, tbl **yearTable, tblYear *int) dayInfo {
	y, _, _ := civilFromDays(day)
	if *tbl == nil || *tblYear != int(y) {
		*tbl = c.table(int(y))
		*tblYear = int(y)
	}
	i := day - (*tbl).first
	di := dayInfo{
		day:     day,
		working: c.p.WorkingDays.Has(weekdayOfDays(day)),
		holiday: (*tbl).bits[i/64]&(1<<uint(i%64)) != 0,
		cut:     -1,
	}
	if len(c.half) > 0 && !di.holiday {
		k := sort.Search(len(c.half), func(j int) bool { return c.half[j].day >= day })
		if k < len(c.half) && c.half[k].day == day {
			di.cut = c.half[k].cut
		}
	}
	return di
}

func (d *dayInfo) worksAt(tod int64) bool {
	return d.working && !d.holiday && (d.cut < 0 || tod < d.cut)
}

// classify gives the class at time of day tod on day cur (prev is the day before).
func (c *Calendar) classify(cur, prev *dayInfo, tod int64, leave bool) Class {
	var f Flags
	if !cur.working {
		f |= FlagWeekend
	}
	if cur.holiday || (cur.cut >= 0 && tod >= cur.cut) {
		f |= FlagHoliday
	}
	if leave {
		f |= FlagLeave
	}
	band := Off
	from, to := c.work[0], c.work[1]
	switch {
	case leave:
	case from < to && tod >= from && tod < to && cur.worksAt(tod):
		band = Business
	case from > to && tod >= from && cur.worksAt(tod):
		band = Business
	case from > to && tod < to && prev.worksAt(math.MaxInt64):
		band = Business
	}
	if band == Off && c.sleep.containsNs(tod) {
		band = Sleep
	}
	return MakeClass(band, f)
}

// nextBound is the next time of day after tod at which the band or flags can change.
func (c *Calendar) nextBound(tod, cut int64) int64 {
	next := int64(nsPerDay)
	for _, b := range c.bounds {
		if b > tod {
			next = b
			break
		}
	}
	if cut > tod && cut < next {
		next = cut
	}
	return next
}

// Classify returns the class of instant t for this person.
func (c *Calendar) Classify(t time.Time) Class {
	lt := t.In(c.p.Zone)
	y, m, d := lt.Date()
	h, mi, s := lt.Clock()
	tod := int64(h*3600+mi*60+s)*nsPerSecond + int64(lt.Nanosecond())
	day := daysFromCivil(int64(y), int(m), d)
	var tbl *yearTable
	var ty int
	cur := c.dayInfo(day, &tbl, &ty)
	prev := c.dayInfo(day-1, &tbl, &ty)
	leave := false
	if inNanoRange(t) {
		leave, _ = c.leaveAt(t.UnixNano(), 0)
	}
	return c.classify(&cur, &prev, tod, leave)
}

// OnLeave reports whether t falls in the person's leave.
func (c *Calendar) OnLeave(t time.Time) bool {
	if !inNanoRange(t) {
		return false
	}
	on, _ := c.leaveAt(t.UnixNano(), 0)
	return on
}

// LeaveIn reports whether any part of [start, end) falls in the person's leave.
func (c *Calendar) LeaveIn(start, end time.Time) bool {
	if !end.After(start) {
		return false
	}
	for _, l := range c.p.Leave {
		if l.Start.Before(end) && l.End.After(start) && l.End.After(l.Start) {
			return true
		}
	}
	return false
}

// leaveAt reports whether ns is on leave and the index of the first leave interval ending
// after ns, searching from index from.
func (c *Calendar) leaveAt(ns int64, from int) (bool, int) {
	i := min(from, len(c.leave))
	if i > 0 && c.leave[i-1][1] > ns {
		i = 0 // moved back in time: search from the start
	}
	if i < len(c.leave) && c.leave[i][1] <= ns {
		i += sort.Search(len(c.leave)-i, func(j int) bool { return c.leave[i+j][1] > ns })
	}
	return i < len(c.leave) && c.leave[i][0] <= ns, i
}

// walk calls emit for consecutive stretches [s, e) of one class covering [start, end), in
// unix nanoseconds, until emit returns false. Stretches break at every possible change of
// class, so neighbours may share a class.
func (c *Calendar) walk(start, end int64, emit func(s, e int64, cl Class) bool) {
	w := walker{c: c}
	w.run(start, end, emit)
}

// walker holds what one walk has looked up (the zone period, the holiday table, the current
// and previous day, the leave index) so that later walks nearby can reuse it.
type walker struct {
	c                       *Calendar
	off, zoneStart, zoneEnd int64
	haveZone                bool
	tbl                     *yearTable
	ty                      int
	cur, prev               dayInfo
	haveDay                 bool
	li                      int
}

func (w *walker) run(start, end int64, emit func(s, e int64, cl Class) bool) {
	c := w.c
	for t := start; t < end; {
		if !w.haveZone || t < w.zoneStart || t >= w.zoneEnd {
			w.off, w.zoneStart, w.zoneEnd = zoneSpan(c.p.Zone, t)
			w.haveZone = true
		}
		wall := t + w.off
		day := floorDiv(wall, nsPerDay)
		tod := wall - day*nsPerDay
		if !w.haveDay || day != w.cur.day {
			switch {
			case w.haveDay && day == w.cur.day+1:
				w.prev = w.cur
			case w.haveDay && day == w.cur.day-1:
				w.prev, w.cur = c.dayInfo(day-1, &w.tbl, &w.ty), w.prev
			default:
				w.prev = c.dayInfo(day-1, &w.tbl, &w.ty)
			}
			if w.cur.day != day || !w.haveDay {
				w.cur = c.dayInfo(day, &w.tbl, &w.ty)
			}
			w.haveDay = true
		}
		var leave bool
		leave, w.li = c.leaveAt(t, w.li)
		next := t + (c.nextBound(tod, w.cur.cut) - tod)
		if w.li < len(c.leave) {
			if leave {
				next = min(next, c.leave[w.li][1])
			} else {
				next = min(next, c.leave[w.li][0])
			}
		}
		next = min(next, w.zoneEnd, end)
		if !emit(t, next, c.classify(&w.cur, &w.prev, tod, leave)) {
			return
		}
		t = next
	}
}

// Cursor classifies instants and splits intervals for one person like the Calendar does,
// but keeps the zone period, holiday table and day it last looked up, so a stream of calls
// close together in time (pages sorted by time, say) costs far less. A Cursor is not safe
// for concurrent use: make one per goroutine (the Calendar itself is safe).
type Cursor struct {
	w walker
}

// Cursor returns a new cursor over the calendar.
func (c *Calendar) Cursor() *Cursor { return &Cursor{w: walker{c: c}} }

// Classify returns the class of instant t, as Calendar.Classify does.
func (cu *Cursor) Classify(t time.Time) Class {
	if !inNanoRange(t) {
		return cu.w.c.Classify(t)
	}
	ns := t.UnixNano()
	var cl Class
	cu.w.run(ns, ns+1, func(_, _ int64, x Class) bool { cl = x; return false })
	return cl
}

// SplitInto adds the durations of [start, end) to b, as Calendar.SplitInto does.
func (cu *Cursor) SplitInto(b *Breakdown, start, end time.Time) error {
	if err := checkInterval(start, end); err != nil {
		return err
	}
	cu.w.run(start.UnixNano(), end.UnixNano(), func(s, e int64, cl Class) bool {
		b.d[cl] += time.Duration(e - s)
		return true
	})
	return nil
}

// zoneSpan returns the UTC offset (ns) in force at t and the period [start, end) (unix ns)
// over which it holds, as far as it can be trusted.
func zoneSpan(loc *time.Location, t int64) (off, start, end int64) {
	lt := time.Unix(0, t).In(loc)
	_, o := lt.Zone()
	off = int64(o) * nsPerSecond
	zs, ze := lt.ZoneBounds()
	start = t
	if !zs.IsZero() && inNanoRange(zs) && zs.UnixNano() <= t {
		start = zs.UnixNano()
	} else if zs.IsZero() {
		start = math.MinInt64
	}
	switch {
	case ze.IsZero() || !inNanoRange(ze):
		return off, start, math.MaxInt64
	case ze.UnixNano() > t:
		return off, start, ze.UnixNano()
	}
	// Go's ZoneBounds can report an end at or before t for instants late on 31 December of
	// leap years in the years a zone's rule string covers. Find the next change by probing:
	// no zone changes its offset twice within a day, so if the offset a day later is the
	// same, it holds all day; otherwise bisect to the nanosecond.
	offAt := func(ns int64) int64 {
		_, o := time.Unix(0, ns).In(loc).Zone()
		return int64(o) * nsPerSecond
	}
	hi := t + nsPerDay
	if offAt(hi) == off {
		return off, t, hi
	}
	lo := t
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if offAt(mid) == off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return off, t, hi
}

func checkInterval(start, end time.Time) error {
	if !inNanoRange(start) || !inNanoRange(end) {
		return fmt.Errorf("calendar: interval %s to %s: %w", start.Format(time.RFC3339), end.Format(time.RFC3339), ErrOutOfRange)
	}
	if end.Before(start) {
		return fmt.Errorf("calendar: interval %s to %s: %w", start.Format(time.RFC3339), end.Format(time.RFC3339), ErrInvalidInterval)
	}
	return nil
}

// Split returns the exact duration of [start, end) in each class, in the person's own zone.
// The durations sum to end - start exactly. Clock changes are honoured: a spring-forward night
// has 23 hours, a fall-back night 25, and a repeated hour is classified by its wall clock.
func (c *Calendar) Split(start, end time.Time) (Breakdown, error) {
	var b Breakdown
	err := c.SplitInto(&b, start, end)
	return b, err
}

// SplitInto adds the durations of [start, end) to b, as Split does, without allocating.
func (c *Calendar) SplitInto(b *Breakdown, start, end time.Time) error {
	if err := checkInterval(start, end); err != nil {
		return err
	}
	c.walk(start.UnixNano(), end.UnixNano(), func(s, e int64, cl Class) bool {
		b.d[cl] += time.Duration(e - s)
		return true
	})
	return nil
}

// Segments returns [start, end) cut into maximal stretches of one class, in order, with
// times in the person's zone.
func (c *Calendar) Segments(start, end time.Time) (iter.Seq[Segment], error) {
	if err := checkInterval(start, end); err != nil {
		return nil, err
	}
	s0, e0 := start.UnixNano(), end.UnixNano()
	loc := c.p.Zone
	return func(yield func(Segment) bool) {
		var cur Segment
		var curS, curE int64
		have := false
		stopped := false
		c.walk(s0, e0, func(s, e int64, cl Class) bool {
			if have && cl == cur.Class && s == curE {
				curE = e
				return true
			}
			if have {
				cur.Start, cur.End = time.Unix(0, curS).In(loc), time.Unix(0, curE).In(loc)
				if !yield(cur) {
					stopped = true
					return false
				}
			}
			cur, curS, curE, have = Segment{Class: cl}, s, e, true
			return true
		})
		if have && !stopped {
			cur.Start, cur.End = time.Unix(0, curS).In(loc), time.Unix(0, curE).In(loc)
			yield(cur)
		}
	}, nil
}

// workdaySearch bounds how far NextWorkdayStart looks ahead.
const workdaySearch = 3 * 366 * nsPerDay

// NextWorkdayStart returns the start of the person's next working period after t: the first
// instant after t at which business hours begin, skipping weekends, holidays and leave. When t
// is inside working hours, that is the start of the next working period, not the current one.
// It returns ErrNoWorkday when there is none within three years.
func (c *Calendar) NextWorkdayStart(t time.Time) (time.Time, error) {
	if !inNanoRange(t) {
		return time.Time{}, fmt.Errorf("calendar: next workday after %s: %w", t.Format(time.RFC3339), ErrOutOfRange)
	}
	start := t.UnixNano()
	end := start + workdaySearch
	if end < start {
		end = math.MaxInt64
	}
	found := int64(math.MinInt64)
	wasBusiness := false
	first := true
	c.walk(start, end, func(s, e int64, cl Class) bool {
		isB := cl.Band() == Business
		if isB && !wasBusiness && !first {
			found = s
			return false
		}
		wasBusiness, first = isB, false
		return true
	})
	if found == math.MinInt64 {
		return time.Time{}, fmt.Errorf("calendar: next workday after %s: %w", t.Format(time.RFC3339), ErrNoWorkday)
	}
	return time.Unix(0, found).In(c.p.Zone), nil
}

// IsWorkday reports whether d is one of the person's working weekdays and not a full holiday.
// A half-day is a workday. Leave is not considered (see OnLeave).
func (c *Calendar) IsWorkday(d Date) bool {
	var tbl *yearTable
	var ty int
	di := c.dayInfo(d.days(), &tbl, &ty)
	return di.working && !di.holiday
}

// HolidaysOn returns every holiday on date d (several can share a date), including days on
// which a holiday is observed. Half-days are not included.
func (c *Calendar) HolidaysOn(d Date) []Holiday {
	var out []Holiday
	for _, h := range c.table(d.Year).list {
		if h.Date == d {
			out = append(out, h)
		}
	}
	return out
}

// HolidaysIn returns the person's holidays in a year, sorted by date: public holidays of their
// region (actual and observed dates), rules and custom holidays.
func (c *Calendar) HolidaysIn(year int) []Holiday {
	return slices.Clone(c.table(year).list)
}
