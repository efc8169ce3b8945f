package main

import (
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The fixture: Ana, in London (GMT in these March days), works Mon-Fri 09:00-17:30 and sleeps
// 23:00-07:00. Three pages:
//
//	WED-1  Wed 2026-03-11 11:00-11:30  business hours
//	THU-1  Thu 2026-03-12 22:00-23:30  evening, running half an hour into her sleep window
//	SAT-1  Sat 2026-03-14 03:00-05:00  wakes her on a weekend night
//
// Worked out by hand with the package's documented defaults (fall asleep again in 20
// minutes, fatigue.DefaultFallAsleep):
//
//	WED-1  class business, not woken, sleep lost 0
//	THU-1  class off, not woken (she was not yet asleep); awake 22:00-23:50, of which
//	       23:00-23:50 is sleep hours: 3000 s lost, in the night of 2026-03-12, whose longest
//	       sleep is 23:50-07:00 = 25800 s
//	SAT-1  class sleep+weekend, woken; awake 03:00-05:20: 8400 s lost in the night of
//	       2026-03-13, longest sleep 23:00-03:00 = 14400 s
const (
	fTeam  = "testdata/fatigue-team.json"
	fPages = "testdata/fatigue-pages.csv"
)

func fatigueDoc(t *testing.T, args ...string) map[string]any {
	t.Helper()
	return doc(t, cli(t, append([]string{"fatigue", "--team", fTeam, "--pages", fPages}, args...)...))
}

// byKey indexes rows by one column.
func byKey(rows []map[string]any, col string) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, r := range rows {
		out[r[col].(string)] = r
	}
	return out
}

func TestFatigueEpisodes(t *testing.T) {
	d := fatigueDoc(t, "--from", "2026-03-09", "--to", "2026-03-16")
	eps := byKey(rows(t, d, "episodes"), "incidents")
	require.Len(t, eps, 3)

	wed := eps["WED-1"]
	require.Equal(t, "business", wed["class"])
	require.Equal(t, false, wed["woke"])
	require.EqualValues(t, 1800, wed["engaged_seconds"])
	require.EqualValues(t, 0, wed["sleep_lost_seconds"])
	require.Nil(t, wed["night"])

	thu := eps["THU-1"]
	require.Equal(t, "off", thu["class"])
	require.Equal(t, false, thu["woke"])
	require.EqualValues(t, 5400, thu["engaged_seconds"])
	require.EqualValues(t, 3600, thu["engaged_off_seconds"])
	require.EqualValues(t, 1800, thu["engaged_sleep_seconds"])
	require.EqualValues(t, 3000, thu["sleep_lost_seconds"])
	require.Equal(t, "2026-03-12T23:50:00Z", thu["awake_end"])
	require.Equal(t, "2026-03-12", thu["night"])

	sat := eps["SAT-1"]
	require.Equal(t, "ana@2026-03-14T03:00:00Z", sat["episode"])
	require.Equal(t, "sleep+weekend", sat["class"])
	require.Equal(t, true, sat["woke"])
	require.Equal(t, "resolved", sat["end_source"])
	require.Equal(t, "2026-03-14T03:00:00Z", sat["start"])
	require.Equal(t, "2026-03-14T05:00:00Z", sat["end"])
	require.EqualValues(t, 7200, sat["engaged_seconds"])
	require.EqualValues(t, 7200, sat["engaged_weekend_seconds"])
	require.EqualValues(t, 8400, sat["sleep_lost_seconds"]) // 2 h engaged + 20 min to fall asleep
	require.Equal(t, "2026-03-13", sat["night"])
}

