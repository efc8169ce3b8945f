package report

import (
	"time"

	"gonum.org/v1/plot"
)

// unix places an instant on a time axis: seconds since 1970, as a float.
func unix(t time.Time) float64 { return float64(t.UnixNano()) / 1e9 }

// clockTicks marks a time axis at local clock times in zone, at a step that suits the span:
// every 3 or 6 hours for a day or two, midnights for a fortnight, Mondays for a few months,
// first days of months beyond. Steps follow the local clock, so ticks stay on the hour
// across a change of clocks.
type clockTicks struct{ zone *time.Location }

func (ct clockTicks) Ticks(lo, hi float64) []plot.Tick {
	from := time.Unix(int64(lo), 0).In(ct.zone)
	to := time.Unix(int64(hi)+1, 0).In(ct.zone)
	span := to.Sub(from)
	var ts []plot.Tick
	add := func(t time.Time, label string) {
		if v := unix(t); v >= lo && v <= hi {
			ts = append(ts, plot.Tick{Value: v, Label: label})
		}
	}
	day := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, ct.zone)
	switch {
	case span <= 80*time.Hour:
		step := 6
		if span <= 30*time.Hour {
			step = 3
		}
		for d := day; d.Before(to); d = d.AddDate(0, 0, 1) {
			for h := 0; h < 24; h += step {
				t := time.Date(d.Year(), d.Month(), d.Day(), h, 0, 0, 0, ct.zone)
				label := t.Format("15:04")
				if h == 0 {
					label = t.Format("Mon 2 Jan")
				}
				add(t, label)
			}
		}
	case span <= 16*24*time.Hour:
		for d := day; d.Before(to); d = d.AddDate(0, 0, 1) {
			add(d, d.Format("Mon 2"))
		}
	case span <= 120*24*time.Hour:
		for d := day; d.Before(to); d = d.AddDate(0, 0, 1) {
			if d.Weekday() == time.Monday {
				add(d, d.Format("2 Jan"))
			}
		}
	default:
		for d := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, ct.zone); d.Before(to); d = d.AddDate(0, 1, 0) {
			add(d, d.Format("Jan 06"))
		}
	}
	return ts
}
