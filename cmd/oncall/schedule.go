package main

import (
	"errors"
	"flag"
	"strings"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/rotation"
)

const scheduleHelp = `Usage: oncall schedule --team team.json --from DATE --to DATE [--rotation rotation.json]
                       [--history shifts.csv] [--previous shifts.csv [--freeze TIME]]
                       [--pages pages.csv [--pages-from DATE] [--pages-to DATE]]
                       [--format json|csv|ics] [--responder ID] [--lp] [--quiet]

Generates the fairest rotation it can find for the cycles whose handoff falls in
[--from, --to), under the team file's "rotation" section (cycle length, handoff, roles and
weights, chaining, rest and stint rules, per-person capacity, roles and caps, pins, seed):
it minimises the largest capacity-normalised load, then the next largest, keeping every
hard rule. A DATE is midnight in the handoff's zone; an RFC 3339 time is also accepted.

  --rotation  a rotation file ({"schema_version": 1, "rotation": {...}}) used in place of
              the team file's rotation section
  --history   past shifts: each person's burden in them minus their fair share is carried
              forward, so last year's Christmas counts this year
  --previous  the published schedule for the horizon: changes to it are kept to a minimum
  --freeze    with --previous, shifts starting before this time are kept as published
  --pages     past pages, for the rotation's "page_weight": each shift hour also weighs
              page_weight times the pages its hour of the week saw on average (read in
              the handoff's zone), per role; a page with no role counts for the first
  --pages-from, --pages-to
              the period --pages covers (default whole days in the handoff's zone from
              the first page's to the last page's); pages outside it are not learned from
  --responder only this responder's shifts (the ledger still covers everyone)
  --lp        write the model as a mixed-integer program in CPLEX LP format instead (for
              CBC, GLPK, HiGHS or CPLEX); its optimum is the best achievable largest load

--format json (default) writes the tables
  shifts    responder, role, start, end, duration_seconds
  ledger    one record per responder: capacity, shifts, burden (weighted hours times role
            weight), share (the burden owed: each slot's burden split among the people free
            and eligible for it, by capacity), carried (balance from --history), balance
            (carried + burden - share), load (the team's mean share per unit of capacity
            plus balance / capacity: what the generator minimises), on_call_seconds and
            business_, off_, sleep_, weekend_, holiday_, leave_seconds in the person's
            own calendar
  indices   max_load, min_load, mean_load, spread, max_over_mean, gini, jain, cv,
            lower_bound (no schedule can bring max_load below it), above_bound_percent
  quotas    one record per responder and role, then role "all": share (the fair number
            of slots: each slot split among the people free and eligible for it, by
            capacity), floor and ceiling (the quota bounds), held (slots in the schedule)
  summary   from, to, cycles, shifts, changed (slots from --freeze on that differ from
            --previous), seed
--format csv writes the shift table (responder,role,start,end); --format ics an iCalendar
feed, one event per shift in UTC with stable UIDs, for the team or for --responder.

A problem with no solution (too few people free and eligible for some slot) is a data error
naming the first slot nobody can cover and the rule that stops each person.

The rotation section of the team file (every key optional; left out, the default):
  "rotation": {
    "cycle_days": 7,
    "handoff": {"weekday": "Tue", "time": "10:00", "zone": "Europe/London"},
                                     default Tuesday 10:00 UTC; a given handoff needs a zone
    "roles": [{"name": "primary", "weight": 1}, {"name": "secondary", "weight": 0.5}],
                                     roles of the team; default the team's roles, primary
                                     weighing 1, secondary 0.5, others 1
    "chain": false,                  true: last cycle's secondary is this cycle's primary
    "min_cycles_off": 0,             whole cycles off between two stints
    "stint_period": 13,              cycles over which max_stints counts
    "weights": {"business": 1, "off": 1.5, "sleep": 2, "weekend": 1.5, "holiday": 2,
                "leave": 3},         an hour weighs its band times its largest flag
    "members": [{"id": "...", "capacity": 1, "roles": ["secondary"], "max_stints": 0}],
                                     per person: share of a full load, roles allowed ([] for
                                     none), stints per stint_period (0: no cap)
    "pins": [{"responder": "...", "role": "primary", "start": "2026-12-22T10:00:00Z"}],
                                     agreed assignments, each at a handoff
    "page_weight": 0,                burden per expected page in a shift hour (needs
                                     --pages; 0: page load off)
    "seed": 0                        breaks ties
  }
`

