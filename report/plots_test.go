package report

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/metrics"
)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	z, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// HourOfWeek reads each trigger on the clock of the zone asked for, whatever offset the time
// carries, across a change of clocks.
func TestHourOfWeekCountsInZone(t *testing.T) {
	lon, nyc := mustZone(t, "Europe/London"), mustZone(t, "America/New_York")
	pages := []oncall.Page{
		// Saturday 17 January 2026, 03:15 in London (GMT), written in New York time
		// (22:15 on the Friday there).
		{Triggered: time.Date(2026, 1, 16, 22, 15, 0, 0, nyc)},
		// 01:30 UTC on Sunday 29 March 2026 is 02:30 BST: the clocks went forward at 01:00 UTC.
		{Triggered: time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)},
		// 23:59 on Monday 2 February 2026, London.
		{Triggered: time.Date(2026, 2, 2, 23, 59, 0, 0, lon)},
	}
	n := HourOfWeek(pages, lon)
	want := map[[2]int]int{{5, 3}: 1, {6, 2}: 1, {0, 23}: 1}
	for d := range 7 {
		for h := range 24 {
			if n[d][h] != want[[2]int{d, h}] {
				t.Errorf("day %d hour %d: %d pages, want %d", d, h, n[d][h], want[[2]int{d, h}])
			}
		}
	}
	// The same pages in New York: Friday 22:00, Saturday 21:00, Monday 18:00.
	n = HourOfWeek(pages, nyc)
	if n[4][22] != 1 || n[5][21] != 1 || n[0][18] != 1 {
		t.Errorf("New York counts: Fri 22h %d, Sat 21h %d, Mon 18h %d; want 1 each", n[4][22], n[5][21], n[0][18])
	}
}

// With every page at 03:00 on a Saturday, that cell alone has the darkest colour and every
// other cell is empty; the cell sits in the fourth column and the sixth row from the top.
func TestHourOfWeekHeatmapPlacesCells(t *testing.T) {
	lon := mustZone(t, "Europe/London")
	var pages []oncall.Page
	for i := range 5 {
		pages = append(pages, oncall.Page{Triggered: time.Date(2026, 1, 17, 3, 10*i, 0, 0, lon)})
	}
	svg, err := HourOfWeekHeatmap(pages, lon)
	if err != nil {
		t.Fatal(err)
	}
	ms := parseSVG(t, svg)
	hot, empty := filled(ms, hexColour(heatHigh)), filled(ms, hexColour(heatEmpty))
	if len(hot) != 1 || len(empty) != 167 {
		t.Fatalf("%d darkest and %d empty cells, want 1 and 167", len(hot), len(empty))
	}
	cells := append(hot, empty...)
	var xs, ys []float64
	for _, c := range cells {
		x0, y0, _, _ := c.box()
		xs, ys = append(xs, x0), append(ys, y0)
	}
	cols, rows := distinct(xs), distinct(ys)
	if len(cols) != 24 || len(rows) != 7 {
		t.Fatalf("cells in %d columns and %d rows, want 24 and 7", len(cols), len(rows))
	}
	x0, y0, _, _ := hot[0].box()
	// The canvas is drawn with y upwards: rows sort bottom (Sunday) to top (Monday), so
	// Saturday is the second.
	if col := slices.Index(cols, math.Round(x0*100)/100); col != 3 {
		t.Errorf("hot cell in column %d, want 3 (03:00)", col)
	}
	if row := slices.Index(rows, math.Round(y0*100)/100); row != 1 {
		t.Errorf("hot cell in row %d from the bottom, want 1 (Saturday)", row)
	}
	if got := texts(ms); !slices.Contains(got, "5") || !strings.Contains(strings.Join(got, "|"), "darkest cell: 5") {
		t.Errorf("texts %q lack the count 5 and the title's maximum", got)
	}
}

// Colours run from heatLow for one page to heatHigh for the busiest cell, through heatMid
// half way.
func TestHeatColourScale(t *testing.T) {
	cases := []struct {
		n, max int
		want   string
	}{
		{0, 9, hexColour(heatEmpty)},
		{1, 9, hexColour(heatLow)},
		{5, 9, hexColour(heatMid)}, // (5-1)/(9-1) = 0.5
		{9, 9, hexColour(heatHigh)},
		{1, 1, hexColour(heatHigh)},
	}
	for _, c := range cases {
		if got := hexColour(heatColour(c.n, c.max)); got != c.want {
			t.Errorf("heatColour(%d, %d) = %s, want %s", c.n, c.max, got, c.want)
		}
	}
}

