package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/fatigue"
)

const fatigueHelp = `Usage: oncall fatigue --team team.json --pages pages.csv [--from DATE --to DATE]
                      [--zone ZONE] [--format json|csv] [--table NAME] [--quiet]
                      [--merge-gap D] [--engagement D] [--fall-asleep D]

What the pages did to each person's sleep and following days (package fatigue). Pages of
one person that overlap or follow within 60 s (--merge-gap) merge into an engagement
episode, which lasts to the resolution (or acknowledgement + 15 min, or trigger + 15 min,
when that is unknown; --engagement). An episode in the person's sleep hours wakes them;
sleep lost counts the engaged time in sleep hours plus 20 minutes to fall asleep again
(--fall-asleep). Alertness follows the Three-Process Model
(Akerstedt and Folkard, parameters of Ingre et al. 2014); KSS is the Karolinska Sleepiness
Scale (7 sleepy, 8 high risk). A day's score, in hours, is the sleep lost in the night
before it plus the extra waking time at KSS 7 or more against undisturbed nights.

--from and --to are dates, both included, read as each person's own local dates; by
default from the day before the first page's date (so that the night it fell in is
counted) to the day after the last page's, dates in --zone (default UTC). --format json
(default) writes the tables

  episodes       responder, episode, start, end, end_source, pages, incidents (";"-joined),
                 class (band and flags at the start), woke, engaged_seconds and
                 engaged_{business,off,sleep,weekend,holiday,leave}_seconds, awake_start,
                 awake_end, sleep_lost_seconds, night (the date the disturbed sleep window
                 starts, or null): episodes starting in the period or scoring in it
  nights         responder, date (the sleep window starting that day), start, end,
                 awakenings, sleep_lost_seconds, longest_sleep_seconds, disturbed, episodes
  days           responder, date, working_day, score_hours, sleep_lost_seconds (the night
                 before), extra_sleepy_seconds, extra_sleepiness_kss_hours; for working days
                 work_start, work_end, sleepy_seconds (KSS >= 7 in working hours),
                 high_risk_seconds (KSS >= 8), min_alertness, max_kss, min_at,
                 baseline_sleepy_seconds, baseline_min_alertness (null on days off);
                 nights_to_baseline (recovery nights until the morning is back within 0.1
                 KSS of undisturbed; null if not within the period)
  contributions  responder, date, episode, sleep_lost_seconds, extra_sleepy_seconds,
                 score_hours: each day's score split by episode (they sum to it)
  periods        responder, name, zone, from, to, days, score_hours, extra_sleepy_seconds,
                 nights, nights_disturbed, awakenings, sleep_lost_seconds,
                 shortest_longest_sleep_seconds, episodes, engaged_seconds, working_days,
                 sleepy_seconds, high_risk_seconds

--format csv writes one table as CSV with a header: --table picks it (default periods).

` + tuningHelp

// fatigueTables lists the tables of oncall fatigue in output order.
var fatigueTables = []string{"episodes", "nights", "days", "contributions", "periods"}

var fatigueColumns = map[string][]string{
	"episodes": {"responder", "episode", "start", "end", "end_source", "pages", "incidents", "class", "woke",
		"engaged_seconds", "engaged_business_seconds", "engaged_off_seconds", "engaged_sleep_seconds",
		"engaged_weekend_seconds", "engaged_holiday_seconds", "engaged_leave_seconds",
		"awake_start", "awake_end", "sleep_lost_seconds", "night"},
	"nights": {"responder", "date", "start", "end", "awakenings", "sleep_lost_seconds", "longest_sleep_seconds",
		"disturbed", "episodes"},
	"days": {"responder", "date", "working_day", "score_hours", "sleep_lost_seconds", "extra_sleepy_seconds",
		"extra_sleepiness_kss_hours", "work_start", "work_end", "sleepy_seconds", "high_risk_seconds",
		"min_alertness", "max_kss", "min_at", "baseline_sleepy_seconds", "baseline_min_alertness", "nights_to_baseline"},
	"contributions": {"responder", "date", "episode", "sleep_lost_seconds", "extra_sleepy_seconds", "score_hours"},
	"periods": {"responder", "name", "zone", "from", "to", "days", "score_hours", "extra_sleepy_seconds", "nights",
		"nights_disturbed", "awakenings", "sleep_lost_seconds", "shortest_longest_sleep_seconds", "episodes",
		"engaged_seconds", "working_days", "sleepy_seconds", "high_risk_seconds"},
}

