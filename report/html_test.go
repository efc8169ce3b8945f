package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/fatigue"
	"github.com/wellrested/oncall/metrics"
	"github.com/wellrested/oncall/rotation"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixture is a small, hand-made week for two people in London and one in New York: a handful
// of pages, a primary and a secondary rotation, a ledger, recovery records, day scores and a
// KSS curve. Names carry characters that must be escaped.
func fixture(t testing.TB) Input {
	t.Helper()
	lon, nyc := mustZone(t, "Europe/London"), mustZone(t, "America/New_York")
	from := time.Date(2026, 3, 2, 0, 0, 0, 0, lon)
	to := from.AddDate(0, 0, 7)
	at := func(day, h, m int, z *time.Location) time.Time { return time.Date(2026, 3, 2+day, h, m, 0, 0, z) }
	page := func(id, svc, who, role string, t time.Time, ack, res time.Duration) oncall.Page {
		return oncall.Page{IncidentID: id, Service: svc, Responder: who, Role: role, EscalationLevel: 1,
			Triggered: t, Acknowledged: t.Add(ack), Resolved: t.Add(res)}
	}
	pages := []oncall.Page{
		page("I1", "db", "ann", "primary", at(0, 3, 10, lon), 2*time.Minute, 40*time.Minute),
		page("I2", "web<&>", "ann", "primary", at(1, 14, 0, lon), time.Minute, 10*time.Minute),
		page("I3", "db", "ann", "primary", at(2, 2, 30, lon), 9*time.Minute, time.Hour),
		page("I4", "db", "bo", "secondary", at(2, 2, 39, lon), 3*time.Minute, 51*time.Minute),
		page("I5", "web<&>", "cy", "primary", at(5, 23, 0, nyc), 4*time.Minute, 20*time.Minute),
		page("I6", "db", "cy", "primary", at(6, 11, 0, nyc), 30*time.Second, 5*time.Minute),
	}
	sched := oncall.Schedule{
		{Responder: "ann", Role: "primary", Start: from, End: from.AddDate(0, 0, 4)},
		{Responder: "bo", Role: "secondary", Start: from, End: from.AddDate(0, 0, 4)},
		{Responder: "cy", Role: "primary", Start: from.AddDate(0, 0, 4), End: to},
		{Responder: "ann", Role: "secondary", Start: from.AddDate(0, 0, 4), End: to},
	}
	cals := map[string]*calendar.Calendar{}
	for id, z := range map[string]*time.Location{"ann": lon, "bo": lon, "cy": nyc} {
		c, err := calendar.New(calendar.Profile{Zone: z})
		if err != nil {
			t.Fatal(err)
		}
		cals[id] = c
	}
	rep, err := metrics.Summarize(metrics.Input{Pages: pages, Shifts: sched, Calendars: cals}, metrics.Options{Zone: lon})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := metrics.RecoveryOf(
		[]metrics.Owed{{Responder: "ann", Amount: 8 * time.Hour, Earliest: at(0, 8, 0, lon), Expires: at(3, 18, 0, lon)}},
		[]metrics.TimeOff{{Responder: "ann", Start: at(1, 8, 0, lon), Amount: 4 * time.Hour}}, to)
	if err != nil {
		t.Fatal(err)
	}
	t0 := at(2, 0, 0, lon)
	return Input{
		Title: `Week 10 <review> & "notes"`, From: from, To: to, Zone: lon,
		Report: rep, Pages: pages, Schedule: sched, People: []string{"ann", "bo", "cy"},
		Names: map[string]string{"ann": "Ann O'Neil", "bo": "Bo <b>Bold</b>", "cy": "Cy & Co"},
		Ledger: &rotation.Ledger{Accounts: []rotation.Account{
			{Responder: "ann", Shifts: 2, Burden: 120, Share: 100, Balance: 20, Load: 120, Capacity: 1},
			{Responder: "bo", Shifts: 1, Burden: 40, Share: 50, Balance: -10, Load: 40, Capacity: 1},
			{Responder: "cy", Shifts: 1, Burden: 90, Share: 100, Balance: -10, Load: 90, Capacity: 1},
		}, Indices: rotation.Fairness([]float64{120, 40, 90}), LowerBound: 85},
		Recovery: &rec,
		Fatigue: []PersonFatigue{{ID: "ann", Days: []fatigue.DayScore{
			{Date: calendar.Date{Year: 2026, Month: 3, Day: 2}, Score: 1.5, SleepLost: 90 * time.Minute},
			{Date: calendar.Date{Year: 2026, Month: 3, Day: 4}, Score: 2.25, SleepLost: 2 * time.Hour, ExtraSleepy: 15 * time.Minute},
		}}},
		KSS: []KSSSeries{{Person: "Ann O'Neil", Zone: lon, From: t0.Add(-4 * time.Hour), To: t0.Add(20 * time.Hour),
			KSS: func(t time.Time) float64 {
				if h := t.Sub(t0).Hours(); h > 2.5 && h < 9 {
					return 8
				}
				return 3
			},
			Pages: []Span{{Start: at(2, 2, 30, lon), End: at(2, 3, 30, lon)}}}},
	}
}

