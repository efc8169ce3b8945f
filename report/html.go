package report

import (
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/fatigue"
	"github.com/wellrested/oncall/metrics"
	"github.com/wellrested/oncall/rotation"
)

// Input is what the HTML report shows. Report is required; every other part is optional and
// its section is left out (with a note) when it is missing.
type Input struct {
	// Title heads the page; empty means "On-call review".
	Title string
	// From and To are the period the report covers, [From, To), shown under the title and
	// the window of the schedule timeline.
	From, To time.Time
	// Zone is where dates are shown and pages counted by hour of the week; nil means UTC.
	Zone *time.Location
	// Confidence is the level the report's intervals were computed at, for their labels; zero
	// means 0.95 (metrics.Options' default).
	Confidence float64
	// Report holds the team summaries (metrics.Summarize).
	Report metrics.Report
	// Pages are the pages behind Report, for the hour-of-week heatmap.
	Pages []oncall.Page
	// Schedule is the schedule worked in the period, for the timeline.
	Schedule oncall.Schedule
	// People orders the people in the schedule timeline and the tables; people not listed
	// follow by ID.
	People []string
	// Names maps IDs to display names; an ID without one is shown as it is.
	Names map[string]string
	// Weekly and WeeklyTrend replace Report.Volume.ByPeriod and Report.PageTrend in the trend
	// picture when Weekly is not nil, for a trend over a longer stretch than the report.
	Weekly      []metrics.PeriodCount
	WeeklyTrend metrics.Trend
	// Ledger is the burden account of the schedule (rotation.Model.Ledger).
	Ledger *rotation.Ledger
	// Recovery compares the recovery time owed with the time taken (metrics.RecoveryOf).
	Recovery *metrics.Recovery
	// Fatigue holds each person's daily fatigue scores (fatigue.Scorer.Days).
	Fatigue []PersonFatigue
	// KSS are sleepiness timelines to show, typically around the worst night pages.
	KSS []KSSSeries
}

// PersonFatigue is one person's daily fatigue scores.
type PersonFatigue struct {
	ID   string
	Days []fatigue.DayScore
}

// HTML writes the report as one self-contained HTML document: headline numbers, tables and
// pictures, with inline CSS and inline SVG, no scripts and no external references. Every
// text is escaped. The same input gives the same bytes.
func HTML(w io.Writer, in Input) error {
	v, err := build(in)
	if err != nil {
		return err
	}
	return page.Execute(w, v)
}

// view is the template's data, every number already formatted.
type view struct {
	Title, Period, Zone string
	Level               string
	Headline            []headline
	People              *table
	Ledger              *table
	Hotspots            *table
	Recovery            *table
	Fatigue             *table
	Figures             []figure
	Notes               []string
}

type headline struct{ Label, Value, Detail string }

type table struct {
	Caption string
	Head    []string
	Rows    [][]cell
	Note    string
	// Total marks the last row as a total.
	Total bool
}

// Align returns the class of each column's header: numeric columns are right-aligned like
// their cells.
func (t *table) Align() []string {
	out := make([]string, len(t.Head))
	if len(t.Rows) > 0 {
		for i, c := range t.Rows[0] {
			if i < len(out) && strings.HasPrefix(c.Class, "num") {
				out[i] = "num"
			}
		}
	}
	return out
}

type cell struct {
	Text  string
	Class string // "num", "flag" or ""
}

type figure struct {
	Caption string
	SVG     template.HTML
	Missing string
	// Half places the figure beside its neighbour: the square Lorenz curves.
	Half bool
}

func build(in Input) (view, error) {
	if in.Zone == nil {
		in.Zone = time.UTC
	}
	if in.Confidence <= 0 || in.Confidence >= 1 {
		in.Confidence = 0.95
	}
	v := view{
		Title: cmp.Or(in.Title, "On-call review"),
		Zone:  in.Zone.String(),
		Level: fmt.Sprintf("%g%%", 100*in.Confidence),
	}
	if !in.From.IsZero() && !in.To.IsZero() {
		v.Period = fmt.Sprintf("%s to %s", in.From.In(in.Zone).Format("Mon 2 Jan 2006 15:04"),
			in.To.In(in.Zone).Format("Mon 2 Jan 2006 15:04 MST"))
	}
	v.Headline = headlines(in, v.Level)
	v.People = peopleTable(in)
	v.Ledger = ledgerTable(in)
	v.Hotspots = hotspotTable(in)
	v.Recovery = recoveryTable(in)
	v.Fatigue = fatigueTable(in)
	figs, err := figures(in)
	if err != nil {
		return view{}, err
	}
	v.Figures = figs
	return v, nil
}

func (in Input) name(id string) string {
	if n := in.Names[id]; n != "" {
		return n
	}
	if id == "" {
		return "(none)"
	}
	return id
}

