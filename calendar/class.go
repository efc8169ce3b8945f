package calendar

import (
	"iter"
	"strconv"
	"strings"
	"time"
)

// Band is the kind of hour: business, off or sleep.
type Band uint8

// The bands. Business hours are the person's working hours on their working days (not on
// holidays or leave); sleep hours are their habitual sleep window; everything else is off
// hours. Where the working window and the sleep window overlap, working hours win.
const (
	Business Band = iota
	Off
	Sleep
	numBands
)

// Bands lists the bands in order.
func Bands() []Band { return []Band{Business, Off, Sleep} }

// String returns "business", "off" or "sleep".
func (b Band) String() string {
	switch b {
	case Business:
		return "business"
	case Off:
		return "off"
	case Sleep:
		return "sleep"
	}
	return "band(" + strconv.Itoa(int(b)) + ")"
}

// Flags mark an instant as falling on a weekend, a holiday or leave. They are independent of
// the band: a 03:00 page on a Saturday is Sleep with FlagWeekend.
type Flags uint8

// The flags. FlagWeekend is a day outside the person's working days (local date); FlagHoliday
// a public, company or custom holiday or the afternoon of a half-day; FlagLeave personal leave.
const (
	FlagWeekend Flags = 1 << iota
	FlagHoliday
	FlagLeave
	allFlags = FlagWeekend | FlagHoliday | FlagLeave
)

// String lists the flags joined by "+", or "" for none.
func (f Flags) String() string {
	var parts []string
	if f&FlagWeekend != 0 {
		parts = append(parts, "weekend")
	}
	if f&FlagHoliday != 0 {
		parts = append(parts, "holiday")
	}
	if f&FlagLeave != 0 {
		parts = append(parts, "leave")
	}
	return strings.Join(parts, "+")
}

// Class is a band with its flags: the full answer to "what kind of time was this?".
type Class uint8

// NumClasses is the number of distinct classes (3 bands times 8 flag sets).
const NumClasses = int(numBands) * 8

// MakeClass combines a band and flags.
func MakeClass(b Band, f Flags) Class { return Class(uint8(b)<<3 | uint8(f&allFlags)) }

// Band returns the class's band.
func (c Class) Band() Band { return Band(c >> 3) }

// Flags returns the class's flags.
func (c Class) Flags() Flags { return Flags(c & 7) }

// Has reports whether all of f are set.
func (c Class) Has(f Flags) bool { return c.Flags()&f == f }

// String returns the band followed by its flags: "sleep+weekend+holiday".
func (c Class) String() string {
	if f := c.Flags(); f != 0 {
		return c.Band().String() + "+" + f.String()
	}
	return c.Band().String()
}

// MarshalText writes the class as String does.
func (c Class) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// Breakdown holds exact durations per Class. The zero Breakdown is empty and ready to use.
type Breakdown struct {
	d [NumClasses]time.Duration
}

// Add adds d to class c.
func (b *Breakdown) Add(c Class, d time.Duration) { b.d[c] += d }

// Merge adds every duration of o.
func (b *Breakdown) Merge(o Breakdown) {
	for i := range b.d {
		b.d[i] += o.d[i]
	}
}

// Of returns the duration in exactly class c.
func (b Breakdown) Of(c Class) time.Duration { return b.d[c] }

// Band returns the duration in band x, whatever the flags.
func (b Breakdown) Band(x Band) time.Duration {
	var s time.Duration
	for f := Flags(0); f <= allFlags; f++ {
		s += b.d[MakeClass(x, f)]
	}
	return s
}

// With returns the duration whose class has all of flags f (With(FlagWeekend) is all weekend
// time; With(0) is the total).
func (b Breakdown) With(f Flags) time.Duration {
	var s time.Duration
	for i, d := range b.d {
		if Class(i).Has(f) {
			s += d
		}
	}
	return s
}

// Total is the sum over all classes.
func (b Breakdown) Total() time.Duration { return b.With(0) }

// All yields each class with a non-zero duration, in class order.
func (b Breakdown) All() iter.Seq2[Class, time.Duration] {
	return func(yield func(Class, time.Duration) bool) {
		for i, d := range b.d {
			if d != 0 && !yield(Class(i), d) {
				return
			}
		}
	}
}

// MarshalJSON writes the non-zero classes as an object of class name to seconds.
func (b Breakdown) MarshalJSON() ([]byte, error) {
	var sb strings.Builder
	sb.WriteByte('{')
	first := true
	for c, d := range b.All() {
		if !first {
			sb.WriteByte(',')
		}
		first = false
		sb.WriteString(`"` + c.String() + `":`)
		sb.WriteString(formatSeconds(d))
	}
	sb.WriteByte('}')
	return []byte(sb.String()), nil
}

// Segment is a stretch of time with one class.
type Segment struct {
	Start time.Time
	End   time.Time
	Class Class
}

func formatSeconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64)
}
