package main

import (
	"fmt"
	"slices"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/fatigue"
)

const hoursHelp = `Usage: oncall hours --team team.json --pages pages.csv [--shifts shifts.csv]
                    [--format json|csv] [--table hours|on_call] [--quiet]

For each responder, in the responder's own calendar (zone, working days and hours, sleep
window, holidays, leave):

  table "hours", one record per responder:
    responder, name, team, zone
    pages                      pages received
    pages_business, pages_off, pages_sleep
                               pages by the band of the trigger time (they sum to pages)
    pages_weekend, pages_holiday, pages_leave
                               pages whose trigger time fell on a weekend, holiday or leave
    engaged_seconds            time engaged, as fatigue's engagement episodes: trigger to
                               resolve; acknowledgement plus 15 minutes when the resolution
                               is unknown; trigger plus 15 minutes when neither is known
                               (fatigue.DefaultEngagement). Overlapping engagements of
                               one person count once.
    engaged_business_seconds, engaged_off_seconds, engaged_sleep_seconds
                               engaged time split exactly by band (they sum to engaged_seconds)
    engaged_weekend_seconds, engaged_holiday_seconds, engaged_leave_seconds

  table "on_call" (with --shifts), one record per responder and role:
    responder, role, shifts
    on_call_seconds            time on call (overlapping shifts count once)
    on_call_business_seconds, on_call_off_seconds, on_call_sleep_seconds
    on_call_weekend_seconds, on_call_holiday_seconds, on_call_leave_seconds

--format csv writes one table as CSV with a header: --table picks it (default hours).
`

func runHours(e *env, args []string) error {
	fs := newFlags("hours")
	team := fs.String("team", "", "team file (JSON or YAML)")
	pages := fs.String("pages", "", "page table (CSV)")
	shifts := fs.String("shifts", "", "shift table (CSV), optional")
	format := fs.String("format", "json", "json or csv")
	tableName := fs.String("table", "hours", "with --format csv: hours or on_call")
	e.quietFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case *team == "" || *pages == "":
		return usagef("hours: --team and --pages are required")
	case *format != "json" && *format != "csv":
		return usagef("hours: --format is json or csv, not %q", *format)
	case *tableName != "hours" && *tableName != "on_call":
		return usagef("hours: --table is hours or on_call, not %q", *tableName)
	case *tableName == "on_call" && *shifts == "":
		return usagef("hours: --table on_call needs --shifts")
	}
	if err := checkStdin(*team, *pages, *shifts); err != nil {
		return err
	}
	in, err := e.load(source{path: *team}, source{path: *pages}, source{path: *shifts})
	if err != nil {
		return err
	}
	tables, err := hoursTables(in)
	if err != nil {
		return err
	}
	if *format == "csv" {
		t := tables[0]
		columns := hoursColumns
		if *tableName == "on_call" {
			t, columns = tables[1], onCallColumns
		}
		return writeCSV(e.stdout, t, columns)
	}
	return writeJSON(e.stdout, tables...)
}

var hoursColumns = []string{"responder", "name", "team", "zone", "pages",
	"pages_business", "pages_off", "pages_sleep", "pages_weekend", "pages_holiday", "pages_leave",
	"engaged_seconds", "engaged_business_seconds", "engaged_off_seconds", "engaged_sleep_seconds",
	"engaged_weekend_seconds", "engaged_holiday_seconds", "engaged_leave_seconds"}

var onCallColumns = []string{"responder", "role", "shifts",
	"on_call_seconds", "on_call_business_seconds", "on_call_off_seconds", "on_call_sleep_seconds",
	"on_call_weekend_seconds", "on_call_holiday_seconds", "on_call_leave_seconds"}

// hoursTables computes the "hours" table and, with shifts, the "on_call" table.
func hoursTables(in *inputs) ([]table, error) {
	rows, err := hoursRows(in)
	if err != nil {
		return nil, err
	}
	tables := []table{{name: "hours", rows: rows}}
	if in.haveShifts {
		oc, err := onCallRows(in)
		if err != nil {
			return nil, err
		}
		tables = append(tables, table{name: "on_call", rows: oc})
	}
	return tables, nil
}

type interval struct{ start, end time.Time }

