package report

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// ErrNoData reports a picture asked for with nothing to draw.
var ErrNoData = errors.New("report: nothing to plot")

// ErrInvalidData reports a value a picture cannot place: NaN, infinite, or a time span that
// ends before it starts.
var ErrInvalidData = errors.New("report: invalid data")

// ErrRender reports a failure inside the plotting library.
var ErrRender = errors.New("report: cannot render")

// Font sizes, in points. They are fixed rather than taken from gonum's package defaults so
// that a change of those defaults (or a program that sets them) cannot change our output.
const (
	titleSize = 12
	labelSize = 10
	tickSize  = 8.5
	noteSize  = 7.5
)

// Picture sizes, in points (1/72 inch). The HTML scales them to the page width.
const (
	wideWidth   = 720
	squareWidth = 360
)

// sans is the typeface of every text: Liberation Sans, bundled with gonum, whose metrics match
// Arial's, so a browser without Liberation lays the text out the same with the fallbacks that
// tidy adds.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// Colours. Chosen to stay apart for the common forms of colour blindness (blue against
// orange and red) and to print legibly in grey.
var (
	ink       = color.RGBA{R: 0x22, G: 0x22, B: 0x22, A: 0xff}
	grey      = color.RGBA{R: 0x88, G: 0x88, B: 0x88, A: 0xff}
	lightGrey = color.RGBA{R: 0xdd, G: 0xdd, B: 0xdd, A: 0xff}
	blue      = color.RGBA{R: 0x1f, G: 0x5a, B: 0x96, A: 0xff}
	orange    = color.RGBA{R: 0xe0, G: 0x8a, B: 0x1e, A: 0xff}
	red       = color.RGBA{R: 0xb2, G: 0x18, B: 0x2b, A: 0xff}
	// pageShade marks the time a page kept someone busy; sleepShade their habitual sleep.
	pageShade  = color.RGBA{R: 0xf4, G: 0xa5, B: 0x82, A: 0xff}
	sleepShade = color.RGBA{R: 0xe4, G: 0xea, B: 0xf4, A: 0xff}
)

// newPlot returns a plot with every text style set explicitly.
func newPlot(title string) *plot.Plot {
	p := plot.New()
	hdlr := text.Plain{Fonts: font.DefaultCache}
	p.TextHandler = hdlr
	p.Title.Text = title
	p.Title.Padding = vg.Points(8)
	p.Title.TextStyle = textStyle(hdlr, titleSize, draw.XCenter, draw.YTop)
	p.Legend = plot.NewLegend()
	// The legend lays out its entries from the text's full height: keep gonum's alignment.
	p.Legend.TextStyle = text.Style{Color: ink, Font: font.From(sans, labelSize), Handler: hdlr}
	p.Legend.Padding = vg.Points(2)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle = textStyle(hdlr, labelSize, draw.XCenter, draw.YBottom)
		a.Tick.Label.Font = font.From(sans, tickSize)
		a.Tick.Label.Handler = hdlr
		a.Tick.Label.Color = ink
		a.Tick.Length = vg.Points(4)
		a.LineStyle.Color = grey
		a.Tick.LineStyle.Color = grey
		a.Padding = vg.Points(2)
	}
	return p
}

func textStyle(hdlr text.Handler, size vg.Length, x draw.XAlignment, y draw.YAlignment) text.Style {
	return text.Style{Color: ink, Font: font.From(sans, size), XAlign: x, YAlign: y, Handler: hdlr}
}

// newLegend returns a legend drawn beside a plot rather than over its data.
func newLegend() plot.Legend {
	l := plot.NewLegend()
	l.TextStyle = text.Style{Color: ink, Font: font.From(sans, labelSize), Handler: text.Plain{Fonts: font.DefaultCache}}
	l.Padding = vg.Points(3)
	l.Left = true
	l.Top = true
	return l
}

// renderBeside draws p on the left of a w by h canvas and leg in a column on its right, level
// with the top of the data area, so the legend never hides data.
func renderBeside(p *plot.Plot, leg plot.Legend, w, h vg.Length) ([]byte, error) {
	return renderWith(w, h, func(c draw.Canvas) {
		width := leg.Rectangle(c).Size().X + vg.Points(12)
		p.Draw(draw.Crop(c, 0, -width, 0, 0))
		top := vg.Points(titleSize) * 2
		leg.Draw(draw.Crop(c, c.Size().X-width+vg.Points(8), 0, 0, -top))
	})
}

// render draws p on an SVG canvas of w by h points and returns the tidied document.
func render(p *plot.Plot, w, h vg.Length) (svg []byte, err error) {
	return renderWith(w, h, func(c draw.Canvas) { p.Draw(c) })
}

func renderWith(w, h vg.Length, drawOn func(draw.Canvas)) (svg []byte, err error) {
	defer func() {
		// The plotting library panics on some inputs it cannot draw; callers get an error.
		if r := recover(); r != nil {
			svg, err = nil, fmt.Errorf("%w: %v", ErrRender, r)
		}
	}()
	c := vgsvg.New(w, h)
	drawOn(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRender, err)
	}
	return tidy(buf.Bytes()), nil
}

// tidy drops the XML prolog and the generator comment, which have no place inside an HTML
// document, and gives the font a fallback list so that a viewer without Liberation Sans uses
// a face with the same metrics instead of its default serif.
func tidy(svg []byte) []byte {
	s := string(svg)
	if i := strings.Index(s, "<svg"); i > 0 {
		s = s[i:]
	}
	s = strings.ReplaceAll(s, "font-family:Liberation Sans;",
		"font-family:'Liberation Sans',Arimo,Arial,Helvetica,sans-serif;")
	return []byte(s)
}

// finite reports whether every x is a finite number.
func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// fillRect fills the data-space rectangle [x0, x1] × [y0, y1] of p on c.
func fillRect(c draw.Canvas, p *plot.Plot, clr color.Color, x0, x1, y0, y1 float64) {
	tx, ty := p.Transforms(&c)
	c.FillPolygon(clr, []vg.Point{
		{X: tx(x0), Y: ty(y0)}, {X: tx(x1), Y: ty(y0)},
		{X: tx(x1), Y: ty(y1)}, {X: tx(x0), Y: ty(y1)},
	})
}

// plotterFunc adapts a function to plot.Plotter.
type plotterFunc func(c draw.Canvas, p *plot.Plot)

func (f plotterFunc) Plot(c draw.Canvas, p *plot.Plot) { f(c, p) }

// hexColour writes c as #rrggbb, as the SVG writer does.
func hexColour(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}

// lorenzShade fills the area between a Lorenz curve and equality.
var lorenzShade = color.RGBA{R: 0xd6, G: 0xe4, B: 0xf2, A: 0xff}

// swatch is a legend thumbnail: a filled square.
type swatch color.RGBA

func (s swatch) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(color.RGBA(s), []vg.Point{
		{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y},
		{X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y},
	})
}

// barBlue fills bars.
var barBlue = color.RGBA{R: 0x8c, G: 0xb8, B: 0xe0, A: 0xff}
