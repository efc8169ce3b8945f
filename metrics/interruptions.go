package metrics

import (
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// Interruptions marks which of one responder's notifications interrupted them: the first,
// and each later one triggered more than window after the last one marked. A burst of
// repeats (a flapping alert, a re-notification) is one interruption, as PagerDuty counts
// them (window 60 s). A window of zero or less marks every page. times must be sorted.
func Interruptions(times []time.Time, window time.Duration) []bool {
	out := make([]bool, len(times))
	var last time.Time
	for i, t := range times {
		if i == 0 || window <= 0 || t.Sub(last) > window {
			out[i], last = true, t
		}
	}
	return out
}

// sleepInterruptions marks, per page, the interruptions (see Interruptions) that fell in the
// responder's sleep hours. Each responder's pages are walked in trigger order.
func (pp *prepared) sleepInterruptions(classes []calendar.Class, window time.Duration) []bool {
	out := make([]bool, len(pp.trig))
	w := int64(window)
	for _, idx := range pp.byResp {
		last := int64(0)
		for k, i := range idx {
			t := pp.trig[i]
			if k > 0 && w > 0 && t-last <= w {
				continue
			}
			last = t
			out[i] = classes[i].Band() == calendar.Sleep
		}
	}
	return out
}

// pageTimes are the trigger times of pages, for Interruptions.
func pageTimes(ps []oncall.Page) []time.Time {
	out := make([]time.Time, len(ps))
	for i, p := range ps {
		out[i] = p.Triggered
	}
	return out
}
