package calendar

import (
	"fmt"
	"time"

	"github.com/rickar/cal/v2"
)

// Profile is one person's time. The zero Profile is useful: UTC, Monday to Friday 08:00-18:00,
// sleep 22:00-08:00, no holidays, no leave (PagerDuty's analytics bands).
type Profile struct {
	// Zone is the person's IANA time zone; nil means UTC.
	Zone *time.Location
	// WorkingDays are the days of the week the person works; zero means Monday to Friday.
	WorkingDays Weekdays
	// WorkingHours is the daily working window; zero means 08:00-18:00. It may cross midnight
	// (22:00-06:00), and then belongs to the day it starts on.
	WorkingHours Window
	// Sleep is the habitual sleep window, every day; zero means 22:00-08:00.
	Sleep Window
	// Region is the public-holiday calendar: an ISO 3166-1 country code ("US", "GB"), or a
	// country-region code where rickar/cal has regional lists ("DE-BY", "AU-NSW", "CH-ZH").
	// Empty means no public holidays. See Countries.
	Region string
	// Holidays are extra days off: company holidays, or public holidays of a country that
	// rickar/cal lacks (see ReadHolidays).
	Holidays []Holiday
	// HalfDays end the working day early; the rest of the day counts as holiday. If a date is
	// listed twice, the first entry wins.
	HalfDays []HalfDay
	// HolidayRules are extra recurring holidays written with rickar/cal's rule types
	// (fixed date, n-th weekday, Easter offset...). They are read, never modified.
	HolidayRules []*cal.Holiday
	// Leave are intervals of personal leave, as instants.
	Leave []Interval
}

// Holiday is a named day off.
type Holiday struct {
	Date Date   `json:"date"`
	Name string `json:"name"`
	// Observed is set when this date is the substitute for a holiday that fell elsewhere
	// (Independence Day on a Saturday is observed on the Friday).
	Observed bool `json:"observed,omitempty"`
}

// HalfDay is a working day that ends early (Christmas Eve until 12:00).
type HalfDay struct {
	Date Date   `json:"date"`
	Name string `json:"name"`
	// Until is when work ends; from then on the day counts as holiday.
	Until Clock `json:"until"`
}

// Interval is a span of time [Start, End).
type Interval struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Duration is End - Start.
func (iv Interval) Duration() time.Duration { return iv.End.Sub(iv.Start) }

// Contains reports whether t is in [Start, End).
func (iv Interval) Contains(t time.Time) bool { return !t.Before(iv.Start) && t.Before(iv.End) }

// LeaveDays returns the leave interval from the first instant of from to the first instant
// after to (both inclusive) in loc.
func LeaveDays(from, to Date, loc *time.Location) Interval {
	if loc == nil {
		loc = time.UTC
	}
	return Interval{Start: from.Start(loc), End: to.AddDays(1).Start(loc)}
}

// withDefaults returns the profile with zero fields replaced by their defaults.
func (p Profile) withDefaults() Profile {
	if p.Zone == nil {
		p.Zone = time.UTC
	}
	if p.WorkingDays == 0 {
		p.WorkingDays = MondayToFriday
	}
	if p.WorkingHours.IsZero() {
		p.WorkingHours = Window{From: At(8, 0), To: At(18, 0)}
	}
	if p.Sleep.IsZero() {
		p.Sleep = Window{From: At(22, 0), To: At(8, 0)}
	}
	return p
}

// Validate reports every problem with the profile, joined.
func (p Profile) Validate() error {
	_, err := New(p)
	return err
}

func (p Profile) check() []error {
	var errs []error
	bad := func(field string, v any, why string) {
		errs = append(errs, fmt.Errorf("calendar: profile %s %v: %s: %w", field, v, why, ErrInvalidProfile))
	}
	for _, f := range []struct {
		name string
		w    Window
	}{{"working hours", p.WorkingHours}, {"sleep", p.Sleep}} {
		name, w := f.name, f.w
		if !w.From.valid() || !w.To.valid() || w.From == 24*3600 {
			bad(name, w, "clock out of range")
		}
	}
	if p.WorkingDays&^0x7f != 0 {
		bad("working days", uint8(p.WorkingDays), "unknown weekday bits")
	}
	for i, h := range p.Holidays {
		if !h.Date.Valid() {
			bad(fmt.Sprintf("holiday %d", i), h.Date, "not a calendar date")
		}
	}
	for i, h := range p.HalfDays {
		if !h.Date.Valid() {
			bad(fmt.Sprintf("half day %d", i), h.Date, "not a calendar date")
		}
		if !h.Until.valid() {
			bad(fmt.Sprintf("half day %d until", i), h.Until, "clock out of range")
		}
	}
	for i, r := range p.HolidayRules {
		if r == nil {
			bad(fmt.Sprintf("holiday rule %d", i), "nil", "missing rule")
		}
	}
	for i, l := range p.Leave {
		switch {
		case l.Start.IsZero() || l.End.IsZero():
			bad(fmt.Sprintf("leave %d", i), l.Start.Format(time.RFC3339)+"/"+l.End.Format(time.RFC3339), "start and end are required")
		case l.End.Before(l.Start):
			bad(fmt.Sprintf("leave %d", i), l.Start.Format(time.RFC3339)+"/"+l.End.Format(time.RFC3339), "ends before it starts")
		case !inNanoRange(l.Start) || !inNanoRange(l.End):
			bad(fmt.Sprintf("leave %d", i), l.Start.Format(time.RFC3339), "outside 1678-2261")
		}
	}
	return errs
}

// inNanoRange reports whether t is representable as int64 nanoseconds since 1970 (with a
// second to spare at each end).
func inNanoRange(t time.Time) bool {
	s := t.Unix()
	return s > -9223372035 && s < 9223372035
}
