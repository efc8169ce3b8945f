package calendar

import (
	"fmt"
	"time"
)

const (
	secondsPerDay = 24 * 60 * 60
	nsPerSecond   = int64(time.Second)
	nsPerDay      = secondsPerDay * nsPerSecond
)

// Clock is a wall-clock time of day, in seconds after local midnight. It runs from 0
// (00:00) to 86400 (24:00, allowed only as the end of a window).
type Clock int32

// At returns the Clock for hour:minute. At(24, 0) is the end of the day.
func At(hour, minute int) Clock { return Clock(hour*3600 + minute*60) }

// ParseClock reads "HH:MM" or "HH:MM:SS" (24-hour; "24:00" is the end of the day).
func ParseClock(s string) (Clock, error) {
	bad := func(why string) (Clock, error) {
		return 0, fmt.Errorf("calendar: clock %q: %s: %w", s, why, ErrInvalidClock)
	}
	if len(s) != 5 && len(s) != 8 {
		return bad("want HH:MM or HH:MM:SS")
	}
	var parts [3]int
	for i := 0; i*3 < len(s); i++ {
		a, b := s[i*3], s[i*3+1]
		if a < '0' || a > '9' || b < '0' || b > '9' || (i*3+2 < len(s) && s[i*3+2] != ':') {
			return bad("want HH:MM or HH:MM:SS")
		}
		parts[i] = int(a-'0')*10 + int(b-'0')
	}
	if parts[1] > 59 || parts[2] > 59 {
		return bad("minutes and seconds run 00 to 59")
	}
	c := Clock(parts[0]*3600 + parts[1]*60 + parts[2])
	if c > 24*3600 {
		return bad("past 24:00")
	}
	return c, nil
}

