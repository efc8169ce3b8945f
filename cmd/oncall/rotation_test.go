package main

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The fixture team (testdata/team-rotation.json): ana, bea and cai in UTC with the default
// profile (Monday to Friday 08:00-18:00, sleep 22:00-08:00), one role, weekly cycles from
// Tuesday 10:00 UTC, one week off between stints. bea is on leave for the middle week.
//
// A week on call, by the default weights: a weekday is 10 business hours (x1), 4 off hours
// (x1.5) and 10 sleep hours (x2) = 36; a weekend day is 14 off hours and 10 sleep hours, times
// the weekend factor 1.5 = 31.5 + 30 = 61.5. A week, wherever it starts, has five of one and
// two of the other: 5*36 + 2*61.5 = 303 burden units.
//
// Shares (carpool rule): weeks 1 and 3 are owed 101 by each of the three; week 2, with bea
// away, 151.5 by ana and cai. So ana and cai owe 353.5, bea 202. The mean share per unit of
// capacity is 909/3 = 303, and load = 303 + burden - share.
const (
	rotTeam  = "testdata/team-rotation.json"
	rotFrom  = "2026-01-06"
	rotTo    = "2026-01-27"
	weekCost = 303.0
)

func scheduleArgs(extra ...string) []string {
	return append([]string{"schedule", "--team", rotTeam, "--from", rotFrom, "--to", rotTo}, extra...)
}

// With one week each, ana and cai have load 303+303-353.5 = 252.5 and bea 303+303-202 = 404.
// Anyone with two weeks would have at least 303+606-353.5 = 555.5, and bea cannot take the
// middle week, so the optimum gives one week each with bea in the first or last: max 404.
// The lower bound proves the same: below 404 nobody can take two weeks (555.5) and bea no
// week at all (404), so three weeks cannot be covered; the schedule is 0% above it.
func TestScheduleByHand(t *testing.T) {
	d := doc(t, cli(t, scheduleArgs()...))
	shifts := rows(t, d, "shifts")
	require.Len(t, shifts, 3)
	count := map[any]int{}
	for _, s := range shifts {
		count[s["responder"]]++
		require.EqualValues(t, 7*24*3600, s["duration_seconds"])
		if s["responder"] == "bea" {
			require.NotEqual(t, "2026-01-13T10:00:00Z", s["start"], "bea is on leave that week")
		}
	}
	require.Equal(t, map[any]int{"ana": 1, "bea": 1, "cai": 1}, count)

	want := map[string][3]float64{"ana": {weekCost, 353.5, 252.5}, "bea": {weekCost, 202, 404}, "cai": {weekCost, 353.5, 252.5}}
	for _, a := range rows(t, d, "ledger") {
		w := want[a["responder"].(string)]
		require.InDelta(t, w[0], a["burden"], 1e-9, a["responder"])
		require.InDelta(t, w[1], a["share"], 1e-9, a["responder"])
		require.InDelta(t, w[2], a["load"], 1e-9, a["responder"])
		// 5 weekdays of 10 business hours; 2 weekend days of 10 sleep and 14 off hours.
		require.EqualValues(t, 50*3600, a["business_seconds"])
		require.EqualValues(t, 48*3600, a["weekend_seconds"])
	}
	ix := rows(t, d, "indices")[0]
	require.InDelta(t, 404, ix["max_load"], 1e-9)
	require.InDelta(t, 404, ix["lower_bound"], 1e-9)
	require.InDelta(t, 0, ix["above_bound_percent"], 1e-9)
	// Gini of (252.5, 252.5, 404): mean |xi-xj| over all 9 pairs is 4*151.5/9, over twice
	// the mean 606: 1/9. Jain: 909^2 / (3 * (2*252.5^2 + 404^2)) = 0.947368...
	require.InDelta(t, 1.0/9, ix["gini"], 1e-12)
	require.InDelta(t, 0.9473684210526315, ix["jain"], 1e-12)
	s := rows(t, d, "summary")[0]
	require.EqualValues(t, 3, s["cycles"])
	require.EqualValues(t, 7, s["seed"])
}

