package main

import (
	"bytes"
	"errors"
	"flag"
	"math"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/internal/teamfile"
	"github.com/wellrested/oncall/rotation"
)

// rotationInputs is what schedule and fairness read: the team, optionally a separate rotation
// file, and the shift tables that feed the problem.
type rotationInputs struct {
	*inputs
	rotationFile string
	history      oncall.Schedule
	historyLines []int
	historyFile  string
}

// loadRotation reads the team and, when rot names one, a rotation file that replaces the
// team file's rotation section.
func (e *env) loadRotation(team, rot source) (*rotationInputs, error) {
	in, err := e.loadTeam(team)
	if err != nil {
		return nil, err
	}
	ri := &rotationInputs{inputs: in}
	if rot.path == "" {
		return ri, nil
	}
	if in.team.Rotation, ri.rotationFile, err = e.readRotation(in, rot); err != nil {
		return nil, err
	}
	return ri, nil
}

// readRotation reads a rotation file for the team, returning the name used in errors.
func (e *env) readRotation(in *inputs, src source) (*teamfile.Rotation, string, error) {
	b, name, err := e.read(src)
	if err != nil {
		return nil, name, err
	}
	r, err := teamfile.DecodeRotation(bytes.NewReader(b), name, in.team)
	return r, name, err
}

// loadHistory reads the past shifts, when src names a file.
func (e *env) loadHistory(ri *rotationInputs, src source) error {
	if src.path == "" {
		return nil
	}
	var err error
	ri.history, ri.historyLines, ri.historyFile, err = e.readSchedule(ri.inputs, src)
	return err
}

// zone is the rotation's reference zone, where dates on the command line are read.
func (ri *rotationInputs) zone() *time.Location {
	if r := ri.team.Rotation; r != nil && r.Spec.Zone != nil {
		return r.Spec.Zone
	}
	return time.UTC
}

// parseWhen reads a flag value as an RFC 3339 time, or a date meaning its midnight in loc.
func parseWhen(flagName, v string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	d, err := calendar.ParseDate(v)
	if err != nil {
		return time.Time{}, usagef("--%s %q: want a date (2026-12-01) or an RFC 3339 time", flagName, v)
	}
	return d.Start(loc), nil
}

// compile builds the model; problems in history shifts are reported at their line.
func (ri *rotationInputs) compile(p rotation.Problem) (*rotation.Model, error) {
	m, err := rotation.Compile(p)
	if err != nil {
		var se *rotation.ShiftError
		if errors.As(err, &se) && ri.historyFile != "" {
			return nil, shiftError(se, ri.historyFile, ri.historyLines)
		}
		return nil, &teamfile.Error{File: ri.source(), Err: err}
	}
	return m, nil
}

// ErrOffGrid reports a published shift that is not one whole slot of the rotation.
var ErrOffGrid = errors.New("not a whole cycle of the rotation (handoff, cycle length and roles must match)")

// onGrid keeps the shifts of a published schedule that start in the horizon, and checks that
// each is one role for one whole cycle, so re-planning can compare slot by slot.
func onGrid(p rotation.Problem, s oncall.Schedule, file string, lines []int) (oncall.Schedule, error) {
	ends := map[int64]time.Time{}
	for start, end := range p.Spec.Cycles(p.From, p.To) {
		ends[start.UnixNano()] = end
	}
	roles := map[string]bool{}
	for _, r := range p.Spec.Roles {
		roles[r.Name] = true
	}
	var out oncall.Schedule
	for i, sh := range s {
		if sh.Start.Before(p.From) || !sh.Start.Before(p.To) {
			continue
		}
		if !roles[sh.Role] {
			return nil, &oncall.ParseError{File: file, Line: lines[i], Field: "role", Value: sh.Role, Err: rotation.ErrUnknownRole}
		}
		if end, ok := ends[sh.Start.UnixNano()]; !ok || !end.Equal(sh.End) {
			return nil, &oncall.ParseError{File: file, Line: lines[i], Field: "start", Value: sh.Start.Format(time.RFC3339), Err: ErrOffGrid}
		}
		out = append(out, sh)
	}
	return out, nil
}

