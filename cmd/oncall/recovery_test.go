package main

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The fixture is fatigue_test.go's: Ana in London, working Mon-Fri 09:00-17:30, paged on
// Wednesday 11:00-11:30 (business hours), Thursday 22:00-23:30 and Saturday 03:00-05:00.
// The team file's recovery section is the automatic-day-off preset.

func recoveryDoc(t *testing.T, args ...string) map[string]any {
	t.Helper()
	return doc(t, cli(t, append([]string{"recovery", "--team", fTeam, "--pages", fPages}, args...)...))
}

func TestRecoveryAutomaticDayOff(t *testing.T) {
	d := recoveryDoc(t)
	ents := rows(t, d, "entitlements")
	// Only Saturday's page earns anything: it woke her, and it was two hours of weekend work
	// (more than the 60-minute threshold). Both rules grant the next working day, Monday
	// 2026-03-16, whole: 09:00-17:30 is 30600 s. Thursday's page did not wake her and was
	// not on a weekend; Wednesday's was in business hours.
	require.Len(t, ents, 1)
	e := ents[0]
	require.Equal(t, "ana", e["responder"])
	require.Equal(t, "woken-in-sleep-hours+weekend-or-holiday-work", e["rule"])
	require.Equal(t, "on-call recovery", e["category"])
	require.Equal(t, "ana@2026-03-14T03:00:00Z", e["episodes"])
	require.Equal(t, true, e["all_day"])
	require.EqualValues(t, 30600, e["amount_seconds"])
	require.Equal(t, "2026-03-16T09:00:00Z", e["earliest_start"])
	require.Equal(t, "2026-03-16T17:30:00Z", e["expires"])
	require.NotEmpty(t, e["uid"])

	tot := rows(t, d, "totals")
	require.Len(t, tot, 1)
	require.Equal(t, "team file", tot[0]["policy"])
	require.EqualValues(t, 1, tot[0]["days_off"])
	require.EqualValues(t, 30600, tot[0]["owed_seconds"])
}

func TestRecoveryPresets(t *testing.T) {
	// EU rest: Thursday's episode ends 23:30; eleven hours of rest run to 10:30 on Friday,
	// so she starts 1 h 30 min late (5400 s). Saturday's leaves more than 11 hours before
	// Monday 09:00.
	ents := rows(t, recoveryDoc(t, "--preset", "eu-rest"), "entitlements")
	require.Len(t, ents, 1)
	require.Equal(t, "daily-rest", ents[0]["rule"])
	require.EqualValues(t, 5400, ents[0]["amount_seconds"])
	require.Equal(t, false, ents[0]["all_day"])
	require.Equal(t, "2026-03-13T09:00:00Z", ents[0]["earliest_start"])

	// Time in lieu: out-of-hours engaged time at double time. Thursday 22:00-23:30 is 1.5 h
	// -> 3 h (10800 s); Saturday 03:00-05:00 is 2 h -> 4 h (14400 s). Each can be taken from
	// the next working start and expires 90 days later in London time: 2026-03-13 09:00 GMT
	// + 90 days = 2026-06-11 09:00 BST, and 2026-03-16 + 90 days = 2026-06-14.
	d := recoveryDoc(t, "--preset", "time-in-lieu")
	ents = rows(t, d, "entitlements")
	require.Len(t, ents, 2)
	require.EqualValues(t, 10800, ents[0]["amount_seconds"])
	require.Equal(t, "2026-06-11T09:00:00+01:00", ents[0]["expires"])
	require.EqualValues(t, 14400, ents[1]["amount_seconds"])
	require.Equal(t, "2026-06-14T09:00:00+01:00", ents[1]["expires"])
	require.Equal(t, "preset time-in-lieu", rows(t, d, "totals")[0]["policy"])

	// A policy file: time in lieu at 1.5, for 30 days: 1.5 h -> 8100 s, 2 h -> 10800 s.
	d = recoveryDoc(t, "--policy", "testdata/fatigue-policy.json")
	ents = rows(t, d, "entitlements")
	require.Len(t, ents, 2)
	require.EqualValues(t, 8100, ents[0]["amount_seconds"])
	require.EqualValues(t, 10800, ents[1]["amount_seconds"])
	require.Equal(t, "2026-04-12T09:00:00+01:00", ents[0]["expires"])
}