func runFatigue(e *env, args []string) error {
	fs := newFlags("fatigue")
	team := fs.String("team", "", "team file (JSON or YAML)")
	pages := fs.String("pages", "", "page table (CSV)")
	fromS := fs.String("from", "", "first date")
	toS := fs.String("to", "", "last date")
	zone := fs.String("zone", "UTC", "zone of the default period")
	format := fs.String("format", "json", "json or csv")
	tableName := fs.String("table", "periods", "with --format csv: the table to write")
	tune := addTuning(fs)
	e.quietFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	loc, err := time.LoadLocation(*zone)
	switch {
	case err != nil || *zone == "" || *zone == "Local":
		return usagef("fatigue: --zone %q is not an IANA zone name", *zone)
	case *team == "" || *pages == "":
		return usagef("fatigue: --team and --pages are required")
	case (*fromS == "") != (*toS == ""):
		return usagef("fatigue: give both --from and --to, or neither")
	case *format != "json" && *format != "csv":
		return usagef("fatigue: --format is json or csv, not %q", *format)
	case !slices.Contains(fatigueTables, *tableName):
		return usagef("fatigue: --table is one of %s, not %q", strings.Join(fatigueTables, ", "), *tableName)
	}
	from, to, err := datesFlags(*fromS, *toS)
	if err != nil {
		return err
	}
	if err := checkStdin(*team, *pages); err != nil {
		return err
	}
	in, err := e.load(source{path: *team}, source{path: *pages}, source{})
	if err != nil {
		return err
	}
	if *fromS == "" {
		if from, to, err = defaultDates(in.pages, loc); err != nil {
			return err
		}
	}
	tables, err := fatigueOf(in, from, to, *tune, e.progress())
	if err != nil {
		return err
	}
	if *format == "csv" {
		i := slices.Index(fatigueTables, *tableName)
		return writeCSV(e.stdout, tables[i], fatigueColumns[*tableName])
	}
	return writeJSON(e.stdout, tables...)
}

// maxDays bounds the period: the model runs day by day for everyone.
const maxDays = 3660

// datesFlags reads --from and --to as dates; empty gives zero dates.
func datesFlags(fromS, toS string) (calendar.Date, calendar.Date, error) {
	if fromS == "" {
		return calendar.Date{}, calendar.Date{}, nil
	}
	from, err := calendar.ParseDate(fromS)
	if err != nil {
		return from, from, usagef("fatigue: --from %q: want a date such as 2026-03-01", fromS)
	}
	to, err := calendar.ParseDate(toS)
	if err != nil {
		return from, to, usagef("fatigue: --to %q: want a date such as 2026-03-31", toS)
	}
	switch {
	case to.Before(from):
		return from, to, usagef("fatigue: --to %s comes before --from %s", to, from)
	case from.DaysUntil(to) >= maxDays:
		return from, to, usagef("fatigue: the period is longer than %d days", maxDays)
	}
	return from, to, nil
}

// ErrNoPages reports a page table without pages when the period must come from it.
var ErrNoPages = errors.New("no pages to take a period from: give --from and --to")

// defaultDates runs from the day before the first page's date to the day after the last
// page's, so that the night of the first page (a sleep window starts the evening before)
// and the day after the last one are in.
func defaultDates(pages []oncall.Page, loc *time.Location) (calendar.Date, calendar.Date, error) {
	if len(pages) == 0 {
		return calendar.Date{}, calendar.Date{}, ErrNoPages
	}
	first, last := pages[0].Triggered, pages[0].Triggered
	for _, p := range pages {
		first, last = earliest(first, p.Triggered), latest(last, p.Triggered)
	}
	from, to := calendar.DateOf(first.In(loc)).AddDays(-1), calendar.DateOf(last.In(loc)).AddDays(1)
	if from.DaysUntil(to) >= maxDays {
		return from, to, usagef("fatigue: the pages span more than %d days: give --from and --to", maxDays)
	}
	return from, to, nil
}

func earliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// personFatigue is everything the fatigue command works out for one person.
type personFatigue struct {
	r        oncall.Responder
	cal      *calendar.Calendar
	impacts  []fatigue.Impact
	nights   []fatigue.Night
	summary  fatigue.Summary
	fc       *fatigue.Forecast
	days     []fatigue.DayScore
	workdays []fatigue.Workday
}

