package calendar

import "time"

// WorkStarts returns, in order, every instant in (start, end) at which the person's business
// hours begin after time that was not business hours: the answers NextWorkdayStart gives
// for the instants in [start, end), found in one walk. For every t in [start, end),
// NextWorkdayStart(t) is the first of them after t, when there is one.
//
// Code that asks NextWorkdayStart about many instants of the same stretch of time (every
// episode of a year, say) can ask for the stretch once and search the result.
func (c *Calendar) WorkStarts(start, end time.Time) ([]time.Time, error) {
	if err := checkInterval(start, end); err != nil {
		return nil, err
	}
	var out []time.Time
	wasBusiness, first := false, true
	c.walk(start.UnixNano(), end.UnixNano(), func(s, _ int64, cl Class) bool {
		isB := cl.Band() == Business
		if isB && !wasBusiness && !first {
			out = append(out, time.Unix(0, s).In(c.p.Zone))
		}
		wasBusiness, first = isB, false
		return true
	})
	return out, nil
}

// SplitFunc calls fn with the class and duration of each stretch of [start, end) that has
// one class, in order, as SplitInto counts them (neighbouring stretches may share a class).
// It lets a caller keep only the classes an interval touches, where a Breakdown holds all.
func (cu *Cursor) SplitFunc(start, end time.Time, fn func(Class, time.Duration)) error {
	if err := checkInterval(start, end); err != nil {
		return err
	}
	cu.w.run(start.UnixNano(), end.UnixNano(), func(s, e int64, cl Class) bool {
		fn(cl, time.Duration(e-s))
		return true
	})
	return nil
}