func headlines(in Input, level string) []headline {
	r := in.Report
	oh := r.OutOfHours
	hs := []headline{
		{"Pages", count(r.Volume.Pages), fmt.Sprintf("%s incidents", count(r.Volume.Incidents))},
		{"Out of hours", pct(oh.OutOfHours.Share), fmt.Sprintf("%s CI %s", level, interval(oh.OutOfHours.CI))},
		{"Sleep interruptions", count(oh.Sleep.Count), fmt.Sprintf("%s of pages (%s CI %s)", pct(oh.Sleep.Share), level, interval(oh.Sleep.CI))},
		{"Median time to acknowledge", seconds(r.Response.All.Ack.Median), fmt.Sprintf("90th percentile %s", seconds(r.Response.All.Ack.P90))},
		{"Gini of pages per person", num(r.Fairness.Gini, 2), fmt.Sprintf("busiest: %s, %s× the mean", in.name(r.Fairness.MaxID), num(r.Fairness.MaxOverMean, 2))},
	}
	for _, s := range r.Response.SLA {
		if s.Ack != nil {
			hs = append(hs, headline{fmt.Sprintf("%s acknowledged within %s", s.Role, dur(s.AckWithinSeconds)),
				pct(s.Ack.Share), fmt.Sprintf("%d of %d (%s CI %s)", s.Ack.Count, s.Ack.Total, level, interval(s.Ack.CI))})
		}
		if s.Resolve != nil {
			hs = append(hs, headline{fmt.Sprintf("%s resolved within %s", s.Role, dur(s.ResolveWithinSeconds)),
				pct(s.Resolve.Share), fmt.Sprintf("%d of %d (%s CI %s)", s.Resolve.Count, s.Resolve.Total, level, interval(s.Resolve.CI))})
		}
	}
	return hs
}

// peopleTable is each person's pages against their time on call, with the disproportion
// test's verdict when shifts were given.
func peopleTable(in Input) *table {
	r := in.Report
	sleep := map[string]metrics.ResponderHours{}
	for _, rh := range r.OutOfHours.ByResponder {
		sleep[rh.ID] = rh
	}
	t := &table{Caption: "Load per person"}
	if d := r.Disproportion; d != nil {
		t.Head = []string{"Person", "Pages", "On call (h)", "Expected at team rate", "Load vs share", "Adjusted p", "Flag", "Out of hours", "In sleep hours"}
		for _, l := range d.People {
			rh := sleep[l.ID]
			t.Rows = append(t.Rows, []cell{{Text: in.name(l.ID)}, numCell(count(l.Count)), numCell(num(l.Hours, 0)),
				numCell(num(l.Expected, 1)), numCell(ratio(l.RateRatio, l.CI)), numCell(pvalue(l.PAdjusted)),
				flagCell(l.Flag), numCell(pct(rh.OutOfHours.Share)), numCell(count(rh.Sleep.Count))})
		}
		t.Note = fmt.Sprintf("Load vs share is pages over the pages expected at the team rate (%s per on-call hour) for the person's hours on call: 1.0 is exactly their share. The interval is exact (Garwood); p-values are exact Poisson tests, corrected by %s; a flag needs an adjusted p below %s.",
			num(d.TeamRate, 3), correctionName(d.Correction), num(d.Alpha, 2))
		return t
	}
	t.Head = []string{"Person", "Pages", "Out of hours", "In sleep hours"}
	for _, c := range r.Volume.ByResponder {
		rh := sleep[c.Key]
		t.Rows = append(t.Rows, []cell{{Text: in.name(c.Key)}, numCell(count(c.Pages)),
			numCell(pct(rh.OutOfHours.Share)), numCell(count(rh.Sleep.Count))})
	}
	t.Note = "No schedule was given, so loads are not compared with time on call."
	if len(t.Rows) == 0 {
		return nil
	}
	return t
}

func ledgerTable(in Input) *table {
	if in.Ledger == nil || len(in.Ledger.Accounts) == 0 {
		return nil
	}
	t := &table{Caption: "Rotation burden",
		Head: []string{"Person", "Shifts", "On call (h)", "Burden", "Fair share", "Balance", "Load"}}
	accts := slices.Clone(in.Ledger.Accounts)
	slices.SortStableFunc(accts, func(a, b rotation.Account) int { return cmp.Compare(b.Load, a.Load) })
	for _, a := range accts {
		t.Rows = append(t.Rows, []cell{{Text: in.name(a.Responder)}, numCell(count(a.Shifts)),
			numCell(num(metrics.Float(a.Hours.Total().Hours()), 0)), numCell(num(metrics.Float(a.Burden), 0)),
			numCell(num(metrics.Float(a.Share), 0)), numCell(signed(a.Balance)), numCell(num(metrics.Float(a.Load), 0))})
	}
	ix := in.Ledger.Indices
	bound := fmt.Sprintf("against a bound of %.0f that no schedule of whole cycles can beat", in.Ledger.LowerBound)
	if math.IsNaN(in.Ledger.LowerBound) {
		bound = "(no bound applies: the rota splits a cycle between people or breaks the secondary-to-primary chain)"
	}
	t.Note = fmt.Sprintf("Burden is weighted hours on call (night, weekend and holiday hours weigh more). A positive balance is more than the person's fair share. Largest load %.0f %s; Gini %.2f.",
		ix.Max, bound, ix.Gini)
	return t
}

