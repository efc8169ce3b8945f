package report

import (
	"fmt"
	"image/color"
	"strconv"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/wellrested/oncall"
)

// HourOfWeek counts pages by the weekday and hour of their trigger in zone (nil means UTC),
// Monday first.
func HourOfWeek(pages []oncall.Page, zone *time.Location) [7][24]int {
	if zone == nil {
		zone = time.UTC
	}
	var n [7][24]int
	for _, pg := range pages {
		t := pg.Triggered.In(zone)
		n[mondayFirst(t.Weekday())][t.Hour()]++
	}
	return n
}

// mondayFirst numbers the days of the week from Monday (0) to Sunday (6), as ISO 8601 does.
func mondayFirst(d time.Weekday) int { return (int(d) + 6) % 7 }

// Heatmap colours. An empty cell is a neutral grey, apart from the scale, so that "no pages"
// never reads as "a few"; filled cells run from heatLow (one page) to heatHigh (the busiest
// cell).
var (
	heatEmpty = color.RGBA{R: 0xf2, G: 0xf2, B: 0xf2, A: 0xff}
	heatLow   = color.RGBA{R: 0xfe, G: 0xe8, B: 0xc8, A: 0xff}
	heatMid   = color.RGBA{R: 0xf0, G: 0x7a, B: 0x3c, A: 0xff}
	heatHigh  = color.RGBA{R: 0x7f, G: 0x00, B: 0x1e, A: 0xff}
)

// heatColour is the colour of a cell with n pages when the busiest has max.
func heatColour(n, top int) color.Color {
	switch {
	case n <= 0:
		return heatEmpty
	case n >= top:
		return heatHigh
	}
	f := float64(n-1) / float64(top-1)
	if f < 0.5 {
		return mix(heatLow, heatMid, 2*f)
	}
	return mix(heatMid, heatHigh, 2*f-1)
}

// mix interpolates linearly from a to b.
func mix(a, b color.RGBA, f float64) color.RGBA {
	lerp := func(x, y uint8) uint8 { return uint8(float64(x) + f*(float64(y)-float64(x)) + 0.5) }
	return color.RGBA{R: lerp(a.R, b.R), G: lerp(a.G, b.G), B: lerp(a.B, b.B), A: 0xff}
}

// HourOfWeekHeatmap draws the pages by weekday (rows, Monday at the top) and hour of their
// trigger (columns) in zone (nil means UTC): 168 cells, each labelled with its count when it
// has any. The zone is named in the title because the same pages give a different picture in
// another zone.
func HourOfWeekHeatmap(pages []oncall.Page, zone *time.Location) ([]byte, error) {
	if len(pages) == 0 {
		return nil, fmt.Errorf("%w: no pages for the hour-of-week heatmap", ErrNoData)
	}
	if zone == nil {
		zone = time.UTC
	}
	counts := HourOfWeek(pages, zone)
	top := 0
	for _, row := range counts {
		for _, n := range row {
			top = max(top, n)
		}
	}
	p := newPlot(fmt.Sprintf("Pages by hour of the week (%s); darkest cell: %d", zone, top))
	p.X.Label.Text = "hour the page arrived"
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 24, 0, 7
	p.X.Tick.Marker = hourTicks{}
	p.Y.Tick.Marker = dayTicks{}
	p.X.Padding, p.Y.Padding = 0, 0
	p.Add(plotterFunc(func(c draw.Canvas, p *plot.Plot) { drawCells(c, p, counts, top) }))
	return render(p, wideWidth, 260)
}

// drawCells fills one cell per weekday and hour, Monday in the top row, and writes the count.
func drawCells(c draw.Canvas, p *plot.Plot, counts [7][24]int, top int) {
	tx, ty := p.Transforms(&c)
	const gap = 0.04 // of a cell, so neighbouring cells of one colour stay apart
	label := textStyle(p.TextHandler, noteSize, draw.XCenter, draw.YCenter)
	for d, row := range counts {
		y := float64(6 - d)
		for h, n := range row {
			x := float64(h)
			fillRect(c, p, heatColour(n, top), x+gap, x+1-gap, y+gap, y+1-gap)
			if n == 0 {
				continue
			}
			label.Color = ink
			if 2*n > top {
				label.Color = color.White
			}
			c.FillText(label, vg.Point{X: tx(x + 0.5), Y: ty(y + 0.5)}, strconv.Itoa(n))
		}
	}
}

// hourTicks labels every third hour at the start of its column.
type hourTicks struct{}

func (hourTicks) Ticks(_, _ float64) []plot.Tick {
	var ts []plot.Tick
	for h := 0; h <= 24; h += 3 {
		ts = append(ts, plot.Tick{Value: float64(h), Label: fmt.Sprintf("%02d:00", h)})
	}
	return ts
}

// dayTicks names the rows, Monday at the top.
type dayTicks struct{}

func (dayTicks) Ticks(_, _ float64) []plot.Tick {
	days := []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	ts := make([]plot.Tick, len(days))
	for d, name := range days {
		ts[d] = plot.Tick{Value: float64(6-d) + 0.5, Label: name}
	}
	return ts
}
