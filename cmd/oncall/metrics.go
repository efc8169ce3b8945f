package main

import (
	"errors"
	"slices"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/metrics"
)

const metricsHelp = `Usage: oncall metrics --team team.json --pages pages.csv [--shifts shifts.csv]
                      [--zone ZONE] [--period day|week|month] [--quantile 1-9]
                      [--format json|csv] [--table NAME] [--quiet]

The statistics a team reads to judge whether on-call is fair and getting better (package
metrics). Bands and flags are in each responder's own calendar; periods begin at midnight in
--zone (default UTC). Quantiles follow Hyndman and Fan's definitions: --quantile 7 (default)
is NumPy's and pandas' linear interpolation. Intervals are 95% (Wilson for shares, exact
Poisson for rate ratios); tests use alpha = 0.05. Shares, rates and statistics of nothing
are null. --format json (default) writes the tables

  overview       one record: pages, incidents, on_call_hours, pages_per_on_call_hour,
                 period, zone, quantile_type, sleep_interruptions, time_seconds (person-time
                 from trigger to resolution), team_rate (pages per on-call hour of the
                 disproportion test; null without --shifts), correction, alpha
  volume         by (responder, role, service, team), key, pages, incidents,
                 on_call_hours, pages_per_on_call_hour (null for services and without
                 --shifts); an incident counts once in each group it touched
  periods        label, start, end, pages, incidents: every period from the first page's
                 to the last page's, empty ones included
  out_of_hours   by (all, responder, team), key, pages, then for each of business, off, sleep,
                 out_of_hours (off + sleep), weekend, holiday and leave: X_pages, X_share,
                 X_ci_lo, X_ci_hi (by trigger time); engaged_seconds (trigger to
                 resolution, a person's overlapping pages once) and engaged_X_share;
                 unresolved (pages left out of engaged time)
  response       by (all, role, service, team), key, pages, then for ack and resolve:
                 X_n, X_mean_seconds, X_median_seconds, X_p90_seconds, X_p95_seconds,
                 X_p99_seconds, X_min_seconds, X_max_seconds; not_acknowledged, unresolved
  sla            role, then for ack and resolve: X_within_seconds, X_met, X_pages,
                 X_share, X_ci_lo, X_ci_hi (null when the role has no such agreement); a
                 page never acknowledged or resolved is a miss
  fairness       one record over pages per person (everyone in the team file): quantity,
                 n, total, mean, min, max, min_id, max_id, spread, max_over_mean, cv, gini,
                 jain, theil
  lorenz         population, share: the Lorenz curve of pages per person
  disproportion  (with --shifts) id, pages, on_call_hours, expected, rate_ratio,
                 rate_ratio_ci_lo, rate_ratio_ci_hi, p, p_adjusted (Holm), flag (above,
                 below or empty): each person's pages against the team rate per on-call hour
  hotspots       service, pages, sleep_interruptions, sleep_share, time_seconds,
                 time_share, unresolved, sleep_rank, time_rank; sorted by sleep_rank
  trends         series (pages, sleep_interruptions), n, baseline, slope (Theil-Sen, per
                 period), intercept, mk_s, mk_var_s, mk_z, p (Mann-Kendall), verdict
                 (improving, worsening, no clear change)

--format csv writes one table as CSV with a header: --table picks it (default volume).
`

// metricsTables lists the tables of oncall metrics in output order.
var metricsTables = []string{"overview", "volume", "periods", "out_of_hours", "response", "sla",
	"fairness", "lorenz", "disproportion", "hotspots", "trends"}