// analyse runs the fatigue package for one person over the dates from..to.
func analyse(in *inputs, r oncall.Responder, pages []oncall.Page, lines []int, from, to calendar.Date, tune tuning) (*personFatigue, error) {
	pf := &personFatigue{r: r, cal: in.cals[r.ID]}
	eps, err := fatigue.Episodes(r.ID, pages, tune.episodes)
	if err != nil {
		return nil, pageError(err, in.pagesFile, lines)
	}
	if pf.impacts, err = fatigue.Analyze(pf.cal, eps, tune.options); err != nil {
		return nil, fmt.Errorf("responder %s: %w", r.ID, err)
	}
	if pf.summary, pf.nights, err = fatigue.Summarize(pf.cal, pf.impacts, from, to); err != nil {
		return nil, fmt.Errorf("responder %s: %w", r.ID, err)
	}
	if pf.fc, err = fatigue.DefaultModel().Forecast(pf.cal, pf.impacts, from, to); err != nil {
		return nil, fmt.Errorf("responder %s: %w", r.ID, err)
	}
	if pf.days, err = (fatigue.Scorer{}).Days(pf.fc, pf.impacts); err != nil {
		return nil, fmt.Errorf("responder %s: %w", r.ID, err)
	}
	if pf.workdays, err = pf.fc.Workdays(); err != nil {
		return nil, fmt.Errorf("responder %s: %w", r.ID, err)
	}
	return pf, nil
}

// pageError places the first problem fatigue.Episodes found at its line of the page table.
func pageError(err error, file string, lines []int) error {
	var pe *fatigue.PageError
	if !errors.As(err, &pe) || pe.Index < 0 || pe.Index >= len(lines) {
		return err
	}
	out := &oncall.ParseError{File: file, Line: lines[pe.Index], Value: pe.IncidentID, Err: pe.Err}
	var fe *oncall.FieldError
	if errors.As(pe.Err, &fe) {
		out.Field, out.Value = fe.Field, fe.Value
	}
	return out
}

// byResponder groups the pages and their lines by responder, in file order.
func byResponder(in *inputs) (map[string][]oncall.Page, map[string][]int) {
	pages, lines := map[string][]oncall.Page{}, map[string][]int{}
	for i, p := range in.pages {
		pages[p.Responder] = append(pages[p.Responder], p)
		lines[p.Responder] = append(lines[p.Responder], in.pageLines[i])
	}
	return pages, lines
}

// fatigueOf builds the tables of fatigueTables, everyone in team file order, counting
// people on the progress line.
func fatigueOf(in *inputs, from, to calendar.Date, tune tuning, bar *progress) ([]table, error) {
	pages, lines := byResponder(in)
	tables := make([]table, len(fatigueTables))
	for i, name := range fatigueTables {
		tables[i].name = name
	}
	for i, r := range in.team.Responders {
		bar.count("fatigue", i, len(in.team.Responders), "people")
		pf, err := analyse(in, r, pages[r.ID], lines[r.ID], from, to, tune)
		if err != nil {
			return nil, err
		}
		tables[0].rows = append(tables[0].rows, pf.episodeRows(from, to)...)
		tables[1].rows = append(tables[1].rows, pf.nightRows()...)
		days, contribs := pf.dayRows()
		tables[2].rows = append(tables[2].rows, days...)
		tables[3].rows = append(tables[3].rows, contribs...)
		tables[4].rows = append(tables[4].rows, pf.periodRow())
	}
	return tables, nil
}

func (pf *personFatigue) local(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(pf.cal.Location())
}

// episodeRows lists the episodes that start on a date of the period or count in one of its
// days' scores.
func (pf *personFatigue) episodeRows(from, to calendar.Date) []record {
	scored := map[string]bool{}
	for _, d := range pf.days {
		for _, c := range d.Contributions {
			scored[c.Episode] = true
		}
	}
	var rows []record
	for _, im := range pf.impacts {
		d := calendar.DateOf(pf.local(im.Start))
		if (d.Before(from) || to.Before(d)) && !scored[im.ID] {
			continue
		}
		var night any
		if im.InNight {
			night = im.Night.String()
		}
		row := record{
			{"responder", pf.r.ID}, {"episode", im.ID}, {"start", pf.local(im.Start)}, {"end", pf.local(im.End)},
			{"end_source", im.EndSource.String()}, {"pages", im.Pages}, {"incidents", strings.Join(im.Incidents, ";")},
			{"class", im.Class.String()}, {"woke", im.Woke},
		}
		row = append(row, byBand("engaged", im.Engaged.Breakdown())...)
		row = append(row, record{
			{"awake_start", pf.local(im.Awake.Start)}, {"awake_end", pf.local(im.Awake.End)},
			{"sleep_lost_seconds", seconds(im.SleepLost)}, {"night", night},
		}...)
		rows = append(rows, row)
	}
	return rows
}