func renderHTML(t *testing.T, in Input) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := HTML(&buf, in); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wellFormed parses the whole document with a strict XML parser (the template writes
// XML-compatible HTML) and returns its elements.
func wellFormed(t *testing.T, doc []byte) []xml.StartElement {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	var els []xml.StartElement
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document is not well-formed: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			els = append(els, el.Copy())
		case xml.EndElement:
			depth--
		}
	}
	if depth != 0 {
		t.Fatalf("%d elements left open", depth)
	}
	return els
}

func TestHTMLGolden(t *testing.T) {
	got := renderHTML(t, fixture(t))
	path := filepath.Join("testdata", "fixture.html")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("HTML differs from %s; inspect it and run go test -update if the change is meant", path)
	}
	if again := renderHTML(t, fixture(t)); !bytes.Equal(got, again) {
		t.Error("two renderings of the same input differ")
	}
}

// The document is well-formed, holds one SVG per picture (heatmap, trend, two Lorenz curves,
// schedule, one KSS timeline) each a valid SVG, and refers to nothing outside itself.
func TestHTMLSelfContained(t *testing.T) {
	doc := renderHTML(t, fixture(t))
	els := wellFormed(t, doc)
	svgs := 0
	for _, el := range els {
		switch el.Name.Local {
		case "svg":
			svgs++
		case "script", "link", "iframe", "img", "object", "embed":
			t.Errorf("element <%s> in a self-contained report", el.Name.Local)
		}
		for _, a := range el.Attr {
			if (a.Name.Local == "src" || a.Name.Local == "href") && !strings.HasPrefix(a.Value, "#") {
				t.Errorf("<%s %s=%q> refers outside the document", el.Name.Local, a.Name.Local, a.Value)
			}
		}
	}
	if svgs != 6 {
		t.Errorf("%d pictures, want 6", svgs)
	}
	if regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*https?:`).Match(doc) || bytes.Contains(doc, []byte("url(")) {
		t.Error("document loads an external resource")
	}
	for _, svg := range regexp.MustCompile(`(?s)<svg.*?</svg>`).FindAll(doc, -1) {
		parseSVG(t, svg)
	}
}

// Text from the input is escaped wherever it lands: title, tables and pictures.
func TestHTMLEscapes(t *testing.T) {
	doc := string(renderHTML(t, fixture(t)))
	for _, raw := range []string{"<review>", "<b>Bold</b>", "web<&>", "Cy & Co"} {
		if strings.Contains(doc, raw) {
			t.Errorf("unescaped %q in the document", raw)
		}
	}
	for _, esc := range []string{"Week 10 &lt;review&gt; &amp; &#34;notes&#34;", "Bo &lt;b&gt;Bold&lt;/b&gt;", "web&lt;&amp;&gt;", "Cy &amp; Co"} {
		if !strings.Contains(doc, esc) {
			t.Errorf("escaped %q missing", esc)
		}
	}
}

// The headline figures are the report's, formatted: 6 pages, 5 of them out of hours = 83.3%.
// 2 March 2026 is a Monday: I1 (Mon 03:10), I3 and I4 (Wed 02:30, 02:39) fall in London sleep
// hours, I5 (Sat 23:00) and I6 (Sun 11:00) on the New York weekend; only I2 (Tue 14:00) is in
// business hours (08:00-18:00, the zero profile).
func TestHTMLHeadlines(t *testing.T) {
	in := fixture(t)
	doc := string(renderHTML(t, in))
	oh := in.Report.OutOfHours.OutOfHours
	if oh.Count != 5 || oh.Total != 6 {
		t.Fatalf("fixture out-of-hours %d of %d, want 5 of 6", oh.Count, oh.Total)
	}
	for _, want := range []string{`<div class="value">6</div>`, `<div class="value">83.3%</div>`, "Ann O&#39;Neil"} {
		if !strings.Contains(doc, want) {
			t.Errorf("document lacks %q", want)
		}
	}
}

// A report with only the summaries still renders, with notes where pictures need more.
func TestHTMLMinimal(t *testing.T) {
	in := fixture(t)
	doc := renderHTML(t, Input{Report: in.Report})
	wellFormed(t, doc)
	if !bytes.Contains(doc, []byte("no pages for the hour-of-week heatmap")) {
		t.Error("missing heatmap without a note")
	}
	if bytes.Contains(doc, []byte("Rotation burden")) || bytes.Contains(doc, []byte("Recovery time")) {
		t.Error("sections without input shown")
	}
}

func TestHTMLRejectsBadPicture(t *testing.T) {
	in := fixture(t)
	in.KSS[0].KSS = func(time.Time) float64 { return 1 / zero() }
	err := HTML(io.Discard, in)
	if !errors.Is(err, ErrInvalidData) {
		t.Errorf("infinite KSS: %v, want ErrInvalidData", err)
	}
}

func zero() float64 { return 0 }

func BenchmarkHTML(b *testing.B) {
	in := fixture(b)
	for b.Loop() {
		if err := HTML(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}
