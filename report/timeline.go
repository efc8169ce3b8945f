package report

import (
	"cmp"
	"fmt"
	"image/color"
	"slices"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/wellrested/oncall"
)

// rolePalette colours roles in the order of Schedule.Roles (sorted names, so primary before
// secondary), repeating after the last.
var rolePalette = []color.RGBA{
	{R: 0x1f, G: 0x5a, B: 0x96, A: 0xff},
	{R: 0x8c, G: 0xb8, B: 0xe0, A: 0xff},
	{R: 0xe0, G: 0x8a, B: 0x1e, A: 0xff},
	{R: 0x5a, G: 0xa0, B: 0x5a, A: 0xff},
	{R: 0x8e, G: 0x6a, B: 0xb4, A: 0xff},
}

// ScheduleTimeline draws who held which role when: one row per person (in the order of
// people, then anyone else in the schedule by ID), one bar per shift coloured by role, over
// [from, to) on the clock of zone (nil means UTC). Shifts are clipped to the window; those
// outside it are left out. names maps IDs to display names; an ID without one is shown as
// it is. When a person holds several roles, each role has its own band within the row.
func ScheduleTimeline(s oncall.Schedule, people []string, names map[string]string, from, to time.Time, zone *time.Location) ([]byte, error) {
	if !from.Before(to) {
		return nil, fmt.Errorf("%w: schedule window from %s to %s", ErrInvalidData,
			from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	for i, sh := range s {
		if !sh.Start.Before(sh.End) {
			return nil, fmt.Errorf("%w: shift %d of %s ends before it starts", ErrInvalidData, i, sh.Responder)
		}
	}
	shown := clip(s, from, to)
	if len(shown) == 0 {
		return nil, fmt.Errorf("%w: no shifts between %s and %s", ErrNoData,
			from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	if zone == nil {
		zone = time.UTC
	}
	rows := rowOrder(shown, people)
	roles := shown.Roles()
	p := newPlot("On-call schedule")
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = unix(from), unix(to), 0, float64(len(rows))
	p.X.Tick.Marker = clockTicks{zone: zone}
	p.Y.Tick.Marker = nameTicks(rows, names)
	p.Y.Padding = 0
	p.Add(plotterFunc(func(c draw.Canvas, p *plot.Plot) { drawShifts(c, p, shown, rows, roles) }))
	for i, r := range roles {
		p.Legend.Add(r, swatch(rolePalette[i%len(rolePalette)]))
	}
	p.Legend.Top = true
	p.Legend.YOffs = 18 // above the data area, beside the title
	return render(p, wideWidth, vg.Length(70+22*len(rows)))
}

// clip returns the shifts overlapping [from, to), cut to it.
func clip(s oncall.Schedule, from, to time.Time) oncall.Schedule {
	var out oncall.Schedule
	for _, sh := range s {
		if sh.End.After(from) && sh.Start.Before(to) {
			if sh.Start.Before(from) {
				sh.Start = from
			}
			if sh.End.After(to) {
				sh.End = to
			}
			out = append(out, sh)
		}
	}
	return out
}

// rowOrder is people that appear in s, in the given order, then the others by ID. The first
// row is drawn at the top.
func rowOrder(s oncall.Schedule, people []string) []string {
	in := map[string]bool{}
	for _, sh := range s {
		in[sh.Responder] = true
	}
	var rows []string
	for _, id := range people {
		if in[id] {
			rows = append(rows, id)
			delete(in, id)
		}
	}
	var rest []string
	for id := range in {
		rest = append(rest, id)
	}
	slices.SortFunc(rest, cmp.Compare)
	return append(rows, rest...)
}

// drawShifts fills one bar per shift: row r of n is the band [n-r-1, n-r), split between roles.
func drawShifts(c draw.Canvas, p *plot.Plot, s oncall.Schedule, rows, roles []string) {
	n := len(rows)
	band := 0.8 / float64(len(roles))
	for _, sh := range s {
		r := slices.Index(rows, sh.Responder)
		k := slices.Index(roles, sh.Role)
		y0 := float64(n-r-1) + 0.1 + band*float64(len(roles)-k-1)
		fillRect(c, p, rolePalette[k%len(rolePalette)], unix(sh.Start), unix(sh.End), y0, y0+band)
	}
}

// nameTicks labels the rows with display names.
func nameTicks(rows []string, names map[string]string) plot.ConstantTicks {
	ts := make(plot.ConstantTicks, len(rows))
	for i, id := range rows {
		label := id
		if n := names[id]; n != "" {
			label = n
		}
		ts[i] = plot.Tick{Value: float64(len(rows)-i) - 0.5, Label: label}
	}
	return ts
}