// Four people with 0, 1, 2 and 3 pages: the Lorenz curve has five points, at cumulative
// shares 0, 0, 1/6, 3/6 and 1 of the total 6, and the Gini index is the mean absolute
// difference (20/16) over twice the mean (3): 0.4167.
func TestLorenzMarksAndTitle(t *testing.T) {
	f, err := metrics.FairnessOf([]metrics.Value{{ID: "a", Value: 0}, {ID: "b", Value: 1}, {ID: "c", Value: 2}, {ID: "d", Value: 3}})
	if err != nil {
		t.Fatal(err)
	}
	svg, err := Lorenz(f, "pages")
	if err != nil {
		t.Fatal(err)
	}
	ms := parseSVG(t, svg)
	var circles []mark
	for _, m := range filled(ms, hexColour(blue)) {
		if m.Arc {
			circles = append(circles, m)
		}
	}
	if len(circles) != 5 {
		t.Fatalf("%d point marks, want 5 (people + 1)", len(circles))
	}
	// A circle's path starts at its rightmost point, level with its centre.
	lo, hi := circles[0].Points[0][1], circles[4].Points[0][1]
	want := []float64{0, 0, 1.0 / 6, 3.0 / 6, 1}
	for i, c := range circles {
		if got := (c.Points[0][1] - lo) / (hi - lo); !near(got, want[i], 1e-3) {
			t.Errorf("point %d at height %.4f of the axis, want %.4f", i, got, want[i])
		}
	}
	if !slices.Contains(texts(ms), "Lorenz curve of pages: Gini 0.42") {
		t.Errorf("title missing from %q", texts(ms))
	}
}

// Weekly counts 3, 5, 4, 8: four bars whose heights are in proportion to the counts, and a
// Theil-Sen slope that is the median of the six pairwise slopes 2, 0.5, 5/3, -1, 1.5 and 4,
// that is (1.5 + 5/3) / 2 = 1.583.
func TestWeeklyTrendBars(t *testing.T) {
	counts := []int{3, 5, 4, 8}
	var pcs []metrics.PeriodCount
	for i, n := range counts {
		pcs = append(pcs, metrics.PeriodCount{Label: "2026-W0" + string(rune('1'+i)), Pages: n})
	}
	svg, err := WeeklyTrend(pcs, metrics.Trend{})
	if err != nil {
		t.Fatal(err)
	}
	ms := parseSVG(t, svg)
	var bars []mark
	base := math.Inf(1)
	for _, m := range filled(ms, hexColour(barBlue)) {
		_, y0, _, _ := m.box()
		base = min(base, y0)
	}
	for _, m := range filled(ms, hexColour(barBlue)) {
		if _, y0, _, _ := m.box(); near(y0, base, 0.01) {
			bars = append(bars, m)
		}
	}
	if len(bars) != len(counts) {
		t.Fatalf("%d bars, want %d", len(bars), len(counts))
	}
	_, _, _, top := bars[3].box()
	for i, b := range bars {
		_, y0, _, y1 := b.box()
		if got, want := (y1-y0)/(top-base), float64(counts[i])/8; !near(got, want, 1e-3) {
			t.Errorf("bar %d is %.4f of the tallest, want %.4f", i, got, want)
		}
	}
	title := texts(ms)[0]
	if !strings.Contains(title, "+1.58 per period") {
		t.Errorf("title %q does not give the Theil-Sen slope +1.58", title)
	}
}

// Three shifts in a two-day window and one outside it: three bars (plus a legend swatch per
// role), each a day wide, the secondary's starting half way through the first primary's.
func TestScheduleTimelineBars(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	h := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Hour) }
	s := oncall.Schedule{
		{Responder: "ann", Role: "primary", Start: h(0), End: h(24)},
		{Responder: "bob", Role: "secondary", Start: h(12), End: h(36)},
		{Responder: "bob", Role: "primary", Start: h(24), End: h(48)},
		{Responder: "cat", Role: "primary", Start: h(48), End: h(72)},
	}
	svg, err := ScheduleTimeline(s, []string{"bob", "ann"}, map[string]string{"bob": "Bob B"}, h(0), h(48), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	ms := parseSVG(t, svg)
	prim, sec := filled(ms, hexColour(rolePalette[0])), filled(ms, hexColour(rolePalette[1]))
	if len(prim) != 3 || len(sec) != 2 {
		t.Fatalf("%d primary and %d secondary fills, want 3 and 2 (shifts + one legend swatch each)", len(prim), len(sec))
	}
	wide := func(ms []mark) []mark {
		var out []mark
		for _, m := range ms {
			if x0, _, x1, _ := m.box(); x1-x0 > 100 {
				out = append(out, m)
			}
		}
		return out
	}
	p, q := wide(prim), wide(sec)
	if len(p) != 2 || len(q) != 1 {
		t.Fatalf("%d primary and %d secondary bars, want 2 and 1", len(p), len(q))
	}
	a0, _, a1, _ := p[0].box()
	b0, _, b1, _ := q[0].box()
	if !near(a1-a0, b1-b0, 0.01) || !near(b0, (a0+a1)/2, 0.01) {
		t.Errorf("primary bar [%.2f, %.2f], secondary [%.2f, %.2f]: want equal widths, the second starting mid-way", a0, a1, b0, b1)
	}
	got := texts(ms)
	if !slices.Contains(got, "Bob B") || !slices.Contains(got, "ann") || slices.Contains(got, "cat") {
		t.Errorf("row labels %q: want Bob B and ann, not cat (outside the window)", got)
	}
}

