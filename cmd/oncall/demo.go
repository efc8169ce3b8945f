package main

import (
	"time"

	"github.com/wellrested/oncall/examples/data"
	"github.com/wellrested/oncall/metrics"
	"github.com/wellrested/oncall/rotation"
)

const demoHelp = `Usage: oncall demo

Runs validate, hours, metrics, fairness and schedule on the bundled sample (a team of seven in London
and New York, a year of weekly primary/secondary shifts made by a simple round-robin, about
1,900 pages, and the team's rotation rules; see examples/data in the module) and writes one
JSON document with the tables
  summary, gaps, overlaps, hours, on_call
                  as in oncall help validate and oncall help hours
  overview, volume, periods, out_of_hours, response, sla, fairness, lorenz,
  disproportion, hotspots, trends
                  the summaries, by ISO week in London, as in oncall help metrics
  fairness_ledger, fairness_indices, fairness_violations
                  the sample schedule judged, as in oncall help fairness
  generated_shifts, generated_ledger, generated_indices, generated_violations
                  a schedule generated for the same year under the same rules, as in
                  oncall help schedule (its violations are empty)
  comparison      one record per schedule (sample, generated): max_load, lower_bound,
                  above_bound_percent, spread, gini, jain, min_shifts, max_shifts
`

func runDemo(e *env, args []string) error {
	if err := parse(newFlags("demo"), args); err != nil {
		return err
	}
	fsys := data.FS()
	in, err := e.load(source{path: data.TeamFile, fsys: fsys}, source{path: data.PagesFile, fsys: fsys},
		source{path: data.ShiftsFile, fsys: fsys})
	if err != nil {
		return err
	}
	hours, err := hoursTables(in)
	if err != nil {
		return err
	}
	judged, generated, err := demoRotation(e, in)
	if err != nil {
		return err
	}
	// Summaries by ISO week in London, where the team's rotation hands over.
	lon, err := time.LoadLocation("Europe/London")
	if err != nil {
		return err
	}
	summaries, err := metricsOf(in, metrics.Options{Zone: lon, Period: metrics.Week})
	if err != nil {
		return err
	}
	tables := append(validateTables(in), hours...)
	tables = append(tables, summaries...)
	tables = append(tables, judged...)
	return writeJSON(e.stdout, append(tables, generated...)...)
}

// demoRotation judges the sample schedule and generates one for the same cycles, so the two
// can be compared under the same rules.
func demoRotation(e *env, in *inputs) (judged, generated []table, err error) {
	r, _, err := e.readRotation(in, source{path: data.RotationFile, fsys: data.FS()})
	if err != nil {
		return nil, nil, err
	}
	in.team.Rotation = r
	from, to := span(in.sched)
	m, err := rotation.Compile(in.team.Problem(from, to))
	if err != nil {
		return nil, nil, err
	}
	sample, sampleBroken, err := judge(m, in.sched, in.shiftsFile, in.shiftLines)
	if err != nil {
		return nil, nil, err
	}
	plan, err := m.Generate()
	if err != nil {
		return nil, nil, err
	}
	broken, err := m.Check(plan.Shifts)
	if err != nil {
		return nil, nil, err
	}
	judged = []table{
		{name: "fairness_ledger", rows: ledgerRows(sample)},
		{name: "fairness_indices", rows: indicesRow(sample)},
		{name: "fairness_violations", rows: violationRows(sampleBroken, in.shiftLines)},
	}
	generated = []table{
		{name: "generated_shifts", rows: shiftRows(plan.Shifts)},
		{name: "generated_ledger", rows: ledgerRows(plan.Ledger)},
		{name: "generated_indices", rows: indicesRow(plan.Ledger)},
		{name: "generated_violations", rows: violationRows(broken, nil)},
		{name: "comparison", rows: []record{comparisonRow("sample", sample), comparisonRow("generated", plan.Ledger)}},
	}
	return judged, generated, nil
}

// comparisonRow is one schedule's headline figures.
func comparisonRow(name string, l *rotation.Ledger) record {
	lo, hi := 0, 0
	for i, a := range l.Accounts {
		if i == 0 || a.Shifts < lo {
			lo = a.Shifts
		}
		if i == 0 || a.Shifts > hi {
			hi = a.Shifts
		}
	}
	ix := l.Indices
	return record{{"schedule", name}, {"max_load", ix.Max}, {"lower_bound", l.LowerBound},
		{"above_bound_percent", aboveBound(ix.Max, l.LowerBound)}, {"spread", ix.Spread},
		{"gini", ix.Gini}, {"jain", ix.Jain}, {"min_shifts", lo}, {"max_shifts", hi}}
}