func hotspotTable(in Input) *table {
	hs := in.Report.Hotspots
	if len(hs.BySleep) == 0 {
		return nil
	}
	t := &table{Caption: "Services that wake people up",
		Head: []string{"Service", "Pages", "In sleep hours", "Share of sleep interruptions", "Person-hours", "Unresolved"}}
	for _, h := range hs.BySleep {
		t.Rows = append(t.Rows, []cell{{Text: in.name(h.Service)}, numCell(count(h.Pages)), numCell(count(h.SleepInterruptions)),
			numCell(pct(h.SleepShare)), numCell(num(h.TimeSeconds/3600, 1)), numCell(count(h.Unresolved))})
	}
	t.Note = "Person-hours run from trigger to resolution, per person paged."
	return t
}

func recoveryTable(in Input) *table {
	if in.Recovery == nil {
		return nil
	}
	t := &table{Caption: "Recovery time owed and taken",
		Head: []string{"Person", "Owed (h)", "Taken against it (h)", "Outstanding (h)", "Lapsed (h)", "Taken share"}}
	rows := append(slices.Clone(in.Recovery.ByResponder), in.Recovery.Team)
	for i, b := range rows {
		name := in.name(b.ID)
		if i == len(rows)-1 {
			name = "Team"
		}
		t.Rows = append(t.Rows, []cell{{Text: name}, numCell(num(b.OwedSeconds/3600, 1)), numCell(num(b.CreditedSeconds/3600, 1)),
			numCell(num(b.OutstandingSeconds/3600, 1)), lapsedCell(b.LapsedSeconds), numCell(pct(b.TakenShare))})
	}
	t.Total = true
	t.Note = fmt.Sprintf("As of %s. Lapsed time expired untaken: recovery the person never got.",
		in.Recovery.AsOf.In(in.Zone).Format("2 Jan 2006 15:04 MST"))
	return t
}

func fatigueTable(in Input) *table {
	if len(in.Fatigue) == 0 {
		return nil
	}
	t := &table{Caption: "Fatigue",
		Head: []string{"Person", "Days scored", "Days affected", "Score (h)", "Sleep lost (h)", "Extra sleepy (h)", "Worst day"}}
	for _, pf := range in.Fatigue {
		total := fatigue.Total(pf.Days)
		affected, worst := 0, -1
		for i, d := range pf.Days {
			if d.Score > 0 {
				affected++
			}
			if d.Score > 0 && (worst < 0 || d.Score > pf.Days[worst].Score) {
				worst = i
			}
		}
		w := "none"
		if worst >= 0 {
			w = fmt.Sprintf("%s (%.1f h)", pf.Days[worst].Date, pf.Days[worst].Score)
		}
		t.Rows = append(t.Rows, []cell{{Text: in.name(pf.ID)}, numCell(count(total.Days)), numCell(count(affected)),
			numCell(fmt.Sprintf("%.1f", total.Score)), numCell(fmt.Sprintf("%.1f", total.SleepLost.Hours())),
			numCell(fmt.Sprintf("%.1f", total.ExtraSleepy.Hours())), {Text: w}})
	}
	t.Note = fmt.Sprintf("A day's score is the sleep lost the night before plus the extra waking time at KSS %d or more that the three-process model of alertness predicts, against the same days after undisturbed nights.", SleepyKSS)
	return t
}