// cai held the week before the horizon: burden 303, owed by all three (101 each), so cai
// carries +202 and ana and bea -101. cai may not start the first week (one week off), so
// the best is one week each again, and cai's load is 303 + 202 + 303 - 353.5 = 454.5.
func TestScheduleHistory(t *testing.T) {
	d := doc(t, cli(t, scheduleArgs("--history", "testdata/history.csv")...))
	carried := map[any]float64{}
	for _, a := range rows(t, d, "ledger") {
		carried[a["responder"]] = a["carried"].(float64)
		require.EqualValues(t, 1, a["shifts"])
	}
	require.InDeltaMapValues(t, map[any]float64{"ana": -101, "bea": -101, "cai": 202}, carried, 1e-9)
	for _, s := range rows(t, d, "shifts") {
		if s["responder"] == "cai" {
			require.NotEqual(t, "2026-01-06T10:00:00Z", s["start"], "cai needs a week off")
		}
	}
	require.InDelta(t, 454.5, rows(t, d, "indices")[0]["max_load"], 1e-9)
}

func TestScheduleDeterministic(t *testing.T) {
	a := cli(t, scheduleArgs()...)
	b := cli(t, scheduleArgs()...)
	require.Equal(t, exitOK, a.code)
	require.Equal(t, a.stdout, b.stdout)
}

func TestScheduleCSVAndICS(t *testing.T) {
	r := cli(t, scheduleArgs("--format", "csv")...)
	require.Equal(t, exitOK, r.code, r.stderr)
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 4)
	require.Equal(t, []string{"responder", "role", "start", "end"}, recs[0])

	r = cli(t, scheduleArgs("--format", "ics")...)
	require.Equal(t, exitOK, r.code, r.stderr)
	require.Equal(t, 3, strings.Count(r.stdout, "BEGIN:VEVENT"))
	require.Contains(t, r.stdout, ":trio on call\r\n")

	r = cli(t, scheduleArgs("--format", "ics", "--responder", "bea")...)
	require.Equal(t, exitOK, r.code, r.stderr)
	require.Equal(t, 1, strings.Count(r.stdout, "BEGIN:VEVENT"))
	require.Contains(t, r.stdout, "SUMMARY:On call: bea (primary)")

	// --responder filters the JSON shift table too, not the ledger.
	d := doc(t, cli(t, scheduleArgs("--responder", "ana")...))
	require.Len(t, rows(t, d, "shifts"), 1)
	require.Len(t, rows(t, d, "ledger"), 3)
}

// Re-planning keeps a published schedule that is already optimal, and keeps frozen weeks
// even when they are worse.
func TestSchedulePrevious(t *testing.T) {
	dir := t.TempDir()
	prev := dir + "/prev.csv"
	published := "responder,role,start,end\n" +
		"bea,primary,2026-01-06T10:00:00Z,2026-01-13T10:00:00Z\n" +
		"cai,primary,2026-01-13T10:00:00Z,2026-01-20T10:00:00Z\n" +
		"ana,primary,2026-01-20T10:00:00Z,2026-01-27T10:00:00Z\n"
	require.NoError(t, os.WriteFile(prev, []byte(published), 0o644))
	r := cli(t, scheduleArgs("--previous", prev, "--format", "csv")...)
	require.Equal(t, exitOK, r.code, r.stderr)
	require.Equal(t, published, strings.ReplaceAll(r.stdout, "\r\n", "\n"))

	// Frozen weeks are kept even when unfair: ana holds the first and last weeks (load
	// 303+606-353.5 = 555.5), and with everything frozen nothing changes.
	unfair := "responder,role,start,end\n" +
		"ana,primary,2026-01-06T10:00:00Z,2026-01-13T10:00:00Z\n" +
		"cai,primary,2026-01-13T10:00:00Z,2026-01-20T10:00:00Z\n" +
		"ana,primary,2026-01-20T10:00:00Z,2026-01-27T10:00:00Z\n"
	require.NoError(t, os.WriteFile(prev, []byte(unfair), 0o644))
	d := doc(t, cli(t, scheduleArgs("--previous", prev, "--freeze", "2026-01-21")...))
	require.EqualValues(t, 0, rows(t, d, "summary")[0]["changed"])
	require.InDelta(t, 555.5, rows(t, d, "indices")[0]["max_load"], 1e-9)
	// Frozen up to the last week: only bea can bring the largest load down (to 404), by
	// taking it: one slot changes.
	d = doc(t, cli(t, scheduleArgs("--previous", prev, "--freeze", "2026-01-20")...))
	require.EqualValues(t, 1, rows(t, d, "summary")[0]["changed"])
	last := rows(t, d, "shifts")[2]
	require.Equal(t, "bea", last["responder"])
	require.Equal(t, "2026-01-20T10:00:00Z", last["start"])
	require.InDelta(t, 404, rows(t, d, "indices")[0]["max_load"], 1e-9)

	// The published table holds a shift that is not a cycle: a data error at its line.
	bad := published + "ana,primary,2026-01-20T12:00:00Z,2026-01-27T10:00:00Z\n"
	require.NoError(t, os.WriteFile(prev, []byte(bad), 0o644))
	e := errObject(t, cli(t, scheduleArgs("--previous", prev, "--freeze", "2026-01-13")...))
	require.EqualValues(t, 5, e["line"])
	require.Equal(t, "start", e["field"])
}