// source names the file the rotation came from, for errors the model reports.
func (ri *rotationInputs) source() string {
	if ri.rotationFile != "" {
		return ri.rotationFile
	}
	return ri.teamFile
}

// shiftError places a shift the model cannot account at its line in the shift table.
func shiftError(se *rotation.ShiftError, file string, lines []int) error {
	line := 0
	if se.Index >= 0 && se.Index < len(lines) {
		line = lines[se.Index]
	}
	field, value := "responder", se.Shift.Responder
	if errors.Is(se.Err, rotation.ErrUnknownRole) {
		field, value = "role", se.Shift.Role
	}
	return &oncall.ParseError{File: file, Line: line, Field: field, Value: value, Err: se}
}

// ledgerRows writes one flat record per account.
func ledgerRows(l *rotation.Ledger) []record {
	rows := make([]record, 0, len(l.Accounts))
	for _, a := range l.Accounts {
		h := a.Hours
		rows = append(rows, record{
			{"responder", a.Responder}, {"capacity", a.Capacity}, {"shifts", a.Shifts},
			{"burden", a.Burden}, {"share", a.Share}, {"carried", a.Carried}, {"balance", a.Balance}, {"load", a.Load},
			{"on_call_seconds", seconds(h.Total())},
			{"business_seconds", seconds(h.Band(calendar.Business))}, {"off_seconds", seconds(h.Band(calendar.Off))},
			{"sleep_seconds", seconds(h.Band(calendar.Sleep))}, {"weekend_seconds", seconds(h.With(calendar.FlagWeekend))},
			{"holiday_seconds", seconds(h.With(calendar.FlagHoliday))}, {"leave_seconds", seconds(h.With(calendar.FlagLeave))},
		})
	}
	return rows
}

var ledgerColumns = []string{"responder", "capacity", "shifts", "burden", "share", "carried", "balance", "load",
	"on_call_seconds", "business_seconds", "off_seconds", "sleep_seconds", "weekend_seconds", "holiday_seconds", "leave_seconds"}

// quotaRows is the quotas table: each person's fair number of slots per role and in all,
// its floor and ceiling, and how many s gives them.
func quotaRows(m *rotation.Model, s oncall.Schedule) []record {
	q := m.Quotas()
	held := m.Held(q, s)
	rows := make([]record, len(q))
	for i, x := range q {
		role := x.Role
		if role == "" {
			role = "all"
		}
		rows[i] = record{{"responder", x.Responder}, {"role", role}, {"share", x.Share},
			{"floor", x.Floor}, {"ceiling", x.Ceiling}, {"held", held[i]}}
	}
	return rows
}

// aboveBound is how far the largest load is above the lower bound, in percent of the bound;
// NaN when the bound is not positive, where a percentage means nothing.
func aboveBound(max, bound float64) float64 {
	if !(bound > 0) {
		return math.NaN()
	}
	return 100 * (max - bound) / bound
}

// indicesRow is the one-record "indices" table.
func indicesRow(l *rotation.Ledger) []record {
	ix := l.Indices
	return []record{{
		{"max_load", ix.Max}, {"min_load", ix.Min}, {"mean_load", ix.Mean}, {"spread", ix.Spread},
		{"max_over_mean", ix.MaxOverMean}, {"gini", ix.Gini}, {"jain", ix.Jain}, {"cv", ix.CV},
		{"lower_bound", l.LowerBound}, {"above_bound_percent", aboveBound(ix.Max, l.LowerBound)},
	}}
}

// shiftRows writes the shift table as records.
func shiftRows(s oncall.Schedule) []record {
	rows := make([]record, 0, len(s))
	for _, sh := range s {
		rows = append(rows, record{{"responder", sh.Responder}, {"role", sh.Role}, {"start", sh.Start}, {"end", sh.End},
			{"duration_seconds", seconds(sh.Duration())}})
	}
	return rows
}

