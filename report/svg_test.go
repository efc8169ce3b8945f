package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// mark is one drawn element of an SVG: a path with its fill or stroke colour and the points
// of its outline, or a text.
type mark struct {
	Name   string
	Fill   string // lower-case #rrggbb, or "" for none
	Stroke string
	Points [][2]float64
	Arc    bool // the path has arcs: a circle glyph
	Text   string
}

// parseSVG checks that b is well-formed XML whose root is an svg element and returns its
// paths and texts in document order.
func parseSVG(t *testing.T, b []byte) []mark {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var marks []mark
	var root string
	var inText *mark
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = el.Name.Local
			}
			switch el.Name.Local {
			case "path":
				marks = append(marks, pathMark(attr(el, "d"), attr(el, "style")))
			case "text":
				marks = append(marks, mark{Name: "text"})
				inText = &marks[len(marks)-1]
			}
		case xml.CharData:
			if inText != nil {
				inText.Text += string(el)
			}
		case xml.EndElement:
			if el.Name.Local == "text" {
				inText = nil
			}
		}
	}
	if root != "svg" {
		t.Fatalf("root element is %q, want svg", root)
	}
	return marks
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

var pointRE = regexp.MustCompile(`([ML])(-?[0-9.e+-]+),(-?[0-9.e+-]+)`)

func pathMark(d, style string) mark {
	m := mark{Name: "path", Arc: strings.Contains(d, "A")}
	for _, kv := range strings.Split(style, ";") {
		k, v, _ := strings.Cut(kv, ":")
		switch k {
		case "fill":
			if v != "none" {
				m.Fill = strings.ToLower(v)
			}
		case "stroke":
			if v != "none" {
				m.Stroke = strings.ToLower(v)
			}
		}
	}
	for _, g := range pointRE.FindAllStringSubmatch(d, -1) {
		x, _ := strconv.ParseFloat(g[2], 64)
		y, _ := strconv.ParseFloat(g[3], 64)
		m.Points = append(m.Points, [2]float64{x, y})
	}
	return m
}

// box is the bounding box of a mark's points.
func (m mark) box() (x0, y0, x1, y1 float64) {
	x0, y0, x1, y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range m.Points {
		x0, x1 = min(x0, p[0]), max(x1, p[0])
		y0, y1 = min(y0, p[1]), max(y1, p[1])
	}
	return
}

func filled(ms []mark, colour string) []mark {
	var out []mark
	for _, m := range ms {
		if m.Name == "path" && m.Fill == strings.ToLower(colour) {
			out = append(out, m)
		}
	}
	return out
}

func stroked(ms []mark, colour string) []mark {
	var out []mark
	for _, m := range ms {
		if m.Name == "path" && m.Stroke == strings.ToLower(colour) {
			out = append(out, m)
		}
	}
	return out
}

func texts(ms []mark) []string {
	var out []string
	for _, m := range ms {
		if m.Name == "text" {
			out = append(out, m.Text)
		}
	}
	return out
}

// distinct returns the sorted distinct values of xs, rounded to a hundredth of a point.
func distinct(xs []float64) []float64 {
	var out []float64
	for _, x := range xs {
		out = append(out, math.Round(x*100)/100)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// near reports whether a and b agree within tol.
func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }
