package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The tuning fixture: Ana (fatigue-team.json: London, GMT in March, sleeps 23:00-07:00,
// works Mon-Fri 09:00-17:30) is paged three times:
//
//	SAT-A  Sat 2026-03-14 03:00:00, resolved 03:30:00
//	SAT-B  Sat 2026-03-14 03:31:30, resolved 04:00:00 (90 s after SAT-A ends)
//	WED-C  Wed 2026-03-18 02:00:00, acknowledged 02:05, resolution unknown
//
// Worked out by hand with the defaults (merge gap 60 s, engagement 15 min, fall asleep
// again in 20 min):
//
//	SAT-A  its own episode (the 90 s gap is more than 60 s); woke her; awake 03:00-03:50:
//	       3000 s of sleep lost
//	SAT-B  starts inside SAT-A's awake stretch, so it does not wake her; it keeps her awake
//	       from 03:50 (where SAT-A's stretch ends) to 04:20: 1800 s
//	WED-C  ends at 02:05 + 15 min = 02:20; woke her; awake 02:00-02:40: 2400 s
const tuningPages = "testdata/tuning-pages.csv"

func tuningEpisodes(t *testing.T, flags ...string) map[string]map[string]any {
	t.Helper()
	args := append([]string{"fatigue", "--team", fTeam, "--pages", tuningPages, "--from", "2026-03-13", "--to", "2026-03-19"}, flags...)
	return byKey(rows(t, doc(t, cli(t, args...)), "episodes"), "incidents")
}

func TestFatigueTuningDefaults(t *testing.T) {
	eps := tuningEpisodes(t)
	require.Len(t, eps, 3)
	require.Equal(t, true, eps["SAT-A"]["woke"])
	require.EqualValues(t, 3000, eps["SAT-A"]["sleep_lost_seconds"])
	require.Equal(t, false, eps["SAT-B"]["woke"])
	require.EqualValues(t, 1800, eps["SAT-B"]["sleep_lost_seconds"])
	require.Equal(t, "2026-03-18T02:20:00Z", eps["WED-C"]["end"])
	require.EqualValues(t, 2400, eps["WED-C"]["sleep_lost_seconds"])
	// The flags spelled with their defaults change nothing.
	require.Equal(t, eps, tuningEpisodes(t, "--merge-gap", "60s", "--engagement", "15m", "--fall-asleep", "20m"))
}

func TestFatigueMergeGap(t *testing.T) {
	// A 2-minute gap takes in SAT-B (90 s after SAT-A): one episode 03:00-04:00 of two
	// pages, awake to 04:20: 4800 s lost, the same sleep as before in one episode.
	eps := tuningEpisodes(t, "--merge-gap", "2m")
	require.Len(t, eps, 2)
	sat := eps["SAT-A;SAT-B"]
	require.NotNil(t, sat)
	require.EqualValues(t, 2, sat["pages"])
	require.Equal(t, "2026-03-14T04:00:00Z", sat["end"])
	require.EqualValues(t, 3600, sat["engaged_seconds"])
	require.EqualValues(t, 4800, sat["sleep_lost_seconds"])

	// Two pages 30 s apart merge by default and stay apart with --merge-gap 0.
	p := writeTemp(t, "incident_id,service,urgency,responder,role,escalation_level,triggered_at,acknowledged_at,resolved_at\n"+
		"X,api,high,ana,primary,1,2026-03-11T11:00:00Z,,2026-03-11T11:10:00Z\n"+
		"Y,api,high,ana,primary,1,2026-03-11T11:10:30Z,,2026-03-11T11:20:00Z\n")
	count := func(flags ...string) int {
		args := append([]string{"fatigue", "--team", fTeam, "--pages", p}, flags...)
		return len(rows(t, doc(t, cli(t, args...)), "episodes"))
	}
	require.Equal(t, 1, count())
	require.Equal(t, 2, count("--merge-gap", "0"))
}

func TestFatigueFallAsleep(t *testing.T) {
	// None: SAT-A keeps her awake 03:00-03:30 (1800 s); she is asleep again when SAT-B
	// comes at 03:31:30, so it wakes her too: 03:31:30-04:00 is 1710 s. WED-C 02:00-02:20
	// is 1200 s.
	eps := tuningEpisodes(t, "--fall-asleep", "0")
	require.EqualValues(t, 1800, eps["SAT-A"]["sleep_lost_seconds"])
	require.Equal(t, true, eps["SAT-B"]["woke"])
	require.EqualValues(t, 1710, eps["SAT-B"]["sleep_lost_seconds"])
	require.EqualValues(t, 1200, eps["WED-C"]["sleep_lost_seconds"])
	// 45 minutes: SAT-A 03:00-04:15 (4500 s); SAT-B 04:15-04:45 (1800 s); WED-C 02:00-03:05
	// (3900 s).
	eps = tuningEpisodes(t, "--fall-asleep", "45m")
	require.EqualValues(t, 4500, eps["SAT-A"]["sleep_lost_seconds"])
	require.Equal(t, false, eps["SAT-B"]["woke"])
	require.EqualValues(t, 1800, eps["SAT-B"]["sleep_lost_seconds"])
	require.EqualValues(t, 3900, eps["WED-C"]["sleep_lost_seconds"])
}

func TestFatigueEngagement(t *testing.T) {
	// WED-C's end is its acknowledgement, 02:05, plus 45 min: 02:50; awake to 03:10, 4200 s.
	// Resolved pages keep their ends.
	eps := tuningEpisodes(t, "--engagement", "45m")
	require.Equal(t, "2026-03-18T02:50:00Z", eps["WED-C"]["end"])
	require.EqualValues(t, 3000, eps["WED-C"]["engaged_seconds"])
	require.EqualValues(t, 4200, eps["WED-C"]["sleep_lost_seconds"])
	require.Equal(t, "2026-03-14T03:30:00Z", eps["SAT-A"]["end"])
}

func TestTuningUsageErrors(t *testing.T) {
	for _, c := range []struct{ flag, value, want string }{
		{"--merge-gap", "-1m", "must not be negative"},
		{"--merge-gap", "90", "want a duration"},
		{"--engagement", "0", "must be more than 0"},
		{"--engagement", "-5m", "must not be negative"},
		{"--fall-asleep", "soon", "want a duration"},
		{"--fall-asleep", "-20m", "must not be negative"},
	} {
		for _, cmd := range []string{"fatigue", "recovery"} {
			r := cli(t, cmd, "--team", fTeam, "--pages", tuningPages, c.flag, c.value)
			require.Equal(t, exitUsage, r.code, "%s %s %s", cmd, c.flag, c.value)
			require.Empty(t, r.stdout)
			require.Contains(t, r.stderr, c.flag[1:], cmd)
			require.Contains(t, r.stderr, c.want, "%s %s %s", cmd, c.flag, c.value)
		}
	}
}

// recoveryRows runs oncall recovery on the tuning fixture under the team file's policy
// (automatic-day-off).
func recoveryRows(t *testing.T, flags ...string) []map[string]any {
	t.Helper()
	args := append([]string{"recovery", "--team", fTeam, "--pages", tuningPages}, flags...)
	return rows(t, doc(t, cli(t, args...)), "entitlements")
}

func starts(rs []map[string]any) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r["earliest_start"].(string))
	}
	return out
}

