package main

import (
	"slices"
	"time"

	"github.com/wellrested/oncall"
)

const validateHelp = `Usage: oncall validate --team team.json --pages pages.csv [--shifts shifts.csv]
                       [--quiet]

Reads and checks every file: the team file's schema and profiles, every page and shift, and
that pages and shifts name responders of the team. Any problem is a data error (exit status
1) naming the file, line and field. Otherwise it writes:

  table "summary", one record:
    team, team_file, responders, roles
    pages_file, pages, incidents, services, escalated_pages, unacknowledged_pages,
    unresolved_pages, first_triggered_at, last_triggered_at
    shifts_file, shifts, schedule_start, schedule_end, gaps, overlaps,
    pages_off_schedule (pages to someone not on call in that role at the time)
    (the shift columns are null without --shifts)
  table "gaps" (with --shifts): role, start, end, duration_seconds
    stretches between the schedule's first start and last end in which a role of the team
    file or the schedule has nobody on call
  table "overlaps" (with --shifts): kind (same-role or same-person), responder_a, role_a,
    line_a, responder_b, role_b, line_b, start, end, duration_seconds

Gaps and overlaps are findings, not errors: the exit status stays 0.
`

func runValidate(e *env, args []string) error {
	fs := newFlags("validate")
	team := fs.String("team", "", "team file (JSON or YAML)")
	pages := fs.String("pages", "", "page table (CSV)")
	shifts := fs.String("shifts", "", "shift table (CSV), optional")
	e.quietFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *team == "" || *pages == "" {
		return usagef("validate: --team and --pages are required")
	}
	if err := checkStdin(*team, *pages, *shifts); err != nil {
		return err
	}
	in, err := e.load(source{path: *team}, source{path: *pages}, source{path: *shifts})
	if err != nil {
		return err
	}
	return writeJSON(e.stdout, validateTables(in)...)
}

// validateTables builds the summary, gaps and overlaps tables.
func validateTables(in *inputs) []table {
	incidents, services := map[string]bool{}, map[string]bool{}
	var escalated, unacked, unresolved int
	var first, last time.Time
	for _, p := range in.pages {
		incidents[p.IncidentID] = true
		services[p.Service] = true
		if p.EscalationLevel > 1 {
			escalated++
		}
		if p.Acknowledged.IsZero() {
			unacked++
		}
		if p.Resolved.IsZero() {
			unresolved++
		}
		if first.IsZero() || p.Triggered.Before(first) {
			first = p.Triggered
		}
		if last.IsZero() || p.Triggered.After(last) {
			last = p.Triggered
		}
	}
	summary := record{
		{"team", in.team.Name}, {"team_file", in.teamFile},
		{"responders", len(in.team.Responders)}, {"roles", len(in.team.Roles)},
		{"pages_file", in.pagesFile}, {"pages", len(in.pages)}, {"incidents", len(incidents)},
		{"services", len(services)}, {"escalated_pages", escalated},
		{"unacknowledged_pages", unacked}, {"unresolved_pages", unresolved},
		{"first_triggered_at", first}, {"last_triggered_at", last},
	}
	if !in.haveShifts {
		for _, k := range []string{"shifts_file", "shifts", "schedule_start", "schedule_end", "gaps", "overlaps", "pages_off_schedule"} {
			summary = append(summary, field{k, nil})
		}
		return []table{{name: "summary", rows: []record{summary}}}
	}

	start, end := span(in.sched)
	var gaps []record
	for _, role := range scheduleRoles(in) {
		for _, g := range in.sched.Gaps(role, start, end) {
			gaps = append(gaps, record{{"role", g.Role}, {"start", g.Start}, {"end", g.End}, {"duration_seconds", seconds(g.End.Sub(g.Start))}})
		}
	}
	var overlaps []record
	for _, o := range in.sched.Overlaps() {
		a, b := in.sched[o.A], in.sched[o.B]
		overlaps = append(overlaps, record{
			{"kind", string(o.Kind)},
			{"responder_a", a.Responder}, {"role_a", a.Role}, {"line_a", in.shiftLines[o.A]},
			{"responder_b", b.Responder}, {"role_b", b.Role}, {"line_b", in.shiftLines[o.B]},
			{"start", o.Start}, {"end", o.End}, {"duration_seconds", seconds(o.End.Sub(o.Start))},
		})
	}
	summary = append(summary,
		field{"shifts_file", in.shiftsFile}, field{"shifts", len(in.sched)},
		field{"schedule_start", start}, field{"schedule_end", end},
		field{"gaps", len(gaps)}, field{"overlaps", len(overlaps)},
		field{"pages_off_schedule", offSchedule(in)})
	return []table{
		{name: "summary", rows: []record{summary}},
		{name: "gaps", rows: gaps},
		{name: "overlaps", rows: overlaps},
	}
}

// span is the first start and last end of a schedule.
func span(s oncall.Schedule) (start, end time.Time) {
	for _, sh := range s {
		if start.IsZero() || sh.Start.Before(start) {
			start = sh.Start
		}
		if end.IsZero() || sh.End.After(end) {
			end = sh.End
		}
	}
	return start, end
}

// scheduleRoles are the team's roles in file order, then other roles of the schedule.
func scheduleRoles(in *inputs) []string {
	var roles []string
	for _, r := range in.team.Roles {
		roles = append(roles, r.Name)
	}
	for _, r := range in.sched.Roles() {
		if !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
	}
	return roles
}

// offSchedule counts pages to someone who held no shift in the page's role (any role, when
// the page has none) when the page was triggered.
func offSchedule(in *inputs) int {
	n := 0
	for _, p := range in.pages {
		on := false
		for _, s := range in.sched {
			if s.Responder == p.Responder && (p.Role == "" || s.Role == p.Role) && s.Contains(p.Triggered) {
				on = true
				break
			}
		}
		if !on {
			n++
		}
	}
	return n
}
