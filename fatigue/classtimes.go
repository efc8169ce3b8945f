package fatigue

import (
	"iter"
	"time"

	"github.com/wellrested/oncall/calendar"
)

// inlineClasses is how many classes ClassTimes holds without a second allocation. An
// episode of a few hours crosses at most a couple of the day's boundaries (working hours,
// sleep window, midnight), so four covers nearly all of them.
const inlineClasses = 4

// ClassTimes is a duration per calendar class, like calendar.Breakdown, held compactly: a
// year of episodes each carrying a full Breakdown (one duration for each of the 24
// classes) costs far more memory than the few classes an episode touches. The zero
// ClassTimes is empty and ready to use.
type ClassTimes struct {
	n     uint8
	class [inlineClasses]calendar.Class // sorted, the first n in use
	d     [inlineClasses]time.Duration
	// more holds every class instead, once more than inlineClasses have a duration.
	more *calendar.Breakdown
}

// add adds d to class c, keeping the classes sorted; past inlineClasses classes it moves
// everything into a Breakdown.
func (ct *ClassTimes) add(c calendar.Class, d time.Duration) {
	if ct.more != nil {
		ct.more.Add(c, d)
		return
	}
	i := 0
	for i < int(ct.n) && ct.class[i] < c {
		i++
	}
	if i < int(ct.n) && ct.class[i] == c {
		ct.d[i] += d
		return
	}
	if int(ct.n) == inlineClasses {
		all := ct.Breakdown()
		all.Add(c, d)
		*ct = ClassTimes{more: &all}
		return
	}
	copy(ct.class[i+1:], ct.class[i:ct.n])
	copy(ct.d[i+1:], ct.d[i:ct.n])
	ct.class[i], ct.d[i] = c, d
	ct.n++
}

// Breakdown returns the durations as a calendar.Breakdown.
func (ct ClassTimes) Breakdown() calendar.Breakdown {
	if ct.more != nil {
		return *ct.more
	}
	var b calendar.Breakdown
	for i := range ct.n {
		b.Add(ct.class[i], ct.d[i])
	}
	return b
}

// All yields each class with a non-zero duration, in class order.
func (ct ClassTimes) All() iter.Seq2[calendar.Class, time.Duration] {
	if ct.more != nil {
		return ct.more.All()
	}
	return func(yield func(calendar.Class, time.Duration) bool) {
		for i := range ct.n {
			if !yield(ct.class[i], ct.d[i]) {
				return
			}
		}
	}
}

// Of returns the duration in exactly class c.
func (ct ClassTimes) Of(c calendar.Class) time.Duration {
	if ct.more != nil {
		return ct.more.Of(c)
	}
	for i := range ct.n {
		if ct.class[i] == c {
			return ct.d[i]
		}
	}
	return 0
}

// Band returns the duration in band x, whatever the flags.
func (ct ClassTimes) Band(x calendar.Band) time.Duration {
	if ct.more != nil {
		return ct.more.Band(x)
	}
	var s time.Duration
	for i := range ct.n {
		if ct.class[i].Band() == x {
			s += ct.d[i]
		}
	}
	return s
}

// With returns the duration whose class has all of flags f; With(0) is the total.
func (ct ClassTimes) With(f calendar.Flags) time.Duration {
	if ct.more != nil {
		return ct.more.With(f)
	}
	var s time.Duration
	for i := range ct.n {
		if ct.class[i].Has(f) {
			s += ct.d[i]
		}
	}
	return s
}

// anyOf returns the duration whose class has at least one of flags f.
func (ct ClassTimes) anyOf(f calendar.Flags) time.Duration {
	if ct.more != nil {
		return anyOfBreakdown(ct.more, f)
	}
	var s time.Duration
	for i := range ct.n {
		if ct.class[i].Flags()&f != 0 {
			s += ct.d[i]
		}
	}
	return s
}

func anyOfBreakdown(b *calendar.Breakdown, f calendar.Flags) time.Duration {
	var s time.Duration
	for i := range calendar.NumClasses {
		if c := calendar.Class(i); c.Flags()&f != 0 {
			s += b.Of(c)
		}
	}
	return s
}

// addTo adds the durations to b.
func (ct ClassTimes) addTo(b *calendar.Breakdown) {
	if ct.more != nil {
		b.Merge(*ct.more)
		return
	}
	for i := range ct.n {
		b.Add(ct.class[i], ct.d[i])
	}
}

// Total is the sum over all classes.
func (ct ClassTimes) Total() time.Duration { return ct.With(0) }

// MarshalJSON writes the non-zero classes as an object of class name to seconds, as
// calendar.Breakdown does.
func (ct ClassTimes) MarshalJSON() ([]byte, error) { return ct.Breakdown().MarshalJSON() }