func TestRecoveryTuning(t *testing.T) {
	// Automatic day off: SAT-A woke her on Saturday night, so Monday 2026-03-16 09:00 is
	// off; WED-C woke her in the night before Wednesday 2026-03-18. Apart, SAT-A and
	// SAT-B are 30 and 28.5 minutes of weekend work, under the rule's 60 minutes; merged by a
	// 2-minute gap they are one hour, and the weekend-work rule grants the same Monday.
	ents := recoveryRows(t)
	require.Equal(t, []string{"2026-03-16T09:00:00Z", "2026-03-18T09:00:00Z"}, starts(ents))
	require.Equal(t, "woken-in-sleep-hours", ents[0]["rule"])
	ents = recoveryRows(t, "--merge-gap", "2m")
	require.Equal(t, "woken-in-sleep-hours+weekend-or-holiday-work", ents[0]["rule"])
	require.Equal(t, "ana@2026-03-14T03:00:00Z", ents[0]["episodes"])

	// Time in lieu, double time of out-of-hours engagement: WED-C's 20 minutes (02:00-02:20)
	// earn 2400 s; with --engagement 45m it runs 02:00-02:50, 50 minutes, earning 6000 s.
	lieu := func(flags ...string) any {
		rs := recoveryRows(t, append([]string{"--preset", "time-in-lieu"}, flags...)...)
		require.Len(t, rs, 3)
		return rs[2]["amount_seconds"]
	}
	require.EqualValues(t, 2400, lieu())
	require.EqualValues(t, 6000, lieu("--engagement", "45m"))
}