// A linear KSS from 1 to 9 over six hours sampled hourly is a line of seven points; the
// sleepy line (7) sits three quarters of the way up it, the high-risk line (8) seven eighths,
// and the page shading covers the third hour.
func TestKSSTimelineGeometry(t *testing.T) {
	t0 := time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)
	kss := func(t time.Time) float64 { return 1 + 8*t.Sub(t0).Hours()/6 }
	s := KSSSeries{Person: "Ann", From: t0, To: t0.Add(6 * time.Hour), Step: time.Hour, KSS: kss,
		Pages: []Span{{Start: t0.Add(2 * time.Hour), End: t0.Add(3 * time.Hour)}}}
	svg, err := KSSTimeline(s)
	if err != nil {
		t.Fatal(err)
	}
	ms := parseSVG(t, svg)
	var curve *mark
	for _, m := range stroked(ms, hexColour(blue)) {
		if len(m.Points) == 7 {
			curve = &m
		}
	}
	if curve == nil {
		t.Fatal("no curve of seven points")
	}
	x0, y0 := curve.Points[0][0], curve.Points[0][1]
	x6, y6 := curve.Points[6][0], curve.Points[6][1]
	level := func(colour string) float64 {
		for _, m := range stroked(ms, colour) {
			if len(m.Points) == 2 && near(m.Points[0][1], m.Points[1][1], 1e-9) && m.Points[1][0]-m.Points[0][0] > 100 {
				return (m.Points[0][1] - y0) / (y6 - y0)
			}
		}
		t.Fatalf("no level line in %s", colour)
		return 0
	}
	if got := level(hexColour(orange)); !near(got, 6.0/8, 1e-3) {
		t.Errorf("KSS 7 line at %.4f of the curve's rise, want 0.75", got)
	}
	if got := level(hexColour(red)); !near(got, 7.0/8, 1e-3) {
		t.Errorf("KSS 8 line at %.4f of the curve's rise, want 0.875", got)
	}
	var shaded int
	for _, m := range filled(ms, hexColour(pageShade)) {
		a, _, b, _ := m.box()
		if near((a-x0)/(x6-x0), 2.0/6, 1e-3) && near((b-x0)/(x6-x0), 3.0/6, 1e-3) {
			shaded++
		}
	}
	if shaded != 1 {
		t.Errorf("%d page shadings over the third hour, want 1", shaded)
	}
}

// Periods are named by their length: ISO weeks are a week long, 167 or 169 hours across a
// change of clocks.
func TestPeriodName(t *testing.T) {
	lon := mustZone(t, "Europe/London")
	mon := time.Date(2026, 3, 23, 0, 0, 0, 0, lon)
	weeks := []metrics.PeriodCount{{Start: mon, End: mon.AddDate(0, 0, 7)}, {Start: mon.AddDate(0, 0, 7), End: mon.AddDate(0, 0, 14)}}
	if weeks[0].End.Sub(weeks[0].Start) != 167*time.Hour {
		t.Fatal("the week of 23 March 2026 should lose an hour in London")
	}
	if got := periodName(weeks); got != "week" {
		t.Errorf("weeks named %q", got)
	}
	feb := time.Date(2026, 2, 1, 0, 0, 0, 0, lon)
	if got := periodName([]metrics.PeriodCount{{Start: feb, End: feb.AddDate(0, 1, 0)}}); got != "month" {
		t.Errorf("February named %q", got)
	}
	if got := periodName([]metrics.PeriodCount{{Start: feb, End: feb.AddDate(0, 0, 3)}}); got != "period" {
		t.Errorf("three days named %q", got)
	}
}