func (pf *personFatigue) nightRows() []record {
	rows := make([]record, 0, len(pf.nights))
	for _, n := range pf.nights {
		rows = append(rows, record{
			{"responder", pf.r.ID}, {"date", n.Date.String()}, {"start", n.Start}, {"end", n.End},
			{"awakenings", n.Awakenings}, {"sleep_lost_seconds", seconds(n.SleepLost)},
			{"longest_sleep_seconds", seconds(n.LongestSleep)}, {"disturbed", n.Disturbed()},
			{"episodes", strings.Join(n.Episodes, ";")},
		})
	}
	return rows
}

// dayRows writes every date's score, the working days' alertness, and the contributions.
func (pf *personFatigue) dayRows() (days, contribs []record) {
	work := map[calendar.Date]fatigue.Workday{}
	for _, w := range pf.workdays {
		work[w.Date] = w
	}
	for _, d := range pf.days {
		w, ok := work[d.Date]
		row := record{
			{"responder", pf.r.ID}, {"date", d.Date.String()}, {"working_day", ok},
			{"score_hours", d.Score}, {"sleep_lost_seconds", seconds(d.SleepLost)},
			{"extra_sleepy_seconds", seconds(d.ExtraSleepy)}, {"extra_sleepiness_kss_hours", d.ExtraSleepiness},
		}
		row = append(row, workColumns(w, ok)...)
		var back any
		if n, ok := pf.fc.NightsToBaseline(d.Date.AddDays(-1)); ok {
			back = n
		}
		days = append(days, append(row, field{"nights_to_baseline", back}))
		for _, c := range d.Contributions {
			contribs = append(contribs, record{
				{"responder", pf.r.ID}, {"date", d.Date.String()}, {"episode", c.Episode},
				{"sleep_lost_seconds", seconds(c.SleepLost)}, {"extra_sleepy_seconds", seconds(c.ExtraSleepy)},
				{"score_hours", c.Score},
			})
		}
	}
	return days, contribs
}

// workColumns are a working day's alertness columns, null on a day off.
func workColumns(w fatigue.Workday, ok bool) record {
	if !ok {
		return record{{"work_start", nil}, {"work_end", nil}, {"sleepy_seconds", nil}, {"high_risk_seconds", nil},
			{"min_alertness", nil}, {"max_kss", nil}, {"min_at", nil}, {"baseline_sleepy_seconds", nil},
			{"baseline_min_alertness", nil}}
	}
	return record{
		{"work_start", w.Work.Start}, {"work_end", w.Work.End},
		{"sleepy_seconds", seconds(w.Actual.Sleepy)}, {"high_risk_seconds", seconds(w.Actual.HighRisk)},
		{"min_alertness", w.Actual.MinAlertness}, {"max_kss", w.Actual.MaxKSS}, {"min_at", w.Actual.MinAt},
		{"baseline_sleepy_seconds", seconds(w.Baseline.Sleepy)}, {"baseline_min_alertness", w.Baseline.MinAlertness},
	}
}

func (pf *personFatigue) periodRow() record {
	total := fatigue.Total(pf.days)
	s := pf.summary
	var sleepy, risk time.Duration
	for _, w := range pf.workdays {
		sleepy += w.Actual.Sleepy
		risk += w.Actual.HighRisk
	}
	return record{
		{"responder", pf.r.ID}, {"name", pf.r.Name}, {"zone", pf.cal.Location().String()},
		{"from", s.From.String()}, {"to", s.To.String()}, {"days", total.Days},
		{"score_hours", total.Score}, {"extra_sleepy_seconds", seconds(total.ExtraSleepy)},
		{"nights", s.Nights}, {"nights_disturbed", s.NightsDisturbed}, {"awakenings", s.Awakenings},
		{"sleep_lost_seconds", seconds(s.SleepLost)}, {"shortest_longest_sleep_seconds", seconds(s.ShortestLongestSleep)},
		{"episodes", s.Episodes}, {"engaged_seconds", seconds(s.Engaged.Total())},
		{"working_days", len(pf.workdays)}, {"sleepy_seconds", seconds(sleepy)}, {"high_risk_seconds", seconds(risk)},
	}
}
