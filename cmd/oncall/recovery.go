package main

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wellrested/oncall/fatigue"
	"github.com/wellrested/oncall/internal/teamfile"
)

const recoveryHelp = `Usage: oncall recovery --team team.json --pages pages.csv
                       [--policy policy.json | --preset NAME] [--responder ID]
                       [--from WHEN] [--to WHEN] [--zone ZONE]
                       [--format json|csv|ics] [--table entitlements|totals] [--quiet]
                       [--merge-gap D] [--engagement D] [--fall-asleep D]

The recovery time each person is owed for their pages (package fatigue), under the team
file's "recovery" section (a default policy and per-person overrides), or, for everyone,
under --policy (a policy file, JSON in the form of the section's policy object) or --preset:

  automatic-day-off  the next working day off after being woken in sleep hours, or after
                     60 minutes or more of work on a weekend or public holiday
  eu-rest            a late start when an episode leaves less than 11 hours of rest before
                     the next working day (EU Working Time Directive)
  time-in-lieu       out-of-hours engaged time at double time, to be taken within 90 days

Episodes are as in oncall fatigue; "next working day" is each person's own (their
weekends, holidays and leave are skipped). --format json (default) writes the tables

  entitlements  uid, responder, rule (rules granting the same day joined with "+"),
                category, episodes (";"-joined), amount_seconds, all_day, earliest_start,
                expires (null: never), capped_seconds (removed by a period cap)
  totals        one record per responder: policy (where it came from), entitlements,
                days_off, owed_seconds, capped_seconds

--format csv writes one table as CSV (--table, default entitlements); --format ics one
iCalendar feed with an event per entitlement (all-day for a day off) with stable UIDs, so
that importing it again updates the events. --responder keeps one person's.

--from and --to keep the entitlements whose earliest_start (when the time off can be
taken) is at or after --from and before --to; either may be left open. Each is an RFC 3339
time or a date, YYYY-MM-DD, meaning midnight at its start in --zone (default UTC): --from
2026-03-01 --to 2026-04-01 is March. The filter is on earliest_start, not on the episodes
that earned the time, because an entitlement has one earliest start but may come from
several episodes, and because period caps count by earliest start too. Entitlements are
granted from all the pages first, so the caps and the amounts are those of the full
history; totals count the entitlements kept.

` + tuningHelp

// recoveryTables lists the tables of oncall recovery in output order.
var recoveryTables = []string{"entitlements", "totals"}

var recoveryColumns = map[string][]string{
	"entitlements": {"uid", "responder", "rule", "category", "episodes", "amount_seconds", "all_day",
		"earliest_start", "expires", "capped_seconds"},
	"totals": {"responder", "policy", "entitlements", "days_off", "owed_seconds", "capped_seconds"},
}

// recoveryFlags are the command line of oncall recovery.
type recoveryFlags struct {
	team, pages, policy, preset, responder, format, table string
	from, to, zone                                        string
}

// recoveryScope is what oncall recovery grants and reports.
type recoveryScope struct {
	only     string    // one responder's, when not empty
	from, to time.Time // entitlements whose earliest start is in [from, to); zero: open
	tune     tuning
}

// keeps reports whether the scope reports an entitlement of its earliest start.
func (sc recoveryScope) keeps(start time.Time) bool {
	return (sc.from.IsZero() || !start.Before(sc.from)) && (sc.to.IsZero() || start.Before(sc.to))
}

func runRecovery(e *env, args []string) error {
	fs := newFlags("recovery")
	var f recoveryFlags
	fs.StringVar(&f.team, "team", "", "team file (JSON or YAML)")
	fs.StringVar(&f.pages, "pages", "", "page table (CSV)")
	fs.StringVar(&f.policy, "policy", "", "policy file (JSON or YAML)")
	fs.StringVar(&f.preset, "preset", "", "preset policy: "+strings.Join(teamfile.PresetNames(), ", "))
	fs.StringVar(&f.responder, "responder", "", "only this responder's entitlements")
	fs.StringVar(&f.format, "format", "json", "json, csv or ics")
	fs.StringVar(&f.table, "table", "entitlements", "with --format csv: entitlements or totals")
	fs.StringVar(&f.from, "from", "", "keep entitlements whose earliest start is at or after this")
	fs.StringVar(&f.to, "to", "", "keep entitlements whose earliest start is before this")
	fs.StringVar(&f.zone, "zone", "UTC", "zone of the dates of --from and --to")
	tune := addTuning(fs)
	e.quietFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := f.check(); err != nil {
		return err
	}
	sc, err := f.scope(*tune)
	if err != nil {
		return err
	}
	if err := checkStdin(f.team, f.pages, f.policy); err != nil {
		return err
	}
	in, err := e.load(source{path: f.team}, source{path: f.pages}, source{})
	if err != nil {
		return err
	}
	if sc.only != "" {
		if _, ok := in.team.Responder(sc.only); !ok {
			return usagef("recovery: --responder %q is not in %s", f.responder, in.teamFile)
		}
	}
	policies, label, err := e.recoveryPolicies(in, f)
	if err != nil {
		return err
	}
	ents, totals, err := entitlements(in, policies, label, sc, e.progress())
	if err != nil {
		return err
	}
	switch f.format {
	case "ics":
		return fatigue.WriteEntitlementsICS(e.stdout, ents, fatigue.ICSOptions{})
	case "csv":
		t := table{name: "entitlements", rows: entitlementRows(ents)}
		if f.table == "totals" {
			t = table{name: "totals", rows: totals}
		}
		return writeCSV(e.stdout, t, recoveryColumns[f.table])
	}
	return writeJSON(e.stdout, table{name: "entitlements", rows: entitlementRows(ents)}, table{name: "totals", rows: totals})
}