func TestRecoveryFromTo(t *testing.T) {
	mon, wed := "2026-03-16T09:00:00Z", "2026-03-18T09:00:00Z"
	for _, c := range []struct {
		flags []string
		want  []string
	}{
		{nil, []string{mon, wed}},
		{[]string{"--from", "2026-03-17"}, []string{wed}},
		{[]string{"--to", "2026-03-17"}, []string{mon}},
		{[]string{"--from", "2026-03-16", "--to", "2026-03-19"}, []string{mon, wed}},
		// --from is inclusive and --to exclusive, to the second.
		{[]string{"--from", mon, "--to", "2026-03-16T09:00:01Z"}, []string{mon}},
		{[]string{"--to", mon}, nil},
		{[]string{"--from", "2026-03-18T09:00:01Z"}, nil},
		// A date is midnight in --zone: 2026-03-16 in Honolulu (UTC-10) is 10:00 UTC, after
		// Monday's 09:00 start; in UTC it is before it.
		{[]string{"--to", "2026-03-16", "--zone", "Pacific/Honolulu"}, []string{mon}},
		{[]string{"--to", "2026-03-16"}, nil},
		// In Tokyo (UTC+9) 2026-03-18 starts at 15:00 UTC on the 17th, before Wednesday's.
		{[]string{"--from", "2026-03-18", "--zone", "Asia/Tokyo"}, []string{wed}},
		{[]string{"--from", "2026-03-19", "--zone", "Asia/Tokyo"}, nil},
	} {
		require.Equal(t, c.want, starts(recoveryRows(t, c.flags...)), "%v", c.flags)
	}
	// Totals count what is kept.
	d := doc(t, cli(t, "recovery", "--team", fTeam, "--pages", tuningPages, "--from", "2026-03-17"))
	tot := rows(t, d, "totals")
	require.EqualValues(t, 1, tot[0]["entitlements"])
	require.EqualValues(t, 30600, tot[0]["owed_seconds"]) // one working day, 09:00-17:30
	// The iCalendar feed too.
	r := cli(t, "recovery", "--team", fTeam, "--pages", tuningPages, "--from", "2026-03-17", "--format", "ics")
	require.Equal(t, exitOK, r.code, r.stderr)
	require.Equal(t, 1, strings.Count(r.stdout, "BEGIN:VEVENT"))
	require.Contains(t, r.stdout, "DTSTART;VALUE=DATE:20260318")
}

func TestRecoveryFromToUsageErrors(t *testing.T) {
	for _, c := range []struct {
		flags []string
		want  string
	}{
		{[]string{"--from", "2026-03-17", "--to", "2026-03-16"}, "must come after"},
		{[]string{"--from", "2026-03-17", "--to", "2026-03-17"}, "must come after"},
		{[]string{"--from", "17/03/2026"}, "want a date"},
		{[]string{"--to", "2026-02-30"}, "want a date"},
		{[]string{"--from", "2026-03-17", "--zone", "Mars/Olympus"}, "not an IANA zone"},
		{[]string{"--zone", "Local"}, "not an IANA zone"},
	} {
		args := append([]string{"recovery", "--team", fTeam, "--pages", tuningPages}, c.flags...)
		r := cli(t, args...)
		require.Equal(t, exitUsage, r.code, "%v", c.flags)
		require.Contains(t, r.stderr, c.want, "%v", c.flags)
	}
}

// FuzzDurationFlag: any text is either refused with an error or gives a duration that is
// positive, or -1 ns (none) for zero when zero is allowed; the result agrees with
// time.ParseDuration.
func FuzzDurationFlag(f *testing.F) {
	for _, s := range []string{"60s", "0", "-1m", "1h30m", "90", "", "0s", "1.5m", "9223372036854775807ns", "-0", "1µs"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, zeroOK bool) {
		d := time.Duration(42)
		err := durationFlag{&d, zeroOK}.Set(s)
		want, perr := time.ParseDuration(s)
		switch {
		case err != nil:
			if perr == nil && want > 0 {
				t.Fatalf("%q refused: %v", s, err)
			}
			if d != 42 {
				t.Fatalf("%q: refused but stored %v", s, d)
			}
		case perr != nil || want < 0:
			t.Fatalf("%q accepted as %v", s, d)
		case want == 0 && (!zeroOK || d != -1):
			t.Fatalf("%q (zeroOK %v) gave %v", s, zeroOK, d)
		case want > 0 && d != want:
			t.Fatalf("%q gave %v, want %v", s, d, want)
		}
	})
}