func runMetrics(e *env, args []string) error {
	fs := newFlags("metrics")
	team := fs.String("team", "", "team file (JSON or YAML)")
	pages := fs.String("pages", "", "page table (CSV)")
	shifts := fs.String("shifts", "", "shift table (CSV), optional")
	zone := fs.String("zone", "UTC", "zone where periods begin")
	period := fs.String("period", "week", "day, week or month")
	quantile := fs.Int("quantile", 7, "quantile definition, Hyndman and Fan type 1-9")
	format := fs.String("format", "json", "json or csv")
	tableName := fs.String("table", "volume", "with --format csv: the table to write")
	e.quietFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	opt, err := metricsOptions(*zone, *period, *quantile)
	switch {
	case err != nil:
		return err
	case *team == "" || *pages == "":
		return usagef("metrics: --team and --pages are required")
	case *format != "json" && *format != "csv":
		return usagef("metrics: --format is json or csv, not %q", *format)
	case !slices.Contains(metricsTables, *tableName):
		return usagef("metrics: --table is one of %v, not %q", metricsTables, *tableName)
	case *tableName == "disproportion" && *shifts == "":
		return usagef("metrics: --table disproportion needs --shifts")
	}
	if err := checkStdin(*team, *pages, *shifts); err != nil {
		return err
	}
	in, err := e.load(source{path: *team}, source{path: *pages}, source{path: *shifts})
	if err != nil {
		return err
	}
	e.progress().step("computing metrics")
	tables, err := metricsOf(in, opt)
	if err != nil {
		return err
	}
	if *format == "csv" {
		i := slices.Index(metricsTables, *tableName)
		return writeCSV(e.stdout, tables[i], nil)
	}
	return writeJSON(e.stdout, tables...)
}

// metricsOptions turns the flags into metrics.Options; bad values are usage errors.
func metricsOptions(zone, period string, quantile int) (metrics.Options, error) {
	var opt metrics.Options
	loc, err := time.LoadLocation(zone)
	if err != nil || zone == "" || zone == "Local" {
		return opt, usagef("metrics: --zone %q is not an IANA zone name", zone)
	}
	opt.Zone = loc
	opt.Period = metrics.Period(period)
	if !slices.Contains([]metrics.Period{metrics.Day, metrics.Week, metrics.Month}, opt.Period) {
		return opt, usagef("metrics: --period is day, week or month, not %q", period)
	}
	if quantile < 1 || quantile > 9 {
		return opt, usagef("metrics: --quantile is a type from 1 to 9, not %d", quantile)
	}
	opt.Quantile = metrics.QuantileMethod(quantile)
	return opt, nil
}

// metricsInput is the library's view of the loaded files. A responder without a team in the
// team file belongs to the file's team.
func metricsInput(in *inputs) metrics.Input {
	teams := make(map[string]string, len(in.team.Responders))
	for _, r := range in.team.Responders {
		teams[r.ID] = r.Team
		if r.Team == "" {
			teams[r.ID] = in.team.Name
		}
	}
	return metrics.Input{Pages: in.pages, Shifts: in.sched, Calendars: in.cals, Teams: teams}
}

// metricsOf computes the summaries and lays them out as the tables of metricsTables, in
// that order. The team file's roles carry the SLAs.
func metricsOf(in *inputs, opt metrics.Options) ([]table, error) {
	opt.Roles = in.team.Roles
	r, err := metrics.Summarize(metricsInput(in), opt)
	if err != nil {
		return nil, metricsLocated(err, in)
	}
	return []table{
		{name: "overview", rows: []record{overviewRow(r, opt)}},
		{name: "volume", rows: volumeRows(r.Volume)},
		{name: "periods", rows: periodRows(r.Volume.ByPeriod)},
		{name: "out_of_hours", rows: outOfHoursRows(r.OutOfHours)},
		{name: "response", rows: responseRows(r.Response)},
		{name: "sla", rows: slaRows(r.Response.SLA)},
		{name: "fairness", rows: []record{fairnessRow("pages", r.Fairness)}},
		{name: "lorenz", rows: lorenzRows(r.Fairness.Lorenz)},
		{name: "disproportion", rows: disproportionRows(r.Disproportion)},
		{name: "hotspots", rows: hotspotRows(r.Hotspots)},
		{name: "trends", rows: []record{trendRow("pages", r.PageTrend), trendRow("sleep_interruptions", r.SleepTrend)}},
	}, nil
}

// metricsLocated places a record the library refused at its line in the page or shift file.
func metricsLocated(err error, in *inputs) error {
	var re *metrics.RecordError
	if !errors.As(err, &re) {
		return err
	}
	file, lines := in.pagesFile, in.pageLines
	if re.Kind == "shift" {
		file, lines = in.shiftsFile, in.shiftLines
	}
	line := 0
	if re.Index >= 0 && re.Index < len(lines) {
		line = lines[re.Index]
	}
	return &oncall.ParseError{File: file, Line: line, Err: err}
}

func num(x metrics.Float) float64 { return float64(x) }