func TestScheduleInfeasible(t *testing.T) {
	// Only bea may hold primary, and she is away in the middle week.
	e := errObject(t, cli(t, scheduleArgs("--rotation", "testdata/rotation-infeasible.json")...))
	slot := e["slot"].(map[string]any)
	require.Equal(t, "primary", slot["role"])
	require.Equal(t, "2026-01-13T10:00:00Z", slot["start"])
	require.EqualValues(t, 1, slot["cycle"])
	require.Equal(t, []any{
		map[string]any{"responder": "ana", "rule": "eligibility"},
		map[string]any{"responder": "bea", "rule": "leave"},
		map[string]any{"responder": "cai", "rule": "eligibility"},
	}, e["blocks"])
}

// The LP has one binary per (week, person) pair that is possible: 3 weeks times 3 people,
// less bea in the middle week (unit 1, person 1).
func TestScheduleLP(t *testing.T) {
	r := cli(t, scheduleArgs("--lp")...)
	require.Equal(t, exitOK, r.code, r.stderr)
	require.True(t, strings.HasPrefix(r.stdout, "\\ on-call rotation: 3 people"), r.stdout)
	bin := r.stdout[strings.Index(r.stdout, "Binaries\n")+len("Binaries\n") : strings.Index(r.stdout, "End\n")]
	require.Len(t, strings.Fields(bin), 8)
	require.NotContains(t, bin, "x_1_1")
	require.Contains(t, r.stdout, "Minimize\n obj: L\n")
}

func TestFairnessByHand(t *testing.T) {
	// ana holds the first two weeks, bea the last: ana's burden 606, load 303+606-353.5 =
	// 555.5; bea 404; cai none, 303-353.5 = -50.5. The bound is the optimum 404 (see
	// TestScheduleByHand): (555.5-404)/404 = 37.5% above. A load
	// at or below zero leaves Gini, Jain and CV undefined (null). ana's second week breaks
	// the one-week rest rule.
	d := doc(t, cli(t, "fairness", "--team", rotTeam, "--shifts", "testdata/shifts-uneven.csv"))
	loads := map[any]float64{}
	for _, a := range rows(t, d, "ledger") {
		loads[a["responder"]] = a["load"].(float64)
	}
	require.InDeltaMapValues(t, map[any]float64{"ana": 555.5, "bea": 404, "cai": -50.5}, loads, 1e-9)
	ix := rows(t, d, "indices")[0]
	require.InDelta(t, 404, ix["lower_bound"], 1e-9)
	require.InDelta(t, 37.5, ix["above_bound_percent"], 1e-9)
	require.Nil(t, ix["gini"])
	require.Contains(t, ix, "gini")
	vs := rows(t, d, "violations")
	require.Len(t, vs, 1)
	require.Equal(t, "rest", vs[0]["rule"])
	require.Equal(t, "ana", vs[0]["responder"])
	require.EqualValues(t, 3, vs[0]["line"])
	require.EqualValues(t, 1, rows(t, d, "summary")[0]["violations"])

	r := cli(t, "fairness", "--team", rotTeam, "--shifts", "testdata/shifts-uneven.csv", "--format", "csv", "--table", "violations")
	require.Equal(t, exitOK, r.code, r.stderr)
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	require.NoError(t, err)
	require.Equal(t, violationColumns, recs[0])
	require.Equal(t, []string{"rest", "3", "ana"}, recs[1][:3])

	r = cli(t, "fairness", "--team", rotTeam, "--shifts", "testdata/shifts-uneven.csv", "--format", "csv")
	require.Equal(t, exitOK, r.code, r.stderr)
	recs, err = csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	require.NoError(t, err)
	require.Equal(t, ledgerColumns, recs[0])
	require.Equal(t, []string{"ana", "1", "2", "606"}, recs[1][:4])
}