func TestFatigueNightsDaysPeriods(t *testing.T) {
	d := fatigueDoc(t, "--from", "2026-03-09", "--to", "2026-03-16")
	nights := byKey(rows(t, d, "nights"), "date")
	require.Len(t, nights, 8) // 9th to 16th
	require.EqualValues(t, 0, nights["2026-03-12"]["awakenings"])
	require.EqualValues(t, 3000, nights["2026-03-12"]["sleep_lost_seconds"])
	require.EqualValues(t, 25800, nights["2026-03-12"]["longest_sleep_seconds"])
	require.EqualValues(t, 1, nights["2026-03-13"]["awakenings"])
	require.EqualValues(t, 8400, nights["2026-03-13"]["sleep_lost_seconds"])
	require.EqualValues(t, 14400, nights["2026-03-13"]["longest_sleep_seconds"])
	require.Equal(t, "2026-03-13T23:00:00Z", nights["2026-03-13"]["start"])
	require.EqualValues(t, 28800, nights["2026-03-15"]["longest_sleep_seconds"]) // undisturbed: 8 h
	require.Equal(t, false, nights["2026-03-15"]["disturbed"])

	days := byKey(rows(t, d, "days"), "date")
	require.Len(t, days, 8)
	// A day's sleep lost is the night before it's; the score is that plus the extra sleepy
	// time, in hours.
	sat := days["2026-03-14"]
	require.Equal(t, false, sat["working_day"])
	require.EqualValues(t, 8400, sat["sleep_lost_seconds"])
	require.InDelta(t, 8400.0/3600+sat["extra_sleepy_seconds"].(float64)/3600, sat["score_hours"], 1e-12)
	require.Nil(t, sat["work_start"])
	require.Nil(t, sat["min_alertness"])
	fri := days["2026-03-13"]
	require.Equal(t, true, fri["working_day"])
	require.EqualValues(t, 3000, fri["sleep_lost_seconds"])
	require.Equal(t, "2026-03-13T09:00:00Z", fri["work_start"])
	require.Equal(t, "2026-03-13T17:30:00Z", fri["work_end"])
	// Less sleep lowers the model's homeostatic S, so the lowest alertness of Friday's
	// working hours is below the undisturbed one.
	require.Less(t, fri["min_alertness"].(float64), fri["baseline_min_alertness"].(float64))
	// Wednesday's business-hours page costs nothing.
	require.EqualValues(t, 0, days["2026-03-11"]["score_hours"])
	require.EqualValues(t, 0, days["2026-03-11"]["nights_to_baseline"])
	require.Equal(t, days["2026-03-11"]["min_alertness"], days["2026-03-11"]["baseline_min_alertness"])

	contribs := rows(t, d, "contributions")
	require.Len(t, contribs, 2)
	require.Equal(t, "2026-03-14", contribs[1]["date"])
	require.Equal(t, "ana@2026-03-14T03:00:00Z", contribs[1]["episode"])
	require.EqualValues(t, 8400, contribs[1]["sleep_lost_seconds"])
	require.Equal(t, sat["score_hours"], contribs[1]["score_hours"])

	p := rows(t, d, "periods")
	require.Len(t, p, 1)
	require.Equal(t, "Europe/London", p[0]["zone"])
	require.EqualValues(t, 8, p[0]["days"])
	require.EqualValues(t, 2, p[0]["nights_disturbed"])
	require.EqualValues(t, 1, p[0]["awakenings"])
	require.EqualValues(t, 11400, p[0]["sleep_lost_seconds"]) // 3000 + 8400
	require.EqualValues(t, 14400, p[0]["shortest_longest_sleep_seconds"])
	require.EqualValues(t, 3, p[0]["episodes"])
	require.EqualValues(t, 14400, p[0]["engaged_seconds"]) // 30 + 90 + 120 minutes
	require.EqualValues(t, 6, p[0]["working_days"])        // Mon 9th to Fri 13th, Mon 16th
	var sum float64
	for _, day := range days {
		sum += day["score_hours"].(float64)
	}
	require.InDelta(t, sum, p[0]["score_hours"], 1e-9)
}

// A business-hours page alone scores nothing and disturbs no night.
func TestFatigueBusinessHoursOnly(t *testing.T) {
	r := runWith(t, "incident_id,service,urgency,responder,role,escalation_level,triggered_at,acknowledged_at,resolved_at\n"+
		"WED-1,api,high,ana,primary,1,2026-03-11T11:00:00Z,2026-03-11T11:02:00Z,2026-03-11T11:30:00Z\n",
		"fatigue", "--team", fTeam, "--pages", "-")
	d := doc(t, r)
	p := rows(t, d, "periods")[0]
	// Default period: the day before the page's date to the day after.
	require.Equal(t, "2026-03-10", p["from"])
	require.Equal(t, "2026-03-12", p["to"])
	require.EqualValues(t, 0, p["score_hours"])
	require.EqualValues(t, 0, p["nights_disturbed"])
	require.EqualValues(t, 0, p["sleep_lost_seconds"])
}

func TestFatigueCSV(t *testing.T) {
	for _, name := range fatigueTables {
		t.Run(name, func(t *testing.T) {
			r := cli(t, "fatigue", "--team", fTeam, "--pages", fPages, "--format", "csv", "--table", name)
			require.Equal(t, exitOK, r.code, r.stderr)
			recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
			require.NoError(t, err)
			require.Equal(t, fatigueColumns[name], recs[0])
		})
	}
	// The JSON tables have the documented columns, in order.
	d := fatigueDoc(t)
	for _, name := range fatigueTables {
		for _, row := range rows(t, d, name) {
			require.Len(t, row, len(fatigueColumns[name]), name)
			for _, c := range fatigueColumns[name] {
				require.Contains(t, row, c, name)
			}
		}
	}
}