// union merges overlapping or touching intervals, so shared time counts once.
func union(ivs []interval) []interval {
	slices.SortFunc(ivs, func(a, b interval) int { return a.start.Compare(b.start) })
	var out []interval
	for _, iv := range ivs {
		if n := len(out); n > 0 && !iv.start.After(out[n-1].end) {
			if iv.end.After(out[n-1].end) {
				out[n-1].end = iv.end
			}
			continue
		}
		out = append(out, iv)
	}
	return out
}

// split adds the time of the intervals, merged, to a breakdown in one person's calendar.
func split(c *calendar.Calendar, ivs []interval) (calendar.Breakdown, error) {
	var b calendar.Breakdown
	for _, iv := range union(ivs) {
		if err := c.SplitInto(&b, iv.start, iv.end); err != nil {
			return b, err
		}
	}
	return b, nil
}

// byBand writes a breakdown as the total, the three bands and the three flags.
func byBand(prefix string, b calendar.Breakdown) record {
	return record{
		{prefix + "_seconds", seconds(b.Total())},
		{prefix + "_business_seconds", seconds(b.Band(calendar.Business))},
		{prefix + "_off_seconds", seconds(b.Band(calendar.Off))},
		{prefix + "_sleep_seconds", seconds(b.Band(calendar.Sleep))},
		{prefix + "_weekend_seconds", seconds(b.With(calendar.FlagWeekend))},
		{prefix + "_holiday_seconds", seconds(b.With(calendar.FlagHoliday))},
		{prefix + "_leave_seconds", seconds(b.With(calendar.FlagLeave))},
	}
}

func hoursRows(in *inputs) ([]record, error) {
	byResponder := map[string][]oncall.Page{}
	for _, p := range in.pages {
		byResponder[p.Responder] = append(byResponder[p.Responder], p)
	}
	var rows []record
	for _, r := range in.team.Responders {
		c := in.cals[r.ID]
		pages := byResponder[r.ID]
		var weekend, holiday, leave int
		bands := map[calendar.Band]int{}
		for _, p := range pages {
			cl := c.Classify(p.Triggered)
			bands[cl.Band()]++
			weekend += oneIf(cl, calendar.FlagWeekend)
			holiday += oneIf(cl, calendar.FlagHoliday)
			leave += oneIf(cl, calendar.FlagLeave)
		}
		// Engaged time is fatigue's engagement episodes (overlapping pages count once), so the
		// hours table and the fatigue command agree on what a page cost.
		eps, err := fatigue.Episodes(r.ID, pages, fatigue.EpisodeConfig{MergeGap: -1})
		if err != nil {
			return nil, fmt.Errorf("responder %s: %w", r.ID, err)
		}
		engaged := make([]interval, len(eps))
		for k, ep := range eps {
			engaged[k] = interval{ep.Start, ep.End}
		}
		b, err := split(c, engaged)
		if err != nil {
			return nil, fmt.Errorf("responder %s: %w", r.ID, err)
		}
		row := record{
			{"responder", r.ID}, {"name", r.Name}, {"team", r.Team}, {"zone", c.Location().String()},
			{"pages", len(pages)},
			{"pages_business", bands[calendar.Business]}, {"pages_off", bands[calendar.Off]}, {"pages_sleep", bands[calendar.Sleep]},
			{"pages_weekend", weekend}, {"pages_holiday", holiday}, {"pages_leave", leave},
		}
		rows = append(rows, append(row, byBand("engaged", b)...))
	}
	return rows, nil
}

func oneIf(c calendar.Class, f calendar.Flags) int {
	if c.Has(f) {
		return 1
	}
	return 0
}

// onCallRows splits each person's shifts in their calendar, per role: the team's roles first,
// in file order, then any others the schedule uses, by name.
func onCallRows(in *inputs) ([]record, error) {
	var rows []record
	for _, r := range in.team.Responders {
		for _, role := range scheduleRoles(in) {
			var ivs []interval
			for _, s := range in.sched {
				if s.Responder == r.ID && s.Role == role {
					ivs = append(ivs, interval{s.Start, s.End})
				}
			}
			if len(ivs) == 0 {
				continue
			}
			b, err := split(in.cals[r.ID], ivs)
			if err != nil {
				return nil, fmt.Errorf("responder %s: %w", r.ID, err)
			}
			row := record{{"responder", r.ID}, {"role", role}, {"shifts", len(ivs)}}
			rows = append(rows, append(row, byBand("on_call", b)...))
		}
	}
	return rows, nil
}
