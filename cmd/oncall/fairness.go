package main

import (
	"errors"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/rotation"
)

const fairnessHelp = `Usage: oncall fairness --team team.json --shifts shifts.csv [--rotation rotation.json]
                       [--from DATE] [--to DATE] [--history shifts.csv]
                       [--pages pages.csv [--pages-from DATE] [--pages-to DATE]]
                       [--format json|csv] [--table ledger|violations]

Judges an existing schedule, generated or made by hand, under the team file's "rotation"
section: each person's burden against their fair share, how evenly the load is spread, how
far the largest load is above the best any schedule could do, and every broken rule. The
horizon is the cycles whose handoff falls in [--from, --to); by default from the first
shift's start to the last shift's end. A DATE is midnight in the handoff's zone. With the
rotation's "page_weight", --pages gives the past pages the expected page load is learned
from, as in oncall help schedule.

--format json (default) writes the tables
  summary     from, to, shifts, violations
  ledger      as in oncall help schedule: capacity, shifts, burden, share, carried,
              balance, load and the *_seconds columns
  indices     max_load, min_load, mean_load, spread, max_over_mean, gini, jain, cv,
              lower_bound, above_bound_percent ("within N% of the bound"); both null
              when a shift is not one whole cycle (or coverage window) of the rotation or a
              slot is shared: such a schedule can price below any bound for whole cycles
  violations  rule (leave, overlap, rest, max-stints, eligibility, pinned, coverage), line
              (of the shift in --shifts; null for a gap or a missing pinned shift),
              responder, role, start, end, duration_seconds, detail
  quotas      as in oncall help schedule: share, floor, ceiling and held per responder
              and role
--format csv writes one table with a header: --table picks it (default ledger).
`

func runFairness(e *env, args []string) error {
	fs := newFlags("fairness")
	team := fs.String("team", "", "team file (JSON or YAML)")
	rot := fs.String("rotation", "", "rotation file, in place of the team file's section")
	shifts := fs.String("shifts", "", "the schedule to judge (CSV)")
	fromS := fs.String("from", "", "start of the horizon")
	toS := fs.String("to", "", "end of the horizon")
	history := fs.String("history", "", "past shifts (CSV)")
	format := fs.String("format", "json", "json or csv")
	tableName := fs.String("table", "ledger", "with --format csv: ledger or violations")
	pf := addPageFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case *team == "" || *shifts == "":
		return usagef("fairness: --team and --shifts are required")
	case *format != "json" && *format != "csv":
		return usagef("fairness: --format is json or csv, not %q", *format)
	case *tableName != "ledger" && *tableName != "violations":
		return usagef("fairness: --table is ledger or violations, not %q", *tableName)
	}
	if err := checkStdin(*team, *rot, *shifts, *history, *pf.pages); err != nil {
		return err
	}
	ri, err := e.loadRotation(source{path: *team}, source{path: *rot})
	if err != nil {
		return err
	}
	if err := e.loadShifts(ri.inputs, source{path: *shifts}); err != nil {
		return err
	}
	if len(ri.sched) == 0 && (*fromS == "" || *toS == "") {
		return &oncall.ParseError{File: ri.shiftsFile, Line: 1, Err: errors.New("no shifts: give --from and --to to judge an empty schedule")}
	}
	from, to := span(ri.sched)
	loc := ri.zone()
	if *fromS != "" {
		if from, err = parseWhen("from", *fromS, loc); err != nil {
			return err
		}
	}
	if *toS != "" {
		if to, err = parseWhen("to", *toS, loc); err != nil {
			return err
		}
	}
	if !to.After(from) {
		return usagef("fairness: --to must come after --from")
	}
	if err := e.loadHistory(ri, source{path: *history}); err != nil {
		return err
	}
	p := ri.team.Problem(from, to)
	p.History = ri.history
	if err := e.pageLoad(ri, &p, pf); err != nil {
		return err
	}
	m, err := ri.compile(p)
	if err != nil {
		return err
	}
	tables, err := fairnessTables(m, ri.sched, ri.shiftsFile, ri.shiftLines)
	if err != nil {
		return err
	}
	if *format == "csv" {
		if *tableName == "violations" {
			return writeCSV(e.stdout, tables[3], violationColumns)
		}
		return writeCSV(e.stdout, tables[1], ledgerColumns)
	}
	return writeJSON(e.stdout, tables...)
}

var violationColumns = []string{"rule", "line", "responder", "role", "start", "end", "duration_seconds", "detail"}

// judge accounts s and checks its rules, placing bad shifts at their lines.
func judge(m *rotation.Model, s oncall.Schedule, file string, lines []int) (*rotation.Ledger, []rotation.Violation, error) {
	l, err := m.Ledger(s)
	if err != nil {
		return nil, nil, located(err, file, lines)
	}
	vs, err := m.Check(s)
	if err != nil {
		return nil, nil, located(err, file, lines)
	}
	return l, vs, nil
}

// fairnessTables judges s: summary, ledger, indices, violations and quotas, in that order.
func fairnessTables(m *rotation.Model, s oncall.Schedule, file string, lines []int) ([]table, error) {
	l, vs, err := judge(m, s, file, lines)
	if err != nil {
		return nil, err
	}
	slots := m.Slots()
	from, to := slots[0].Start, slots[len(slots)-1].End
	summary := record{{"from", from}, {"to", to}, {"shifts", len(s)}, {"violations", len(vs)}}
	return []table{
		{name: "summary", rows: []record{summary}},
		{name: "ledger", rows: ledgerRows(l)},
		{name: "indices", rows: indicesRow(l)},
		{name: "violations", rows: violationRows(vs, lines)},
		{name: "quotas", rows: quotaRows(m, s)},
	}, nil
}

// located places a shift error at its line.
func located(err error, file string, lines []int) error {
	var se *rotation.ShiftError
	if errors.As(err, &se) {
		return shiftError(se, file, lines)
	}
	return err
}