func TestPlotErrors(t *testing.T) {
	t0 := time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)
	_, err := KSSTimeline(KSSSeries{Person: "Ann", From: t0, To: t0.Add(time.Hour),
		KSS: func(time.Time) float64 { return math.NaN() }})
	if !errors.Is(err, ErrInvalidData) || !strings.Contains(err.Error(), "Ann") {
		t.Errorf("NaN KSS: %v, want ErrInvalidData naming Ann", err)
	}
	if _, err := KSSTimeline(KSSSeries{From: t0, To: t0, KSS: func(time.Time) float64 { return 3 }}); !errors.Is(err, ErrInvalidData) {
		t.Errorf("empty window: %v, want ErrInvalidData", err)
	}
	if _, err := HourOfWeekHeatmap(nil, nil); !errors.Is(err, ErrNoData) {
		t.Errorf("no pages: %v, want ErrNoData", err)
	}
	if _, err := Lorenz(metrics.Fairness{}, "pages"); !errors.Is(err, ErrNoData) {
		t.Errorf("no Lorenz points: %v, want ErrNoData", err)
	}
	bad := metrics.Fairness{Lorenz: []metrics.LorenzPoint{{Population: 0, Share: 0}, {Population: 1, Share: metrics.NaN()}}}
	if _, err := Lorenz(bad, "pages"); !errors.Is(err, ErrInvalidData) || !strings.Contains(err.Error(), "point 1") {
		t.Errorf("NaN Lorenz point: %v, want ErrInvalidData naming point 1", err)
	}
	s := oncall.Schedule{{Responder: "ann", Role: "primary", Start: t0, End: t0.Add(-time.Hour)}}
	if _, err := ScheduleTimeline(s, nil, nil, t0.Add(-time.Hour), t0, nil); !errors.Is(err, ErrInvalidData) || !strings.Contains(err.Error(), "shift 0") {
		t.Errorf("reversed shift: %v, want ErrInvalidData naming shift 0", err)
	}
	if _, err := WeeklyTrend([]metrics.PeriodCount{{Label: "w", Pages: -1}}, metrics.Trend{}); !errors.Is(err, ErrInvalidData) {
		t.Errorf("negative count: %v, want ErrInvalidData", err)
	}
	if _, err := WeeklyTrend([]metrics.PeriodCount{{Pages: 1}, {Pages: 2}}, metrics.Trend{N: 5}); !errors.Is(err, ErrInvalidData) {
		t.Errorf("trend of other counts: %v, want ErrInvalidData", err)
	}
}

// Every picture gives the same bytes when drawn twice.
func TestPlotsDeterministic(t *testing.T) {
	lon := mustZone(t, "Europe/London")
	t0 := time.Date(2026, 3, 28, 12, 0, 0, 0, lon) // across the spring clock change
	var pages []oncall.Page
	for i := range 40 {
		pages = append(pages, oncall.Page{Triggered: t0.Add(time.Duration(i*7919) * time.Second)})
	}
	f, _ := metrics.FairnessOf([]metrics.Value{{ID: "a", Value: 4}, {ID: "b", Value: 9}, {ID: "c", Value: 1}})
	s := oncall.Schedule{{Responder: "a", Role: "primary", Start: t0, End: t0.Add(30 * time.Hour)},
		{Responder: "b", Role: "secondary", Start: t0, End: t0.Add(48 * time.Hour)}}
	k := KSSSeries{Person: "a", Zone: lon, From: t0, To: t0.Add(36 * time.Hour),
		KSS: func(t time.Time) float64 { return 5 + 3*math.Sin(t.Sub(t0).Hours()/4) }}
	draws := map[string]func() ([]byte, error){
		"heatmap": func() ([]byte, error) { return HourOfWeekHeatmap(pages, lon) },
		"lorenz":  func() ([]byte, error) { return Lorenz(f, "pages") },
		"trend": func() ([]byte, error) {
			return WeeklyTrend([]metrics.PeriodCount{{Pages: 2}, {Pages: 7}, {Pages: 4}}, metrics.Trend{})
		},
		"schedule": func() ([]byte, error) { return ScheduleTimeline(s, nil, nil, t0, t0.Add(48*time.Hour), lon) },
		"kss":      func() ([]byte, error) { return KSSTimeline(k) },
	}
	for name, draw := range draws {
		a, err := draw()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b, _ := draw()
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two drawings differ", name)
		}
		parseSVG(t, a)
	}
}