// A business-hours page earns nothing under any preset.
func TestRecoveryBusinessHoursEarnNothing(t *testing.T) {
	const pages = "incident_id,service,urgency,responder,role,escalation_level,triggered_at,acknowledged_at,resolved_at\n" +
		"WED-1,api,high,ana,primary,1,2026-03-11T11:00:00Z,2026-03-11T11:02:00Z,2026-03-11T11:30:00Z\n"
	for _, preset := range []string{"automatic-day-off", "eu-rest", "time-in-lieu"} {
		d := doc(t, runWith(t, pages, "recovery", "--team", fTeam, "--pages", "-", "--preset", preset))
		require.Empty(t, rows(t, d, "entitlements"), preset)
		require.EqualValues(t, 0, rows(t, d, "totals")[0]["owed_seconds"], preset)
	}
}

func TestRecoveryOverride(t *testing.T) {
	const team = `{"schema_version": 1,
 "responders": [
   {"id": "ana", "profile": {"zone": "Europe/London", "working_hours": "09:00-17:30", "sleep": "23:00-07:00", "region": "GB"}},
   {"id": "bo", "profile": {"zone": "Europe/London", "working_hours": "09:00-17:30", "sleep": "23:00-07:00", "region": "GB"}}],
 "recovery": {"policy": "automatic-day-off", "overrides": [{"id": "bo", "policy": "time-in-lieu"}]}}`
	const pages = "incident_id,service,urgency,responder,role,escalation_level,triggered_at,acknowledged_at,resolved_at\n" +
		"SAT-1,db,high,ana,primary,1,2026-03-14T03:00:00Z,2026-03-14T03:04:00Z,2026-03-14T05:00:00Z\n" +
		"SAT-1,db,high,bo,secondary,2,2026-03-14T03:00:00Z,2026-03-14T03:04:00Z,2026-03-14T05:00:00Z\n"
	d := doc(t, runWith(t, team, "recovery", "--team", "-", "--pages", writeTemp(t, pages)))
	ents := rows(t, d, "entitlements")
	require.Len(t, ents, 2)
	require.Equal(t, "ana", ents[0]["responder"])
	require.Equal(t, true, ents[0]["all_day"])
	require.Equal(t, "bo", ents[1]["responder"])
	require.Equal(t, "time-in-lieu", ents[1]["rule"])
	require.EqualValues(t, 14400, ents[1]["amount_seconds"])
	tot := byKey(rows(t, d, "totals"), "responder")
	require.Equal(t, "team file", tot["ana"]["policy"])
	require.Equal(t, "team file override", tot["bo"]["policy"])

	// --responder keeps one person.
	d = doc(t, runWith(t, team, "recovery", "--team", "-", "--pages", writeTemp(t, pages), "--responder", "bo"))
	require.Len(t, rows(t, d, "entitlements"), 1)
	require.Len(t, rows(t, d, "totals"), 1)
}

func writeTemp(t *testing.T, content string) string {
	t.Helper()
	f := t.TempDir() + "/pages.csv"
	require.NoError(t, os.WriteFile(f, []byte(content), 0o644))
	return f
}

