package oncall

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"slices"
	"time"
)

// Shift is one responder holding one role over [Start, End).
type Shift struct {
	Responder string    `json:"responder"`
	Role      string    `json:"role"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
}

// Duration is End - Start.
func (s Shift) Duration() time.Duration { return s.End.Sub(s.Start) }

// Contains reports whether t falls in [Start, End).
func (s Shift) Contains(t time.Time) bool { return !t.Before(s.Start) && t.Before(s.End) }

// Validate reports everything wrong with the shift, joined, each a *FieldError.
func (s Shift) Validate() error {
	var errs []error
	if s.Responder == "" {
		errs = append(errs, &FieldError{Field: "responder", Err: ErrMissing})
	}
	if s.Role == "" {
		errs = append(errs, &FieldError{Field: "role", Err: ErrMissing})
	}
	switch {
	case s.Start.IsZero():
		errs = append(errs, &FieldError{Field: "start", Err: ErrMissing})
	case s.End.IsZero():
		errs = append(errs, &FieldError{Field: "end", Err: ErrMissing})
	case !s.End.After(s.Start):
		errs = append(errs, &FieldError{Field: "end", Value: formatTime(s.End), Err: fmt.Errorf("%w %s", ErrEndBeforeStart, formatTime(s.Start))})
	}
	return errors.Join(errs...)
}

// Schedule is a list of shifts. Sort puts it in its canonical order: by start, then role,
// then responder, then end.
type Schedule []Shift

func compareShifts(a, b Shift) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Role, b.Role); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Responder, b.Responder); c != 0 {
		return c
	}
	return a.End.Compare(b.End)
}

// Sort sorts the schedule into canonical order, in place.
func (s Schedule) Sort() { slices.SortStableFunc(s, compareShifts) }

// All yields the shifts in their current order.
func (s Schedule) All() iter.Seq[Shift] { return slices.Values(s) }

// Validate checks every shift and reports each problem as a *ShiftError, joined.
func (s Schedule) Validate() error {
	var errs []error
	for i, sh := range s {
		if err := sh.Validate(); err != nil {
			errs = append(errs, &ShiftError{Index: i, Shift: sh, Err: err})
		}
	}
	return errors.Join(errs...)
}

// ShiftError is a problem with the shift at Index of a schedule.
type ShiftError struct {
	Index int
	Shift Shift
	Err   error
}

// Error implements error.
func (e *ShiftError) Error() string {
	return fmt.Sprintf("shift %d (%s as %s): %v", e.Index, e.Shift.Responder, e.Shift.Role, e.Err)
}

// Unwrap returns the underlying error.
func (e *ShiftError) Unwrap() error { return e.Err }

// Roles returns the distinct role names in the schedule, sorted.
func (s Schedule) Roles() []string {
	var rs []string
	for _, sh := range s {
		rs = append(rs, sh.Role)
	}
	slices.Sort(rs)
	return slices.Compact(rs)
}

// OnCall returns the shifts of role covering instant t (normally one).
func (s Schedule) OnCall(role string, t time.Time) []Shift {
	var out []Shift
	for _, sh := range s {
		if sh.Role == role && sh.Contains(t) {
			out = append(out, sh)
		}
	}
	return out
}

// Gap is a stretch of [from, to) in which a role has nobody on call.
type Gap struct {
	Role  string    `json:"role"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Gaps returns, for one role, every stretch of [from, to) that no shift of that role covers,
// in order. Shifts with End not after Start are ignored.
func (s Schedule) Gaps(role string, from, to time.Time) []Gap {
	var ivs [][2]time.Time
	for _, sh := range s {
		if sh.Role == role && sh.End.After(sh.Start) {
			ivs = append(ivs, [2]time.Time{sh.Start, sh.End})
		}
	}
	slices.SortFunc(ivs, func(a, b [2]time.Time) int { return a[0].Compare(b[0]) })
	var gaps []Gap
	cursor := from
	for _, iv := range ivs {
		if !iv[1].After(cursor) {
			continue
		}
		if !iv[0].Before(to) {
			break
		}
		if iv[0].After(cursor) {
			gaps = append(gaps, Gap{Role: role, Start: cursor, End: iv[0]})
		}
		cursor = iv[1]
	}
	if cursor.Before(to) {
		gaps = append(gaps, Gap{Role: role, Start: cursor, End: to})
	}
	return gaps
}

// OverlapKind says why two shifts clash.
type OverlapKind string

// The kinds of overlap.
const (
	// SameRole: two shifts of one role overlap, so the role has two people at once.
	SameRole OverlapKind = "same-role"
	// SamePerson: one person holds two shifts at once (in the same or different roles).
	SamePerson OverlapKind = "same-person"
)

// Overlap is a clash between shifts A and B (indexes into the schedule) over [Start, End).
type Overlap struct {
	Kind  OverlapKind `json:"kind"`
	A     int         `json:"a"`
	B     int         `json:"b"`
	Start time.Time   `json:"start"`
	End   time.Time   `json:"end"`
}

// Overlaps returns every pair of shifts that overlap in time and share a role or a person.
// Touching shifts (one ends when the next starts) do not overlap. A < B are indexes into s;
// the result is sorted by Start, then A, then B, then Kind.
func (s Schedule) Overlaps() []Overlap {
	idx := make([]int, len(s))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return compareShifts(s[a], s[b]) })
	var out []Overlap
	for x, i := range idx {
		for _, j := range idx[x+1:] {
			a, b := s[i], s[j]
			if !b.Start.Before(a.End) {
				// Sorted by start: no later shift can overlap a, unless a later one is longer;
				// keep scanning only while starts are before a's end.
				break
			}
			if !b.End.After(b.Start) || !a.End.After(a.Start) {
				continue
			}
			start, end := b.Start, a.End
			if b.End.Before(end) {
				end = b.End
			}
			if !end.After(start) {
				continue
			}
			lo, hi := min(i, j), max(i, j)
			if a.Role == b.Role {
				out = append(out, Overlap{Kind: SameRole, A: lo, B: hi, Start: start, End: end})
			}
			if a.Responder == b.Responder {
				out = append(out, Overlap{Kind: SamePerson, A: lo, B: hi, Start: start, End: end})
			}
		}
	}
	slices.SortFunc(out, func(x, y Overlap) int {
		if c := x.Start.Compare(y.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(x.A, y.A); c != 0 {
			return c
		}
		if c := cmp.Compare(x.B, y.B); c != 0 {
			return c
		}
		return cmp.Compare(x.Kind, y.Kind)
	})
	return out
}
