package rotation

import (
	"fmt"
	"iter"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// Handoff is when one cycle hands over to the next: a weekday and a wall-clock time in the
// rotation's reference zone. The handoff keeps its wall-clock time across clock changes, so a
// cycle that spans a change is an hour shorter or longer.
type Handoff struct {
	Day time.Weekday
	At  calendar.Clock
}

// DefaultHandoff is Tuesday 10:00: a full working day separates the weekend from the handoff,
// so nobody starts or ends a week on call tired from a weekend of pages.
func DefaultHandoff() Handoff { return Handoff{Day: time.Tuesday, At: calendar.At(10, 0)} }

// RoleSpec is a role in the rotation and how heavy it is relative to the others.
type RoleSpec struct {
	Name string
	// Weight multiplies the burden of every hour held in this role; zero means 1.
	Weight float64
	// Coverage limits the role to daily windows; nil means around the clock. Roles with
	// different windows rotate independently: weekday and weekend layers, business hours
	// only, or one role per region following the sun.
	Coverage *Coverage
}

// Coverage is a set of daily windows in a zone: the times a role must be held.
type Coverage struct {
	// Zone is where the windows are read; nil means the spec's zone.
	Zone *time.Location
	// Days are the days whose windows count; zero means every day.
	Days calendar.Weekdays
	// Hours is the daily window; zero means the whole day. A window crossing midnight
	// belongs to the day it starts on; equal non-zero ends mean 24 hours from From.
	Hours calendar.Window
}

// parts cuts [start, end) down to the coverage windows, as instants; touching windows merge.
// Wall-clock times are built with time.Date day by day, so windows keep their local times
// across clock changes.
func (c Coverage) parts(start, end time.Time, def *time.Location) []calendar.Interval {
	loc := c.Zone
	if loc == nil {
		loc = def
	}
	from, to := c.Hours.From, c.Hours.To
	if c.Hours.IsZero() {
		from, to = 0, 24*3600
	}
	y, m, d := start.In(loc).Date()
	var out []calendar.Interval
	for k := -1; ; k++ {
		open := wallAt(y, m, d+k, from, loc)
		if !open.Before(end) {
			return out
		}
		if c.Days != 0 && !c.Days.Has(time.Date(y, m, d+k, 12, 0, 0, 0, loc).Weekday()) {
			continue
		}
		closeDay := d + k
		if to <= from {
			closeDay++
		}
		shut := wallAt(y, m, closeDay, to, loc)
		open, shut = later(open, start), earlier(shut, end)
		if !shut.After(open) {
			continue
		}
		if n := len(out); n > 0 && !open.After(out[n-1].End) {
			out[n-1].End = later(out[n-1].End, shut)
			continue
		}
		out = append(out, calendar.Interval{Start: open, End: shut})
	}
}

// wallAt is the first instant at or after wall clock c on the date (normalised like
// time.Date, so day 32 is the next month's first), as calendar reads wall clocks: a time in a
// spring-forward gap moves to the end of the gap, a repeated time is the earlier instant.
func wallAt(y int, m time.Month, d int, c calendar.Clock, loc *time.Location) time.Time {
	return calendar.DateOf(time.Date(y, m, d, 12, 0, 0, 0, time.UTC)).At(c, loc)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// DefaultRoles returns primary (weight 1) and secondary (weight 0.5): the secondary is paged
// only when the primary does not answer, and may be away from a computer.
func DefaultRoles() []RoleSpec {
	return []RoleSpec{{Name: oncall.Primary, Weight: 1}, {Name: oncall.Secondary, Weight: 0.5}}
}

// Spec is the shape of a rotation. The zero Spec is useful: weekly cycles handing over on
// Tuesday at 10:00 UTC, primary and secondary, no chaining and no rest rule.
type Spec struct {
	// Zone is the reference zone of the handoff; nil means UTC.
	Zone *time.Location
	// CycleDays is the length of a cycle in days; zero means 7.
	CycleDays int
	// Handoff is the handoff weekday and time; nil means DefaultHandoff. The weekday fixes the
	// first cycle; later cycles follow every CycleDays days.
	Handoff *Handoff
	// Roles are the roles held each cycle; nil means DefaultRoles.
	Roles []RoleSpec
	// Chain makes the second role of each cycle the first role of the next (secondary becomes
	// next primary), so everyone shadows before leading. It needs at least two roles. The
	// chain crosses the history boundary: whoever held the secondary that ends where the
	// horizon starts leads its first cycle (unless a pin says otherwise, or they are on leave
	// or not eligible to lead), and that is one stint, so no rest is due before it.
	Chain bool
	// MinCyclesOff is the number of whole cycles a person must have off between two stints.
	MinCyclesOff int
	// StintPeriod is the number of consecutive cycles over which Member.MaxStints counts;
	// zero means 13 (a quarter of weekly cycles).
	StintPeriod int
}

func (s Spec) withDefaults() Spec {
	if s.Zone == nil {
		s.Zone = time.UTC
	}
	if s.CycleDays == 0 {
		s.CycleDays = 7
	}
	if s.Handoff == nil {
		h := DefaultHandoff()
		s.Handoff = &h
	}
	if s.Roles == nil {
		s.Roles = DefaultRoles()
	}
	roles := make([]RoleSpec, len(s.Roles))
	for i, r := range s.Roles {
		if r.Weight == 0 {
			r.Weight = 1
		}
		roles[i] = r
	}
	s.Roles = roles
	if s.StintPeriod == 0 {
		s.StintPeriod = 13
	}
	return s
}

func (s Spec) check() []error {
	var errs []error
	bad := func(field string, v any, why string) {
		errs = append(errs, fmt.Errorf("rotation: spec %s %v: %s: %w", field, v, why, ErrInvalidProblem))
	}
	if s.CycleDays < 0 {
		bad("cycle days", s.CycleDays, "must be positive")
	}
	if s.Handoff != nil && (s.Handoff.At < 0 || s.Handoff.At >= 24*3600 || s.Handoff.Day < time.Sunday || s.Handoff.Day > time.Saturday) {
		bad("handoff", *s.Handoff, "weekday 0-6 and time before 24:00")
	}
	if s.Roles != nil && len(s.Roles) == 0 {
		bad("roles", "[]", "at least one role is needed")
	}
	seen := map[string]bool{}
	for i, r := range s.Roles {
		switch {
		case r.Name == "":
			bad(fmt.Sprintf("role %d name", i), `""`, "required")
		case seen[r.Name]:
			bad(fmt.Sprintf("role %d name", i), r.Name, "duplicate")
		case r.Weight < 0:
			bad(fmt.Sprintf("role %d weight", i), r.Weight, "must not be negative")
		case r.Coverage != nil && (r.Coverage.Hours.From < 0 || r.Coverage.Hours.From >= 24*3600 || r.Coverage.Hours.To < 0 || r.Coverage.Hours.To > 24*3600 || r.Coverage.Days&^0x7f != 0):
			bad(fmt.Sprintf("role %d coverage", i), r.Coverage.Hours, "window clocks 00:00-24:00 and known weekdays")
		}
		seen[r.Name] = true
	}
	if s.Chain && s.Roles != nil && len(s.Roles) < 2 {
		bad("chain", true, "needs two roles")
	}
	if s.Chain && len(s.Roles) >= 2 && (s.Roles[0].Coverage != nil || s.Roles[1].Coverage != nil) {
		bad("chain", true, "the first two roles must be held around the clock")
	}
	if s.MinCyclesOff < 0 {
		bad("min cycles off", s.MinCyclesOff, "must not be negative")
	}
	if s.StintPeriod < 0 {
		bad("stint period", s.StintPeriod, "must not be negative")
	}
	return errs
}

// Slot is one role in one cycle: the unit a generator fills with one person.
type Slot struct {
	// Cycle counts cycles from the first of the horizon, from 0.
	Cycle int       `json:"cycle"`
	Role  string    `json:"role"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// Parts are the coverage windows within [Start, End) for a role with Coverage; nil for a
	// round-the-clock role.
	Parts []calendar.Interval `json:"parts,omitempty"`
}

// handoffAt returns the handoff instant on civil date (y, m, d+days) in the reference zone.
// time.Date normalises the day overflow, so stepping by days keeps the wall clock across
// clock changes.
func handoffAt(y int, m time.Month, d, days int, at calendar.Clock, loc *time.Location) time.Time {
	c := int(at)
	return time.Date(y, m, d+days, c/3600, c%3600/60, c%60, 0, loc)
}

// Cycles yields the start of each cycle whose start falls in [from, to), and the instant it
// ends (the next handoff).
func (s Spec) Cycles(from, to time.Time) iter.Seq2[time.Time, time.Time] {
	s = s.withDefaults()
	return func(yield func(time.Time, time.Time) bool) {
		if s.CycleDays <= 0 {
			return
		}
		lf := from.In(s.Zone)
		y, m, d := lf.Date()
		first := -1
		for k := 0; k < 15; k++ {
			t := handoffAt(y, m, d, k, s.Handoff.At, s.Zone)
			if t.Weekday() == s.Handoff.Day && !t.Before(from) {
				first = k
				break
			}
		}
		if first < 0 {
			return
		}
		for k := first; ; k += s.CycleDays {
			start := handoffAt(y, m, d, k, s.Handoff.At, s.Zone)
			if !start.Before(to) {
				return
			}
			if !yield(start, handoffAt(y, m, d, k+s.CycleDays, s.Handoff.At, s.Zone)) {
				return
			}
		}
	}
}

// Slots yields every slot of every cycle starting in [from, to), cycle by cycle, roles in
// Spec order.
func (s Spec) Slots(from, to time.Time) iter.Seq[Slot] {
	s = s.withDefaults()
	return func(yield func(Slot) bool) {
		c := 0
		for start, end := range s.Cycles(from, to) {
			for _, r := range s.Roles {
				if !yield(Slot{Cycle: c, Role: r.Name, Start: start, End: end}) {
					return
				}
			}
			c++
		}
	}
}

// SlotList returns Slots as a slice.
func (s Spec) SlotList(from, to time.Time) []Slot {
	var out []Slot
	for sl := range s.Slots(from, to) {
		out = append(out, sl)
	}
	return out
}