// A generated schedule judged by fairness gives the same ledger as schedule reported.
func TestFairnessOfGenerated(t *testing.T) {
	r := cli(t, scheduleArgs("--format", "csv")...)
	require.Equal(t, exitOK, r.code)
	gen := doc(t, cli(t, scheduleArgs()...))
	d := doc(t, runWith(t, r.stdout, "fairness", "--team", rotTeam, "--shifts", "-"))
	require.Equal(t, rows(t, gen, "ledger"), rows(t, d, "ledger"))
	require.Empty(t, rows(t, d, "violations"))
}

func TestRotationDataErrors(t *testing.T) {
	dir := t.TempDir()
	unknownRole := dir + "/shifts.csv"
	require.NoError(t, os.WriteFile(unknownRole, []byte("responder,role,start,end\n"+
		"ana,primary,2026-01-06T10:00:00Z,2026-01-13T10:00:00Z\n"+
		"bea,shadow,2026-01-06T10:00:00Z,2026-01-13T10:00:00Z\n"), 0o644))
	e := errObject(t, cli(t, "fairness", "--team", rotTeam, "--shifts", unknownRole))
	require.Equal(t, unknownRole, e["file"])
	require.EqualValues(t, 3, e["line"])
	require.Equal(t, "role", e["field"])
	require.Equal(t, "shadow", e["value"])

	badRot := dir + "/rotation.json"
	require.NoError(t, os.WriteFile(badRot, []byte(`{"schema_version": 1,
  "rotation": {"members": [{"id": "zed"}]}}`), 0o644))
	e = errObject(t, cli(t, scheduleArgs("--rotation", badRot)...))
	require.Equal(t, badRot, e["file"])
	require.EqualValues(t, 2, e["line"])
	require.Equal(t, "rotation.members[0].id", e["field"])
	require.Equal(t, "zed", e["value"])

	// A pin the horizon has no slot for (a fortnightly rotation, out of step with --from).
	fortnightly := dir + "/fortnightly.json"
	require.NoError(t, os.WriteFile(fortnightly, []byte(`{"schema_version": 1, "rotation": {"cycle_days": 14,
  "handoff": {"zone": "UTC"}, "pins": [{"responder": "ana", "role": "primary", "start": "2026-01-13T10:00:00Z"}]}}`), 0o644))
	e = errObject(t, cli(t, scheduleArgs("--rotation", fortnightly)...))
	require.Equal(t, fortnightly, e["file"])
	require.Contains(t, e["error"], "no such slot in the horizon")
}

func TestRotationUsageErrors(t *testing.T) {
	cases := map[string][]string{
		"schedule without team":   {"schedule", "--from", rotFrom, "--to", rotTo},
		"schedule without to":     {"schedule", "--team", rotTeam, "--from", rotFrom},
		"schedule bad format":     scheduleArgs("--format", "xml"),
		"schedule bad date":       {"schedule", "--team", rotTeam, "--from", "6 Jan", "--to", rotTo},
		"schedule backwards":      {"schedule", "--team", rotTeam, "--from", rotTo, "--to", rotFrom},
		"no handoff in horizon":   {"schedule", "--team", rotTeam, "--from", "2026-01-07", "--to", "2026-01-12"},
		"freeze without previous": scheduleArgs("--freeze", "2026-01-13"),
		"lp with format":          scheduleArgs("--lp", "--format", "csv"),
		"unknown responder":       scheduleArgs("--responder", "zed"),
		"two stdin":               scheduleArgs("--history", "-", "--rotation", "-"),
		"fairness without shifts": {"fairness", "--team", rotTeam},
		"fairness bad table":      {"fairness", "--team", rotTeam, "--shifts", "testdata/shifts-uneven.csv", "--table", "x"},
		"fairness bad format":     {"fairness", "--team", rotTeam, "--shifts", "testdata/shifts-uneven.csv", "--format", "ics"},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			r := cli(t, args...)
			require.Equal(t, exitUsage, r.code, "stderr: %s", r.stderr)
			require.Empty(t, r.stdout)
			require.Contains(t, r.stderr, "Usage")
		})
	}
}
