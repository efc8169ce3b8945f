package report

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/wellrested/oncall/metrics"
)

// WeeklyTrend draws pages per period as bars (metrics.Volume.ByPeriod), the baseline (the
// median) as a dashed line and the Theil-Sen trend line of tr. tr must describe the same
// counts (metrics.Report.PageTrend does); a zero tr is computed here with metrics.TrendOf at
// alpha 0.05. The title gives the slope, the Mann-Kendall p-value and the verdict.
func WeeklyTrend(counts []metrics.PeriodCount, tr metrics.Trend) ([]byte, error) {
	if len(counts) == 0 {
		return nil, fmt.Errorf("%w: no periods for the trend", ErrNoData)
	}
	ys := make([]float64, len(counts))
	for i, pc := range counts {
		if pc.Pages < 0 {
			return nil, fmt.Errorf("%w: period %d (%s) has %d pages", ErrInvalidData, i, pc.Label, pc.Pages)
		}
		ys[i] = float64(pc.Pages)
	}
	if tr.N == 0 {
		tr = metrics.TrendOf(ys, 0)
	}
	if tr.N != len(counts) {
		return nil, fmt.Errorf("%w: trend of %d periods for %d counts", ErrInvalidData, tr.N, len(counts))
	}
	unit := periodName(counts)
	p := newPlot(trendTitle(tr, unit))
	p.Y.Label.Text = "pages per " + unit
	top := 1.0
	for _, y := range ys {
		top = math.Max(top, y)
	}
	n := float64(len(counts))
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = -0.5, n-0.5, 0, top*1.08
	p.X.Tick.Marker = periodTicks(counts)
	p.Add(plotterFunc(func(c draw.Canvas, p *plot.Plot) {
		for i, y := range ys {
			fillRect(c, p, barBlue, float64(i)-0.38, float64(i)+0.38, 0, y)
		}
	}))
	leg := newLegend()
	if finite(float64(tr.Baseline)) {
		base := dashed(plotter.XYs{{X: -0.5, Y: float64(tr.Baseline)}, {X: n - 0.5, Y: float64(tr.Baseline)}}, grey)
		p.Add(base)
		leg.Add(fmt.Sprintf("baseline (median %.1f)", float64(tr.Baseline)), base)
	}
	if finite(float64(tr.Slope), float64(tr.Intercept)) {
		at := func(x float64) float64 { return float64(tr.Intercept) + float64(tr.Slope)*x }
		line, err := plotter.NewLine(plotter.XYs{{X: 0, Y: at(0)}, {X: n - 1, Y: at(n - 1)}})
		if err != nil {
			return nil, fmt.Errorf("%w: trend line: %w", ErrInvalidData, err)
		}
		line.Color = orange
		line.Width = vg.Points(2)
		p.Add(line)
		leg.Add("Theil-Sen trend", line)
	}
	leg.Add("pages", swatch(barBlue))
	return renderBeside(p, leg, wideWidth, 250)
}

func trendTitle(tr metrics.Trend, unit string) string {
	if !finite(float64(tr.Slope), float64(tr.P)) {
		return fmt.Sprintf("Pages per %s: %s", unit, tr.Verdict)
	}
	return fmt.Sprintf("Pages per %s: %+.2f per %s (Theil-Sen), Mann-Kendall p = %.3f: %s",
		unit, float64(tr.Slope), unit, float64(tr.P), tr.Verdict)
}

// periodName names the periods by their length: "day", "week" or "month" when they all are
// one (allowing for clock changes), "period" otherwise.
func periodName(counts []metrics.PeriodCount) string {
	names := []struct {
		name     string
		min, max time.Duration
	}{
		{"day", 23 * time.Hour, 25 * time.Hour},
		{"week", 167 * time.Hour, 169 * time.Hour},
		{"month", 28*24*time.Hour - time.Hour, 31*24*time.Hour + time.Hour},
	}
	for _, n := range names {
		all := true
		for _, pc := range counts {
			if d := pc.End.Sub(pc.Start); d < n.min || d > n.max {
				all = false
				break
			}
		}
		if all {
			return n.name
		}
	}
	return "period"
}

// dashed is a thin dashed line through pts, which the caller has checked are finite (the
// only thing NewLine checks).
func dashed(pts plotter.XYs, clr color.Color) *plotter.Line {
	l, _ := plotter.NewLine(pts)
	l.Color = clr
	l.Width = vg.Points(1.2)
	l.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	return l
}

// periodTicks labels about a dozen periods, evenly spaced, by their labels.
func periodTicks(counts []metrics.PeriodCount) plot.ConstantTicks {
	every := (len(counts) + 11) / 12
	var ts []plot.Tick
	for i, pc := range counts {
		label := ""
		if i%every == 0 {
			label = pc.Label
		}
		ts = append(ts, plot.Tick{Value: float64(i), Label: label})
	}
	return ts
}