// Without --from and --to the period runs from the day before the first page (Wednesday's)
// to the day after the last (Saturday's), so both disturbed nights are in.
func TestFatigueDefaultPeriod(t *testing.T) {
	p := rows(t, fatigueDoc(t), "periods")[0]
	require.Equal(t, "2026-03-10", p["from"])
	require.Equal(t, "2026-03-15", p["to"])
	require.EqualValues(t, 6, p["nights"])
	require.EqualValues(t, 2, p["nights_disturbed"])
	require.EqualValues(t, 11400, p["sleep_lost_seconds"])
}

func TestFatigueDeterministic(t *testing.T) {
	a := cli(t, "fatigue", "--team", fTeam, "--pages", fPages)
	b := cli(t, "fatigue", "--team", fTeam, "--pages", fPages)
	require.Equal(t, exitOK, a.code)
	require.Equal(t, a.stdout, b.stdout)
}

func TestFatigueUsageErrors(t *testing.T) {
	cases := map[string][]string{
		"no pages":       {"fatigue", "--team", fTeam},
		"only from":      {"fatigue", "--team", fTeam, "--pages", fPages, "--from", "2026-03-01"},
		"bad date":       {"fatigue", "--team", fTeam, "--pages", fPages, "--from", "2026-03-32", "--to", "2026-04-01"},
		"reversed":       {"fatigue", "--team", fTeam, "--pages", fPages, "--from", "2026-03-02", "--to", "2026-03-01"},
		"too long":       {"fatigue", "--team", fTeam, "--pages", fPages, "--from", "2000-01-01", "--to", "2026-03-01"},
		"bad zone":       {"fatigue", "--team", fTeam, "--pages", fPages, "--zone", "Mars/Olympus"},
		"bad format":     {"fatigue", "--team", fTeam, "--pages", fPages, "--format", "ics"},
		"bad table":      {"fatigue", "--team", fTeam, "--pages", fPages, "--format", "csv", "--table", "weeks"},
		"extra argument": {"fatigue", "--team", fTeam, "--pages", fPages, "x"},
		"two stdin":      {"fatigue", "--team", "-", "--pages", "-"},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			r := cli(t, args...)
			require.Equal(t, exitUsage, r.code, "stderr: %s", r.stderr)
			require.Empty(t, r.stdout)
			require.Contains(t, r.stderr, "Usage: oncall fatigue")
		})
	}
	r := cli(t, "help", "fatigue")
	require.Equal(t, exitOK, r.code)
	require.Contains(t, r.stdout, "nights_to_baseline")
}

func TestFatigueDataErrors(t *testing.T) {
	const header = "incident_id,service,urgency,responder,role,escalation_level,triggered_at,acknowledged_at,resolved_at\n"
	// A resolution before the trigger, on line 3.
	r := runWith(t, header+"A,api,high,ana,primary,1,2026-03-11T11:00:00Z,,\n"+
		"B,api,high,ana,primary,1,2026-03-11T11:00:00Z,,2026-03-11T10:00:00Z\n",
		"fatigue", "--team", fTeam, "--pages", "-")
	e := errObject(t, r)
	require.Equal(t, "<stdin>", e["file"])
	require.EqualValues(t, 3, e["line"])
	require.Equal(t, "resolved_at", e["field"])

	// Someone the team file does not list.
	r = runWith(t, header+"A,api,high,bo,primary,1,2026-03-11T11:00:00Z,,\n", "fatigue", "--team", fTeam, "--pages", "-")
	e = errObject(t, r)
	require.EqualValues(t, 2, e["line"])
	require.Equal(t, "responder", e["field"])
	require.Equal(t, "bo", e["value"])

	// No pages, so no default period.
	r = runWith(t, header, "fatigue", "--team", fTeam, "--pages", "-")
	e = errObject(t, r)
	require.Contains(t, e["error"], "--from and --to")
	// With a period, an empty table is fine: undisturbed nights.
	d := doc(t, runWith(t, header, "fatigue", "--team", fTeam, "--pages", "-", "--from", "2026-03-09", "--to", "2026-03-10"))
	require.Len(t, rows(t, d, "nights"), 2)
	require.Empty(t, rows(t, d, "episodes"))

	// A bad team file names the key path and line.
	r = runWith(t, `{"schema_version": 1,
 "responders": [{"id": "ana", "profile": {"zone": "Europe/London"}}],
 "recovery": {"policy": "four-day-week"}}`, "fatigue", "--team", "-", "--pages", fPages)
	e = errObject(t, r)
	require.EqualValues(t, 3, e["line"])
	require.Equal(t, "recovery.policy", e["field"])
}