func TestRecoveryCSVAndICS(t *testing.T) {
	r := cli(t, "recovery", "--team", fTeam, "--pages", fPages, "--format", "csv")
	require.Equal(t, exitOK, r.code, r.stderr)
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	require.NoError(t, err)
	require.Equal(t, recoveryColumns["entitlements"], recs[0])
	require.Len(t, recs, 2)
	require.Equal(t, "30600", recs[1][5])

	r = cli(t, "recovery", "--team", fTeam, "--pages", fPages, "--format", "csv", "--table", "totals")
	require.Equal(t, exitOK, r.code, r.stderr)
	require.True(t, strings.HasPrefix(r.stdout, strings.Join(recoveryColumns["totals"], ",")+"\n"), r.stdout)

	r = cli(t, "recovery", "--team", fTeam, "--pages", fPages, "--format", "ics", "--responder", "ana")
	require.Equal(t, exitOK, r.code, r.stderr)
	// The day off is an all-day event on Monday 16 March, CRLF line ends as RFC 5545 wants.
	require.Contains(t, r.stdout, "BEGIN:VCALENDAR\r\n")
	require.Contains(t, r.stdout, "DTSTART;VALUE=DATE:20260316\r\n")
	require.Contains(t, r.stdout, "DTEND;VALUE=DATE:20260317\r\n")
	require.Contains(t, r.stdout, "CATEGORIES:on-call recovery\r\n")
	require.Equal(t, 1, strings.Count(r.stdout, "BEGIN:VEVENT"))
}

func TestRecoveryUsageErrors(t *testing.T) {
	cases := map[string][]string{
		"no pages":            {"recovery", "--team", fTeam},
		"policy and preset":   {"recovery", "--team", fTeam, "--pages", fPages, "--preset", "eu-rest", "--policy", "testdata/fatigue-policy.json"},
		"unknown preset":      {"recovery", "--team", fTeam, "--pages", fPages, "--preset", "four-day-week"},
		"bad format":          {"recovery", "--team", fTeam, "--pages", fPages, "--format", "xml"},
		"bad table":           {"recovery", "--team", fTeam, "--pages", fPages, "--format", "csv", "--table", "days"},
		"unknown responder":   {"recovery", "--team", fTeam, "--pages", fPages, "--responder", "zed"},
		"no recovery section": {"recovery", "--team", team, "--pages", pages},
		"two stdin":           {"recovery", "--team", fTeam, "--pages", "-", "--policy", "-"},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			r := cli(t, args...)
			require.Equal(t, exitUsage, r.code, "stderr: %s", r.stderr)
			require.Empty(t, r.stdout)
			require.Contains(t, r.stderr, "Usage: oncall recovery")
		})
	}
}

func TestRecoveryDataErrors(t *testing.T) {
	// The policy file's multiplier, on line 2, must be above 0.
	r := cli(t, "recovery", "--team", fTeam, "--pages", fPages, "--policy", "testdata/fatigue-policy-bad.json")
	e := errObject(t, r)
	require.Equal(t, "testdata/fatigue-policy-bad.json", e["file"])
	require.EqualValues(t, 2, e["line"])
	require.Equal(t, "rules[0].multiplier", e["field"])
	require.Equal(t, "0", e["value"])

	r = cli(t, "recovery", "--team", fTeam, "--pages", fPages, "--policy", "testdata/no-such-policy.json")
	e = errObject(t, r)
	require.Equal(t, "testdata/no-such-policy.json", e["file"])

	// A bad override in the team file.
	r = runWith(t, `{"schema_version": 1,
 "responders": [{"id": "ana", "profile": {"zone": "Europe/London"}}],
 "recovery": {"policy": "eu-rest",
   "overrides": [{"id": "bo", "policy": "time-in-lieu"}]}}`, "recovery", "--team", "-", "--pages", fPages)
	e = errObject(t, r)
	require.EqualValues(t, 4, e["line"])
	require.Equal(t, "recovery.overrides[0].id", e["field"])
	require.Equal(t, "bo", e["value"])

	// A page with a bad time names its line and field.
	r = runWith(t, "incident_id,service,urgency,responder,role,escalation_level,triggered_at,acknowledged_at,resolved_at\n"+
		"A,api,high,ana,primary,1,yesterday,,\n", "recovery", "--team", fTeam, "--pages", "-")
	e = errObject(t, r)
	require.EqualValues(t, 2, e["line"])
	require.Equal(t, "triggered_at", e["field"])
}