func runSchedule(e *env, args []string) error {
	fs := newFlags("schedule")
	team := fs.String("team", "", "team file (JSON or YAML)")
	rot := fs.String("rotation", "", "rotation file, in place of the team file's section")
	fromS := fs.String("from", "", "start of the horizon")
	toS := fs.String("to", "", "end of the horizon")
	history := fs.String("history", "", "past shifts (CSV)")
	previous := fs.String("previous", "", "published schedule (CSV)")
	freezeS := fs.String("freeze", "", "keep published shifts starting before this time")
	format := fs.String("format", "json", "json, csv or ics")
	responder := fs.String("responder", "", "only this responder's shifts")
	lp := fs.Bool("lp", false, "write the CPLEX LP model")
	pf := addPageFlags(fs)
	e.quietFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkScheduleFlags(fs, *team, *fromS, *toS, *format, *previous, *freezeS, *lp); err != nil {
		return err
	}
	if err := checkStdin(*team, *rot, *history, *previous, *pf.pages); err != nil {
		return err
	}
	ri, err := e.loadRotation(source{path: *team}, source{path: *rot})
	if err != nil {
		return err
	}
	loc := ri.zone()
	from, err := parseWhen("from", *fromS, loc)
	if err != nil {
		return err
	}
	to, err := parseWhen("to", *toS, loc)
	if err != nil {
		return err
	}
	if !to.After(from) {
		return usagef("schedule: --to must come after --from")
	}
	if *responder != "" {
		if _, ok := ri.team.Responder(*responder); !ok {
			return usagef("schedule: --responder %q is not in %s", *responder, ri.teamFile)
		}
	}
	p := ri.team.Problem(from, to)
	if !hasCycle(p) {
		h := rotation.DefaultHandoff()
		if p.Spec.Handoff != nil {
			h = *p.Spec.Handoff
		}
		return usagef("schedule: no %s %s handoff (%s) falls between --from and --to", h.Day, h.At, loc)
	}
	if *freezeS != "" {
		if p.Freeze, err = parseWhen("freeze", *freezeS, loc); err != nil {
			return err
		}
	}
	if err := e.loadHistory(ri, source{path: *history}); err != nil {
		return err
	}
	p.History = ri.history
	if err := e.pageLoad(ri, &p, pf); err != nil {
		return err
	}
	if *previous != "" {
		prev, lines, name, err := e.readSchedule(ri.inputs, source{path: *previous})
		if err != nil {
			return err
		}
		if p.Previous, err = onGrid(p, prev, name, lines); err != nil {
			return err
		}
	}
	m, err := ri.compile(p)
	if err != nil {
		return err
	}
	if *lp {
		return m.WriteLP(e.stdout)
	}
	e.progress().step("generating the rotation")
	plan, err := m.Generate()
	if err != nil {
		return err
	}
	shifts := plan.Shifts
	if *responder != "" {
		shifts = rotation.ForResponder(shifts, *responder)
	}
	switch *format {
	case "csv":
		return oncall.WriteShifts(e.stdout, shifts)
	case "ics":
		name := strings.TrimSpace(ri.team.Name + " on call")
		if *responder != "" {
			name = *responder + " on call"
		}
		return rotation.Feed{Name: name}.Write(e.stdout, shifts)
	}
	return writeJSON(e.stdout, scheduleTables(m, plan, shifts, p)...)
}

// hasCycle reports whether a handoff falls in the horizon.
func hasCycle(p rotation.Problem) bool {
	for range p.Spec.Cycles(p.From, p.To) {
		return true
	}
	return false
}

// checkScheduleFlags checks the command line before anything is read.
func checkScheduleFlags(fs *flag.FlagSet, team, from, to, format, previous, freeze string, lp bool) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case team == "" || from == "" || to == "":
		return usagef("schedule: --team, --from and --to are required")
	case format != "json" && format != "csv" && format != "ics":
		return usagef("schedule: --format is json, csv or ics, not %q", format)
	case freeze != "" && previous == "":
		return usagef("schedule: --freeze needs --previous, the schedule to keep")
	case lp && (set["format"] || set["responder"]):
		return usagef("schedule: --lp writes the model only; it takes no --format or --responder")
	}
	return nil
}

func scheduleTables(m *rotation.Model, plan *rotation.Plan, shifts oncall.Schedule, p rotation.Problem) []table {
	slots := m.Slots()
	cycles := 0
	if n := len(slots); n > 0 {
		cycles = slots[n-1].Cycle + 1
	}
	var freeze any
	if !p.Freeze.IsZero() {
		freeze = p.Freeze
	}
	summary := record{{"from", p.From}, {"to", p.To}, {"cycles", cycles}, {"shifts", len(plan.Shifts)},
		{"changed", plan.Changed}, {"freeze", freeze}, {"seed", p.Seed}}
	return []table{
		{name: "summary", rows: []record{summary}},
		{name: "shifts", rows: shiftRows(shifts)},
		{name: "ledger", rows: ledgerRows(plan.Ledger)},
		{name: "indices", rows: indicesRow(plan.Ledger)},
		{name: "quotas", rows: quotaRows(m, plan.Shifts)},
	}
}

// infeasible reports whether err is an uncoverable slot, for describe.
func infeasible(err error) (*rotation.UncoverableError, bool) {
	var ue *rotation.UncoverableError
	return ue, errors.As(err, &ue)
}