// violationRows writes the broken rules; line is the line of the shift in its table, null
// for a gap or a missing pinned shift.
func violationRows(vs []rotation.Violation, lines []int) []record {
	rows := make([]record, 0, len(vs))
	for _, v := range vs {
		var line any
		if v.Index >= 0 && v.Index < len(lines) {
			line = lines[v.Index]
		}
		rows = append(rows, record{{"rule", string(v.Rule)}, {"line", line}, {"responder", v.Responder}, {"role", v.Role},
			{"start", v.Start}, {"end", v.End}, {"duration_seconds", seconds(v.End.Sub(v.Start))}, {"detail", v.Detail}})
	}
	return rows
}

// pageFlags are the flags that feed the rotation's page load: the past pages it learns the
// expected pages per hour of the week from, and the period they cover.
type pageFlags struct{ pages, from, to *string }

func addPageFlags(fs *flag.FlagSet) pageFlags {
	return pageFlags{
		pages: fs.String("pages", "", "past pages (CSV) the rotation's page_weight learns from"),
		from:  fs.String("pages-from", "", "start of the period --pages covers"),
		to:    fs.String("pages-to", "", "end of the period --pages covers"),
	}
}

// pageLoad gives the problem the pages its page load learns from. The period defaults to
// whole days in the rotation's zone, from the first page's day to the end of the last's;
// pages outside a period given on the command line are left out of the learning.
func (e *env) pageLoad(ri *rotationInputs, p *rotation.Problem, f pageFlags) error {
	switch {
	case *f.pages == "" && (*f.from != "" || *f.to != ""):
		return usagef("--pages-from and --pages-to need --pages")
	case *f.pages == "" && p.PageLoad.Weight > 0:
		return usagef("the rotation's page_weight is %v: give the past pages it learns from with --pages", p.PageLoad.Weight)
	case *f.pages == "":
		return nil
	case p.PageLoad.Weight == 0:
		return usagef("--pages is only read when the rotation's page_weight is above 0")
	}
	if err := e.loadPages(ri.inputs, source{path: *f.pages}); err != nil {
		return err
	}
	loc := ri.zone()
	var from, to time.Time
	for i, pg := range ri.pages {
		if i == 0 || pg.Triggered.Before(from) {
			from = pg.Triggered
		}
		if i == 0 || pg.Triggered.After(to) {
			to = pg.Triggered
		}
	}
	if len(ri.pages) > 0 {
		from = calendar.DateOf(from.In(loc)).Start(loc)
		to = calendar.DateOf(to.In(loc)).AddDays(1).Start(loc)
	}
	var err error
	if *f.from != "" {
		if from, err = parseWhen("pages-from", *f.from, loc); err != nil {
			return err
		}
	}
	if *f.to != "" {
		if to, err = parseWhen("pages-to", *f.to, loc); err != nil {
			return err
		}
	}
	if !to.After(from) {
		return usagef("the period of --pages is empty: give --pages-from before --pages-to, or a file with pages")
	}
	roles := map[string]bool{"": true} // a page with no role counts for the first role
	for _, r := range p.Spec.Roles {
		roles[r.Name] = true
	}
	p.PageLoad.From, p.PageLoad.To = from, to
	p.PageLoad.Pages = p.PageLoad.Pages[:0]
	for i, pg := range ri.pages {
		if pg.Triggered.Before(from) || !pg.Triggered.Before(to) {
			continue
		}
		if !roles[pg.Role] {
			return &oncall.ParseError{File: ri.pagesFile, Line: ri.pageLines[i], Field: "role", Value: pg.Role, Err: rotation.ErrUnknownRole}
		}
		p.PageLoad.Pages = append(p.PageLoad.Pages, pg)
	}
	return nil
}