// figures draws every picture the input allows; a picture without data gets a note instead.
func figures(in Input) ([]figure, error) {
	var figs []figure
	half := false
	add := func(caption string, svg []byte, err error) error {
		switch {
		case errors.Is(err, ErrNoData):
			figs = append(figs, figure{Caption: caption, Missing: err.Error(), Half: half})
		case err != nil:
			return fmt.Errorf("%s: %w", caption, err)
		default:
			// The SVG comes from render, whose text the SVG writer escapes.
			figs = append(figs, figure{Caption: caption, SVG: template.HTML(svg), Half: half})
		}
		return nil
	}
	svg, err := HourOfWeekHeatmap(in.Pages, in.Zone)
	if err := add("When pages arrive", svg, err); err != nil {
		return nil, err
	}
	weekly, tr := in.Report.Volume.ByPeriod, in.Report.PageTrend
	if in.Weekly != nil {
		weekly, tr = in.Weekly, in.WeeklyTrend
	}
	svg, err = WeeklyTrend(weekly, tr)
	if err := add("Pages over time", svg, err); err != nil {
		return nil, err
	}
	half = in.Ledger != nil
	svg, err = Lorenz(in.Report.Fairness, "pages")
	if err := add("How evenly pages fall", svg, err); err != nil {
		return nil, err
	}
	if in.Ledger != nil {
		f, err := burdenFairness(in.Ledger)
		if err != nil {
			return nil, err
		}
		svg, err = Lorenz(f, "burden")
		if err := add("How evenly the rotation's burden falls", svg, err); err != nil {
			return nil, err
		}
	}
	half = false
	if len(in.Schedule) > 0 {
		from, to := in.From, in.To
		if from.IsZero() || to.IsZero() {
			from, to = scheduleSpan(in.Schedule)
		}
		svg, err = ScheduleTimeline(in.Schedule, in.People, in.Names, from, to, in.Zone)
		if err := add("Who was on call", svg, err); err != nil {
			return nil, err
		}
	}
	for _, k := range in.KSS {
		svg, err = KSSTimeline(k)
		if err := add("Sleepiness around a night page: "+k.Person, svg, err); err != nil {
			return nil, err
		}
	}
	return figs, nil
}

func burdenFairness(l *rotation.Ledger) (metrics.Fairness, error) {
	vs := make([]metrics.Value, len(l.Accounts))
	for i, a := range l.Accounts {
		vs[i] = metrics.Value{ID: a.Responder, Value: a.Burden}
	}
	f, err := metrics.FairnessOf(vs)
	if err != nil {
		return metrics.Fairness{}, fmt.Errorf("burden of the ledger: %w", err)
	}
	return f, nil
}

func scheduleSpan(s oncall.Schedule) (from, to time.Time) {
	for i, sh := range s {
		if i == 0 || sh.Start.Before(from) {
			from = sh.Start
		}
		if i == 0 || sh.End.After(to) {
			to = sh.End
		}
	}
	return from, to
}

// Formatting. NaN, the statistic of nothing, shows as a dash.

const dash = "–"

func count(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + count(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func num(f metrics.Float, prec int) string {
	if !finite(float64(f)) {
		return dash
	}
	return fmt.Sprintf("%.*f", prec, float64(f))
}

func signed(f float64) string {
	if !finite(f) {
		return dash
	}
	return fmt.Sprintf("%+.0f", f)
}

func pct(f metrics.Float) string {
	if !finite(float64(f)) {
		return dash
	}
	return fmt.Sprintf("%.1f%%", 100*float64(f))
}

func interval(iv metrics.Interval) string {
	if !finite(float64(iv.Lo), float64(iv.Hi)) {
		return dash
	}
	return fmt.Sprintf("%.1f–%.1f%%", 100*float64(iv.Lo), 100*float64(iv.Hi))
}

func ratio(r metrics.Float, iv metrics.Interval) string {
	if !finite(float64(r)) {
		return dash
	}
	if !finite(float64(iv.Lo), float64(iv.Hi)) {
		return fmt.Sprintf("%.2f", float64(r))
	}
	return fmt.Sprintf("%.2f (%.2f–%.2f)", float64(r), float64(iv.Lo), float64(iv.Hi))
}

func pvalue(p metrics.Float) string {
	switch {
	case !finite(float64(p)):
		return dash
	case p < 0.001:
		return "< 0.001"
	}
	return fmt.Sprintf("%.3f", float64(p))
}

func seconds(s metrics.Float) string {
	if !finite(float64(s)) {
		return dash
	}
	return dur(s)
}

// dur writes a number of seconds as a short duration: "90 s", "4.5 min", "2.3 h".
func dur(s metrics.Float) string {
	x := float64(s)
	switch {
	case !finite(x):
		return dash
	case x < 120:
		return fmt.Sprintf("%.0f s", x)
	case x < 7200:
		return trimZero(fmt.Sprintf("%.1f", x/60)) + " min"
	}
	return trimZero(fmt.Sprintf("%.1f", x/3600)) + " h"
}

func trimZero(s string) string {
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		return s[:len(s)-2]
	}
	return s
}

func correctionName(c metrics.Correction) string {
	switch c {
	case metrics.BenjaminiHochberg:
		return "Benjamini-Hochberg"
	case metrics.NoCorrection:
		return "no correction"
	}
	return "Holm"
}

func numCell(s string) cell { return cell{Text: s, Class: "num"} }

func flagCell(flag string) cell {
	if flag == "" {
		return cell{}
	}
	return cell{Text: flag + " share", Class: "flag"}
}

func lapsedCell(s metrics.Float) cell {
	c := numCell(num(s/3600, 1))
	if finite(float64(s)) && s > 0 {
		c.Class = "num flag"
	}
	return c
}
