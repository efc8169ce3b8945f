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

	"github.com/wellrested/oncall/fatigue"
)

// KSS levels marked on the timeline: 7 is "sleepy, but no effort to stay awake"
// (fatigue.DefaultSleepyKSS), 8 "sleepy, some effort to stay awake", where the risk of
// incidents rises steeply.
const (
	SleepyKSS   = fatigue.DefaultSleepyKSS
	HighRiskKSS = 8
)

// DefaultStep is how often a KSS curve is sampled when KSSSeries.Step is zero.
const DefaultStep = 5 * time.Minute

// Span is a stretch of time [Start, End) to shade.
type Span struct {
	Start, End time.Time
}

// KSSSeries is one person's predicted sleepiness around a night page.
type KSSSeries struct {
	// Person names the person in the title.
	Person string
	// Zone is the person's zone, whose clock the time axis shows; nil means UTC.
	Zone *time.Location
	// From and To bound the picture.
	From, To time.Time
	// Step is the sampling interval of the curves; zero means DefaultStep.
	Step time.Duration
	// KSS is the predicted Karolinska Sleepiness Scale (1 to 9) with the pages, for instance
	// TrajectoryKSS of a fatigue.Forecast's Actual run.
	KSS func(time.Time) float64
	// Baseline is the same person after undisturbed nights; nil leaves it out.
	Baseline func(time.Time) float64
	// Pages are the stretches the person was busy with pages, shaded.
	Pages []Span
	// Sleep are the person's habitual sleep windows, shaded lightly; may be empty.
	Sleep []Span
}

// TrajectoryKSS reads the KSS of a fatigue trajectory as a function of time.
func TrajectoryKSS(tr *fatigue.Trajectory) func(time.Time) float64 {
	return func(t time.Time) float64 { return tr.At(t).KSS }
}

// KSSTimeline draws the predicted sleepiness of one person over [s.From, s.To], next to the
// undisturbed baseline when given, with the sleepy (7) and high-risk (8) levels as lines, the
// pages shaded and the habitual sleep windows shaded lightly.
func KSSTimeline(s KSSSeries) ([]byte, error) {
	if s.KSS == nil {
		return nil, fmt.Errorf("%w: no KSS curve for %s", ErrNoData, s.Person)
	}
	if !s.From.Before(s.To) {
		return nil, fmt.Errorf("%w: KSS timeline of %s from %s to %s", ErrInvalidData, s.Person,
			s.From.Format(time.RFC3339), s.To.Format(time.RFC3339))
	}
	zone := s.Zone
	if zone == nil {
		zone = time.UTC
	}
	step := s.Step
	if step <= 0 {
		step = DefaultStep
	}
	actual, err := sample(s.KSS, s.From, s.To, step)
	if err != nil {
		return nil, fmt.Errorf("KSS of %s: %w", s.Person, err)
	}
	p := newPlot(fmt.Sprintf("Predicted sleepiness of %s (%s)", s.Person, zone))
	p.Y.Label.Text = "KSS (1 alert … 9 fighting sleep)"
	// The model can pass 9 for a moment on waking (sleep inertia); the axis makes room.
	top := 9.0
	for _, xy := range actual {
		top = max(top, xy.Y)
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = unix(s.From), unix(s.To), 1, math.Ceil(top)
	p.X.Tick.Marker = clockTicks{zone: zone}
	p.Y.Tick.Marker = plot.ConstantTicks(kssTicks())
	p.Add(plotterFunc(func(c draw.Canvas, p *plot.Plot) {
		shadeSpans(c, p, s.Sleep, sleepShade)
		shadeSpans(c, p, s.Pages, pageShade)
	}))
	sleepy := levelLine(s.From, s.To, SleepyKSS, orange)
	risk := levelLine(s.From, s.To, HighRiskKSS, red)
	p.Add(sleepy, risk)
	leg := newLegend()
	if s.Baseline != nil {
		base, err := sample(s.Baseline, s.From, s.To, step)
		if err != nil {
			return nil, fmt.Errorf("baseline KSS of %s: %w", s.Person, err)
		}
		l, err := plotter.NewLine(base)
		if err != nil {
			return nil, fmt.Errorf("%w: baseline KSS of %s: %w", ErrInvalidData, s.Person, err)
		}
		l.Color = grey
		l.Width = vg.Points(1.2)
		l.Dashes = []vg.Length{vg.Points(3), vg.Points(2)}
		p.Add(l)
		leg.Add("undisturbed nights", l)
	}
	l, err := plotter.NewLine(actual)
	if err != nil {
		return nil, fmt.Errorf("%w: KSS of %s: %w", ErrInvalidData, s.Person, err)
	}
	l.Color = blue
	l.Width = vg.Points(1.8)
	p.Add(l)
	leg.Add("with the pages", l)
	leg.Add(fmt.Sprintf("KSS %d sleepy", SleepyKSS), sleepy)
	leg.Add(fmt.Sprintf("KSS %d high risk", HighRiskKSS), risk)
	leg.Add("page", swatch(pageShade))
	if len(s.Sleep) > 0 {
		leg.Add("habitual sleep", swatch(sleepShade))
	}
	return renderBeside(p, leg, wideWidth, 270)
}

// sample evaluates f every step from from to to (both included).
func sample(f func(time.Time) float64, from, to time.Time, step time.Duration) (plotter.XYs, error) {
	var xys plotter.XYs
	for t := from; ; t = t.Add(step) {
		if t.After(to) {
			t = to
		}
		v := f(t)
		if !finite(v) {
			return nil, fmt.Errorf("%w: %v at %s", ErrInvalidData, v, t.Format(time.RFC3339))
		}
		xys = append(xys, plotter.XY{X: unix(t), Y: v})
		if !t.Before(to) {
			return xys, nil
		}
	}
}

func kssTicks() []plot.Tick {
	ts := make([]plot.Tick, 9)
	for i := range ts {
		ts[i] = plot.Tick{Value: float64(i + 1), Label: fmt.Sprint(i + 1)}
	}
	return ts
}

// levelLine is a dashed horizontal line at y across [from, to]; its points are finite, the
// only thing NewLine checks.
func levelLine(from, to time.Time, y float64, clr color.RGBA) *plotter.Line {
	l, _ := plotter.NewLine(plotter.XYs{{X: unix(from), Y: y}, {X: unix(to), Y: y}})
	l.Color = clr
	l.Width = vg.Points(1)
	l.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	return l
}

// shadeSpans fills each span over the full height of the plot, clipped to the x range.
func shadeSpans(c draw.Canvas, p *plot.Plot, spans []Span, clr color.RGBA) {
	for _, sp := range spans {
		x0, x1 := max(unix(sp.Start), p.X.Min), min(unix(sp.End), p.X.Max)
		if x0 < x1 {
			fillRect(c, p, clr, x0, x1, p.Y.Min, p.Y.Max)
		}
	}
}
