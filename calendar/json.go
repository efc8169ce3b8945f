package calendar

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// MarshalText writes the window as "HH:MM-HH:MM".
func (w Window) MarshalText() ([]byte, error) { return []byte(w.String()), nil }

// UnmarshalText reads "HH:MM-HH:MM".
func (w *Window) UnmarshalText(b []byte) error {
	v, err := ParseWindow(string(b))
	if err != nil {
		return err
	}
	*w = v
	return nil
}

// ParseWeekdays reads a comma-separated list of day names ("Mon,Tue" or "monday,tuesday"),
// or a range "Mon-Fri".
func ParseWeekdays(s string) (Weekdays, error) {
	var w Weekdays
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if a, b, ok := strings.Cut(part, "-"); ok {
			from, err1 := parseWeekday(a)
			to, err2 := parseWeekday(b)
			if err1 != nil || err2 != nil {
				return 0, fmt.Errorf("calendar: weekdays %q: %w", s, ErrInvalidProfile)
			}
			for d := from; ; d = (d + 1) % 7 {
				w |= 1 << uint(d)
				if d == to {
					break
				}
			}
			continue
		}
		d, err := parseWeekday(part)
		if err != nil {
			return 0, fmt.Errorf("calendar: weekdays %q: %w", s, err)
		}
		w |= 1 << uint(d)
	}
	return w, nil
}

func parseWeekday(s string) (time.Weekday, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		if s == name || s == name[:3] {
			return d, nil
		}
	}
	return 0, fmt.Errorf("unknown day %q: %w", s, ErrInvalidProfile)
}

// MarshalText writes the days as "Mon,Tue,...".
func (w Weekdays) MarshalText() ([]byte, error) { return []byte(w.String()), nil }

// UnmarshalText reads what ParseWeekdays reads.
func (w *Weekdays) UnmarshalText(b []byte) error {
	v, err := ParseWeekdays(string(b))
	if err != nil {
		return err
	}
	*w = v
	return nil
}

// profileJSON is the JSON form of a Profile. Leave is written as instants; it is read either
// as instants ({"start","end"}) or as whole days in the profile's zone ({"from","to"},
// both inclusive).
type profileJSON struct {
	Zone         string      `json:"zone,omitempty"`
	WorkingDays  Weekdays    `json:"working_days,omitzero"`
	WorkingHours Window      `json:"working_hours,omitzero"`
	Sleep        Window      `json:"sleep,omitzero"`
	Region       string      `json:"region,omitempty"`
	Holidays     []Holiday   `json:"holidays,omitempty"`
	HalfDays     []HalfDay   `json:"half_days,omitempty"`
	Leave        []leaveJSON `json:"leave,omitempty"`
}

type leaveJSON struct {
	Start time.Time `json:"start,omitzero"`
	End   time.Time `json:"end,omitzero"`
	From  Date      `json:"from,omitzero"`
	To    Date      `json:"to,omitzero"`
}

// MarshalJSON writes the profile with the zone as its IANA name. HolidayRules, which are
// code, are not written.
func (p Profile) MarshalJSON() ([]byte, error) {
	j := profileJSON{
		WorkingDays: p.WorkingDays, WorkingHours: p.WorkingHours, Sleep: p.Sleep,
		Region: p.Region, Holidays: p.Holidays, HalfDays: p.HalfDays,
	}
	if p.Zone != nil {
		j.Zone = p.Zone.String()
	}
	for _, l := range p.Leave {
		j.Leave = append(j.Leave, leaveJSON{Start: l.Start, End: l.End})
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads the JSON form, rejecting unknown keys and unknown zone names.
func (p *Profile) UnmarshalJSON(b []byte) error {
	var j profileJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return fmt.Errorf("calendar: profile: %w", err)
	}
	q := Profile{
		WorkingDays: j.WorkingDays, WorkingHours: j.WorkingHours, Sleep: j.Sleep,
		Region: j.Region, Holidays: j.Holidays, HalfDays: j.HalfDays,
	}
	if j.Zone != "" {
		loc, err := time.LoadLocation(j.Zone)
		if err != nil {
			return fmt.Errorf("calendar: profile zone %q: %w: %w", j.Zone, ErrInvalidProfile, err)
		}
		q.Zone = loc
	}
	for i, l := range j.Leave {
		dates := !l.From.IsZero() || !l.To.IsZero()
		instants := !l.Start.IsZero() || !l.End.IsZero()
		switch {
		case dates && instants:
			return fmt.Errorf("calendar: profile leave %d: give start/end or from/to, not both: %w", i, ErrInvalidProfile)
		case dates:
			if l.From.IsZero() || l.To.IsZero() {
				return fmt.Errorf("calendar: profile leave %d: from and to are both required: %w", i, ErrInvalidProfile)
			}
			q.Leave = append(q.Leave, LeaveDays(l.From, l.To, q.Zone))
		default:
			q.Leave = append(q.Leave, Interval{Start: l.Start, End: l.End})
		}
	}
	*p = q
	return nil
}