func overviewRow(r metrics.Report, opt metrics.Options) record {
	v := r.Volume
	rate, corr, alpha := any(nil), any(nil), any(nil)
	if d := r.Disproportion; d != nil {
		rate, corr, alpha = num(d.TeamRate), string(d.Correction), num(d.Alpha)
	}
	return record{
		{"pages", v.Pages}, {"incidents", v.Incidents},
		{"on_call_hours", num(v.OnCallHours)}, {"pages_per_on_call_hour", num(v.PagesPerOnCallHour)},
		{"period", string(v.Period)}, {"zone", opt.Zone.String()}, {"quantile_type", opt.Quantile.Type()},
		{"sleep_interruptions", r.Hotspots.SleepInterruptions}, {"time_seconds", num(r.Hotspots.TimeSeconds)},
		{"team_rate", rate}, {"correction", corr}, {"alpha", alpha},
	}
}

func volumeRows(v metrics.Volume) []record {
	var rows []record
	for _, g := range []struct {
		by     string
		counts []metrics.Count
	}{{"responder", v.ByResponder}, {"role", v.ByRole}, {"service", v.ByService}, {"team", v.ByTeam}} {
		for _, c := range g.counts {
			rows = append(rows, record{{"by", g.by}, {"key", c.Key}, {"pages", c.Pages}, {"incidents", c.Incidents},
				{"on_call_hours", num(c.OnCallHours)}, {"pages_per_on_call_hour", num(c.PagesPerOnCallHour)}})
		}
	}
	return rows
}

func periodRows(ps []metrics.PeriodCount) []record {
	rows := make([]record, len(ps))
	for i, p := range ps {
		rows[i] = record{{"label", p.Label}, {"start", p.Start}, {"end", p.End}, {"pages", p.Pages}, {"incidents", p.Incidents}}
	}
	return rows
}

func outOfHoursRows(o metrics.OutOfHours) []record {
	rows := []record{hourSharesRow("all", "", o.HourShares)}
	for _, r := range o.ByResponder {
		rows = append(rows, hourSharesRow("responder", r.ID, r.HourShares))
	}
	for _, t := range o.ByTeam {
		rows = append(rows, hourSharesRow("team", t.ID, t.HourShares))
	}
	return rows
}

func hourSharesRow(by, key string, h metrics.HourShares) record {
	row := record{{"by", by}, {"key", key}, {"pages", h.Pages}}
	for _, p := range []struct {
		name string
		p    metrics.Proportion
	}{{"business", h.Business}, {"off", h.Off}, {"sleep", h.Sleep}, {"out_of_hours", h.OutOfHours},
		{"weekend", h.Weekend}, {"holiday", h.Holiday}, {"leave", h.Leave}} {
		row = append(row, proportion(p.name, "_pages", p.p)...)
	}
	t := h.Engaged
	return append(row,
		field{"engaged_seconds", num(t.TotalSeconds)},
		field{"engaged_business_share", num(t.Business)}, field{"engaged_off_share", num(t.Off)},
		field{"engaged_sleep_share", num(t.Sleep)}, field{"engaged_out_of_hours_share", num(t.OutOfHours)},
		field{"engaged_weekend_share", num(t.Weekend)}, field{"engaged_holiday_share", num(t.Holiday)},
		field{"engaged_leave_share", num(t.Leave)},
		field{"unresolved", h.Unresolved})
}

// proportion writes a share as prefix+count, prefix_pages/total where asked, share and
// Wilson interval.
func proportion(prefix, countSuffix string, p metrics.Proportion) record {
	return record{{prefix + countSuffix, p.Count}, {prefix + "_share", num(p.Share)},
		{prefix + "_ci_lo", num(p.CI.Lo)}, {prefix + "_ci_hi", num(p.CI.Hi)}}
}

func responseRows(r metrics.Response) []record {
	rows := []record{responseRow("all", r.All)}
	for _, g := range []struct {
		by    string
		times []metrics.ResponseTimes
	}{{"role", r.ByRole}, {"service", r.ByService}, {"team", r.ByTeam}} {
		for _, t := range g.times {
			rows = append(rows, responseRow(g.by, t))
		}
	}
	return rows
}

func responseRow(by string, t metrics.ResponseTimes) record {
	row := record{{"by", by}, {"key", t.Key}, {"pages", t.Pages}}
	row = append(row, statsColumns("ack", t.Ack)...)
	row = append(row, field{"not_acknowledged", t.NotAcknowledged})
	row = append(row, statsColumns("resolve", t.Resolve)...)
	return append(row, field{"unresolved", t.Unresolved})
}