func (f recoveryFlags) check() error {
	switch {
	case f.team == "" || f.pages == "":
		return usagef("recovery: --team and --pages are required")
	case f.policy != "" && f.preset != "":
		return usagef("recovery: give --policy or --preset, not both")
	case f.preset != "" && !slices.Contains(teamfile.PresetNames(), f.preset):
		return usagef("recovery: --preset is one of %s, not %q", strings.Join(teamfile.PresetNames(), ", "), f.preset)
	case !slices.Contains([]string{"json", "csv", "ics"}, f.format):
		return usagef("recovery: --format is json, csv or ics, not %q", f.format)
	case !slices.Contains(recoveryTables, f.table):
		return usagef("recovery: --table is entitlements or totals, not %q", f.table)
	}
	return nil
}

// scope reads --responder, --from, --to and --zone.
func (f recoveryFlags) scope(tune tuning) (recoveryScope, error) {
	sc := recoveryScope{only: f.responder, tune: tune}
	loc, err := time.LoadLocation(f.zone)
	if err != nil || f.zone == "" || f.zone == "Local" {
		return sc, usagef("recovery: --zone %q is not an IANA zone name", f.zone)
	}
	if f.from != "" {
		if sc.from, err = parseWhen("from", f.from, loc); err != nil {
			return sc, usagef("recovery: %v", err)
		}
	}
	if f.to != "" {
		if sc.to, err = parseWhen("to", f.to, loc); err != nil {
			return sc, usagef("recovery: %v", err)
		}
	}
	if !sc.from.IsZero() && !sc.to.IsZero() && !sc.to.After(sc.from) {
		return sc, usagef("recovery: --to %s must come after --from %s", f.to, f.from)
	}
	return sc, nil
}

// recoveryPolicies picks the policies: --policy, --preset, or the team file's section. The
// label says where a person's policy came from, for the totals table.
func (e *env) recoveryPolicies(in *inputs, f recoveryFlags) (fatigue.Policies, func(string) string, error) {
	switch {
	case f.preset != "":
		p, _ := teamfile.Preset(f.preset)
		return fatigue.Policies{Default: p}, func(string) string { return "preset " + f.preset }, nil
	case f.policy != "":
		b, name, err := e.read(source{path: f.policy})
		if err != nil {
			return fatigue.Policies{}, nil, err
		}
		p, err := teamfile.DecodePolicy(bytes.NewReader(b), name)
		if err != nil {
			return fatigue.Policies{}, nil, err
		}
		return fatigue.Policies{Default: p}, func(string) string { return "policy file " + name }, nil
	}
	ps, ok := in.team.Policies()
	if !ok {
		return ps, nil, usagef("recovery: %s has no \"recovery\" section: give --policy or --preset", in.teamFile)
	}
	label := func(id string) string {
		if _, over := ps.Override[id]; over {
			return "team file override"
		}
		return "team file"
	}
	return ps, label, nil
}

// entitlements grants everyone in the scope, in team file order, keeps those the scope
// reports and totals them, counting people on the progress line.
func entitlements(in *inputs, ps fatigue.Policies, label func(string) string, sc recoveryScope, bar *progress) ([]fatigue.Entitlement, []record, error) {
	pages, lines := byResponder(in)
	var all []fatigue.Entitlement
	var totals []record
	for i, r := range in.team.Responders {
		if sc.only != "" && r.ID != sc.only {
			continue
		}
		bar.count("recovery", i, len(in.team.Responders), "people")
		cal := in.cals[r.ID]
		eps, err := fatigue.Episodes(r.ID, pages[r.ID], sc.tune.episodes)
		if err != nil {
			return nil, nil, pageError(err, in.pagesFile, lines[r.ID])
		}
		ims, err := fatigue.Analyze(cal, eps, sc.tune.options)
		if err != nil {
			return nil, nil, err
		}
		granted, err := ps.Grant(fatigue.Subject{Person: r.ID, Calendar: cal, Impacts: ims})
		if err != nil {
			return nil, nil, fmt.Errorf("responder %s: %w", r.ID, err)
		}
		ents := slices.DeleteFunc(granted, func(e fatigue.Entitlement) bool { return !sc.keeps(e.EarliestStart) })
		all = append(all, ents...)
		totals = append(totals, totalRow(r.ID, label(r.ID), ents))
	}
	return all, totals, nil
}

func totalRow(id, policy string, ents []fatigue.Entitlement) record {
	var daysOff int
	var owed, capped time.Duration
	for _, e := range ents {
		if e.AllDay {
			daysOff++
		}
		owed += e.Amount
		capped += e.Capped
	}
	return record{{"responder", id}, {"policy", policy}, {"entitlements", len(ents)}, {"days_off", daysOff},
		{"owed_seconds", seconds(owed)}, {"capped_seconds", seconds(capped)}}
}

func entitlementRows(ents []fatigue.Entitlement) []record {
	rows := make([]record, 0, len(ents))
	for _, e := range ents {
		rows = append(rows, record{
			{"uid", e.UID()}, {"responder", e.Person}, {"rule", e.Rule}, {"category", e.Category},
			{"episodes", strings.Join(e.Episodes, ";")}, {"amount_seconds", seconds(e.Amount)}, {"all_day", e.AllDay},
			{"earliest_start", e.EarliestStart}, {"expires", e.Expires}, {"capped_seconds", seconds(e.Capped)},
		})
	}
	return rows
}