// String formats the clock as "HH:MM", or "HH:MM:SS" when it has seconds.
func (c Clock) String() string {
	h, m, s := int(c)/3600, int(c)%3600/60, int(c)%60
	if s != 0 {
		return fmt.Sprintf("%02d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%02d:%02d", h, m)
}

// MarshalText writes the clock as "HH:MM[:SS]".
func (c Clock) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads "HH:MM[:SS]".
func (c *Clock) UnmarshalText(b []byte) error {
	v, err := ParseClock(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

func (c Clock) valid() bool { return c >= 0 && c <= 24*3600 }

// Window is a daily wall-clock window [From, To). When To is before From the window crosses
// midnight (23:00-07:00); it then belongs to the day on which it starts. A window whose From
// equals To is empty, except the zero Window, which a Profile reads as "use the default".
// 00:00-24:00 is the whole day.
type Window struct {
	From Clock `json:"from"`
	To   Clock `json:"to"`
}

// ParseWindow reads "HH:MM-HH:MM".
func ParseWindow(s string) (Window, error) {
	for i := 0; i < len(s); i++ {
		if s[i] == '-' {
			from, err := ParseClock(s[:i])
			if err != nil {
				return Window{}, err
			}
			to, err := ParseClock(s[i+1:])
			if err != nil {
				return Window{}, err
			}
			if from == 24*3600 {
				return Window{}, fmt.Errorf("calendar: window %q starts at 24:00: %w", s, ErrInvalidClock)
			}
			return Window{From: from, To: to}, nil
		}
	}
	return Window{}, fmt.Errorf("calendar: window %q: want HH:MM-HH:MM: %w", s, ErrInvalidClock)
}

// String formats the window as "HH:MM-HH:MM".
func (w Window) String() string { return w.From.String() + "-" + w.To.String() }

// IsZero reports whether w is the zero Window (which a Profile reads as its default).
func (w Window) IsZero() bool { return w == Window{} }

// Crosses reports whether the window runs past midnight into the next day.
func (w Window) Crosses() bool { return w.To < w.From }

// Duration is the window's length on a day without a clock change.
func (w Window) Duration() time.Duration {
	switch {
	case w.From < w.To:
		return time.Duration(w.To-w.From) * time.Second
	case w.From > w.To:
		return time.Duration(24*3600-w.From+w.To) * time.Second
	}
	return 0
}

// Contains reports whether a wall-clock time of day falls in the window.
func (w Window) Contains(c Clock) bool {
	switch {
	case w.From < w.To:
		return c >= w.From && c < w.To
	case w.From > w.To:
		return c >= w.From || c < w.To
	}
	return false
}

// containsNs is Contains for a time of day in nanoseconds.
func (w Window) containsNs(tod int64) bool {
	f, t := int64(w.From)*nsPerSecond, int64(w.To)*nsPerSecond
	switch {
	case f < t:
		return tod >= f && tod < t
	case f > t:
		return tod >= f || tod < t
	}
	return false
}

// Weekdays is a set of days of the week. The zero set, in a Profile, means Monday to Friday.
type Weekdays uint8

// WeekdaysOf returns the set holding the given days.
func WeekdaysOf(days ...time.Weekday) Weekdays {
	var w Weekdays
	for _, d := range days {
		w |= 1 << uint(d%7)
	}
	return w
}

// MondayToFriday is the usual working week.
const MondayToFriday Weekdays = 1<<time.Monday | 1<<time.Tuesday | 1<<time.Wednesday | 1<<time.Thursday | 1<<time.Friday

// Has reports whether d is in the set.
func (w Weekdays) Has(d time.Weekday) bool { return w&(1<<uint(d%7)) != 0 }

// String lists the days as "Mon,Tue,...".
func (w Weekdays) String() string {
	s := ""
	for d := time.Sunday; d <= time.Saturday; d++ {
		if w.Has(d) {
			if s != "" {
				s += ","
			}
			s += d.String()[:3]
		}
	}
	return s
}

// Date is a civil date, without a time or a zone.
type Date struct {
	Year  int        `json:"year"`
	Month time.Month `json:"month"`
	Day   int        `json:"day"`
}

// DateOf returns the civil date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads an ISO 8601 date, "2006-01-02".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("calendar: date %q: want YYYY-MM-DD: %w", s, ErrInvalidDate)
	}
	return DateOf(t), nil
}

// String formats the date as "2006-01-02".
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// MarshalText writes the date as "2006-01-02".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads "2006-01-02".
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d names a real day of the proleptic Gregorian calendar.
func (d Date) Valid() bool {
	return d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// AddDays returns the date n days later (earlier when n is negative).
func (d Date) AddDays(n int) Date { return dateFromDays(d.days() + int64(n)) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return weekdayOfDays(d.days()) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	a, b := d.days(), e.days()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// DaysUntil returns the number of days from d to e: 1 when e is the next day, negative when e
// is earlier.
func (d Date) DaysUntil(e Date) int { return int(e.days() - d.days()) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.days() < e.days() }

// At returns the first instant in loc whose wall clock reads date d at clock c or later: the
// instant itself on ordinary days, the end of the jump when c falls in a spring-forward gap,
// and the earlier of the two instants when c happens twice. d.At(At(24, 0), loc) is the start
// of the next day.
func (d Date) At(c Clock, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	if c >= 24*3600 {
		return wallInstant(d.AddDays(int(c/(24*3600))), c%(24*3600), loc)
	}
	return wallInstant(d, c, loc)
}

// Start returns the first instant of the day in loc: normally local midnight, or the end of the
// clock change in zones that skip midnight.
func (d Date) Start(loc *time.Location) time.Time { return wallInstant(d, 0, loc) }

func (d Date) days() int64 { return daysFromCivil(int64(d.Year), int(d.Month), d.Day) }

func dateFromDays(z int64) Date {
	y, m, d := civilFromDays(z)
	return Date{int(y), time.Month(m), d}
}

func daysIn(year int, m time.Month) int {
	switch m {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// daysFromCivil counts days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
// (the era-based algorithm from Howard Hinnant's "chrono-Compatible Low-Level Date Algorithms").
func daysFromCivil(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := int64((m + 9) % 12)
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (y int64, m, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	if mp < 10 {
		m = int(mp + 3)
	} else {
		m = int(mp - 9)
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func weekdayOfDays(z int64) time.Weekday {
	// 1970-01-01 was a Thursday.
	w := (z + 4) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

// wallInstant returns the first instant whose wall clock in loc reads date d at clock c or
// later: the instant itself on ordinary days, the end of the gap when c falls in a
// spring-forward gap, and the first of the two instants when c happens twice.
func wallInstant(d Date, c Clock, loc *time.Location) time.Time {
	h, rem := int(c)/3600, int(c)%3600
	t := time.Date(d.Year, d.Month, d.Day, h, rem/60, rem%60, 0, loc)
	want := d.days()*secondsPerDay + int64(c)
	got := wallSeconds(t)
	if got != want {
		// c does not exist on d (a gap). Go picked an instant on one side of the gap;
		// the first instant at or after c is the moment the clock jumped.
		start, end := t.ZoneBounds()
		if got > want {
			return start
		}
		return end
	}
	// c may exist twice (clocks went back); prefer the earlier instant.
	start, _ := t.ZoneBounds()
	if !start.IsZero() {
		_, before := start.Add(-time.Second).Zone()
		_, now := t.Zone()
		if before > now {
			earlier := t.Add(-time.Duration(before-now) * time.Second)
			if earlier.Before(start) && wallSeconds(earlier) == want {
				return earlier
			}
		}
	}
	return t
}

// wallSeconds is the local wall-clock reading of t as seconds since 1970-01-01 00:00 wall time.
func wallSeconds(t time.Time) int64 {
	_, off := t.Zone()
	return t.Unix() + int64(off)
}