func statsColumns(prefix string, s metrics.Stats) record {
	return record{{prefix + "_n", s.N},
		{prefix + "_mean_seconds", num(s.Mean)}, {prefix + "_median_seconds", num(s.Median)},
		{prefix + "_p90_seconds", num(s.P90)}, {prefix + "_p95_seconds", num(s.P95)},
		{prefix + "_p99_seconds", num(s.P99)}, {prefix + "_min_seconds", num(s.Min)},
		{prefix + "_max_seconds", num(s.Max)}}
}

func slaRows(ss []metrics.SLACompliance) []record {
	rows := make([]record, len(ss))
	for i, s := range ss {
		row := record{{"role", s.Role}}
		row = append(row, agreement("ack", s.AckWithinSeconds, s.Ack)...)
		rows[i] = append(row, agreement("resolve", s.ResolveWithinSeconds, s.Resolve)...)
	}
	return rows
}

// agreement writes one SLA's columns, null when the role has no such agreement.
func agreement(prefix string, within metrics.Float, p *metrics.Proportion) record {
	row := record{{prefix + "_within_seconds", num(within)}}
	if p == nil {
		for _, k := range []string{"_met", "_pages", "_share", "_ci_lo", "_ci_hi"} {
			row = append(row, field{prefix + k, nil})
		}
		return row
	}
	return append(row, field{prefix + "_met", p.Count}, field{prefix + "_pages", p.Total},
		field{prefix + "_share", num(p.Share)}, field{prefix + "_ci_lo", num(p.CI.Lo)}, field{prefix + "_ci_hi", num(p.CI.Hi)})
}

func fairnessRow(quantity string, x metrics.Fairness) record {
	return record{{"quantity", quantity}, {"n", x.N}, {"total", num(x.Total)}, {"mean", num(x.Mean)},
		{"min", num(x.Min)}, {"max", num(x.Max)}, {"min_id", x.MinID}, {"max_id", x.MaxID},
		{"spread", num(x.Spread)}, {"max_over_mean", num(x.MaxOverMean)}, {"cv", num(x.CV)},
		{"gini", num(x.Gini)}, {"jain", num(x.Jain)}, {"theil", num(x.Theil)}}
}

func lorenzRows(ps []metrics.LorenzPoint) []record {
	rows := make([]record, len(ps))
	for i, p := range ps {
		rows[i] = record{{"population", num(p.Population)}, {"share", num(p.Share)}}
	}
	return rows
}

func disproportionRows(d *metrics.Disproportion) []record {
	if d == nil {
		return nil
	}
	rows := make([]record, len(d.People))
	for i, l := range d.People {
		rows[i] = record{{"id", l.ID}, {"pages", l.Count}, {"on_call_hours", num(l.Hours)},
			{"expected", num(l.Expected)}, {"rate_ratio", num(l.RateRatio)},
			{"rate_ratio_ci_lo", num(l.CI.Lo)}, {"rate_ratio_ci_hi", num(l.CI.Hi)},
			{"p", num(l.P)}, {"p_adjusted", num(l.PAdjusted)}, {"flag", l.Flag}}
	}
	return rows
}

// hotspotRows writes the services in sleep order with both ranks, so one table serves both
// orderings.
func hotspotRows(h metrics.Hotspots) []record {
	timeRank := make(map[string]int, len(h.ByTime))
	for i, s := range h.ByTime {
		timeRank[s.Service] = i + 1
	}
	rows := make([]record, len(h.BySleep))
	for i, s := range h.BySleep {
		rows[i] = record{{"service", s.Service}, {"pages", s.Pages},
			{"sleep_interruptions", s.SleepInterruptions}, {"sleep_share", num(s.SleepShare)},
			{"time_seconds", num(s.TimeSeconds)}, {"time_share", num(s.TimeShare)},
			{"unresolved", s.Unresolved}, {"sleep_rank", i + 1}, {"time_rank", timeRank[s.Service]}}
	}
	return rows
}

func trendRow(series string, t metrics.Trend) record {
	return record{{"series", series}, {"n", t.N}, {"baseline", num(t.Baseline)}, {"slope", num(t.Slope)},
		{"intercept", num(t.Intercept)}, {"mk_s", t.S}, {"mk_var_s", num(t.VarS)}, {"mk_z", num(t.Z)},
		{"p", num(t.P)}, {"verdict", t.Verdict}}
}
