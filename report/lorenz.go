package report

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/wellrested/oncall/metrics"
)

// Lorenz draws the Lorenz curve of f (see metrics.FairnessOf) against the line of equality,
// with the Gini index in the title. quantity names what was shared ("pages", "burden"). Each
// point of the curve is marked: with n people there are n+1 marks, from (0, 0) to (1, 1).
func Lorenz(f metrics.Fairness, quantity string) ([]byte, error) {
	if len(f.Lorenz) < 2 {
		return nil, fmt.Errorf("%w: Lorenz curve of %s has %d points", ErrNoData, quantity, len(f.Lorenz))
	}
	pts := make(plotter.XYs, len(f.Lorenz))
	for i, lp := range f.Lorenz {
		x, y := float64(lp.Population), float64(lp.Share)
		if !finite(x, y) || x < 0 || x > 1 || y < 0 || y > 1 {
			return nil, fmt.Errorf("%w: Lorenz point %d is (%v, %v), outside [0, 1]", ErrInvalidData, i, x, y)
		}
		pts[i] = plotter.XY{X: x, Y: y}
	}
	title := fmt.Sprintf("Lorenz curve of %s: Gini %.2f", quantity, float64(f.Gini))
	if f.Gini.IsNaN() {
		title = fmt.Sprintf("Lorenz curve of %s", quantity)
	}
	p := newPlot(title)
	p.X.Label.Text = "share of people, least loaded first"
	p.Y.Label.Text = "share of " + quantity
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.X.Tick.Marker = fractionTicks{}
	p.Y.Tick.Marker = fractionTicks{}

	equal, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRender, err)
	}
	equal.Color = grey
	equal.Width = vg.Points(1)
	equal.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}

	curve, marks, err := plotter.NewLinePoints(pts)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidData, err)
	}
	curve.Color = blue
	curve.Width = vg.Points(1.5)
	marks.Shape = draw.CircleGlyph{}
	marks.Color = blue
	marks.Radius = vg.Points(2.5)

	p.Add(plotterFunc(func(c draw.Canvas, p *plot.Plot) { fillBetween(c, p, pts) }), equal, curve, marks)
	p.Legend.Add("equal shares", equal)
	p.Legend.Add(quantity, curve)
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.XOffs = vg.Points(8)
	return render(p, squareWidth, squareWidth)
}

// fillBetween shades the area between the curve and the line of equality, whose size the
// Gini index measures (it is twice that area).
func fillBetween(c draw.Canvas, p *plot.Plot, pts plotter.XYs) {
	tx, ty := p.Transforms(&c)
	poly := make([]vg.Point, 0, len(pts)+1)
	for _, pt := range pts {
		poly = append(poly, vg.Point{X: tx(pt.X), Y: ty(pt.Y)})
	}
	c.FillPolygon(lorenzShade, poly)
}

// fractionTicks marks 0, 0.25, ..., 1 as percentages.
type fractionTicks struct{}

func (fractionTicks) Ticks(_, _ float64) []plot.Tick {
	var ts []plot.Tick
	for i := 0; i <= 4; i++ {
		v := float64(i) / 4
		ts = append(ts, plot.Tick{Value: v, Label: fmt.Sprintf("%d%%", i*25)})
	}
	return ts
}
