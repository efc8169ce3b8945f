package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The metrics fixture: three people in UTC (working 09:00-17:00 Mon-Fri, asleep 23:00-07:00),
// a and c in team red, b in team blue; primary acknowledges within 5 minutes and resolves
// within an hour, secondary acknowledges within 30 minutes. Six pages in weeks 10 and 11
// of 2026:
//
//	page  incident service responder role      trigger          ack(s)  resolve(s) band
//	1     I1       api     a         primary   Mon 2 Mar 10:00  120     1920       business
//	2     I2       api     a         primary   Tue 3 Mar 02:00  600     3600       sleep
//	3     I2       api     b         secondary Tue 3 Mar 02:10  600     3000       sleep
//	4     I3       db      a         primary   Sat 7 Mar 12:00  240     -          off, weekend
//	5     I4       db      b         primary   Tue 10 Mar 20:00 -       3600       off
//	6     I5       api     c         primary   Wed 11 Mar 09:30 60      660        business
//
// Shifts: a primary and b secondary in week 10, b primary and c secondary in week 11, 168
// hours each (672 in all).
const (
	mTeam   = "testdata/metrics-team.json"
	mPages  = "testdata/metrics-pages.csv"
	mShifts = "testdata/metrics-shifts.csv"
)

func metricsDoc(t *testing.T, extra ...string) map[string]any {
	t.Helper()
	args := append([]string{"metrics", "--team", mTeam, "--pages", mPages, "--shifts", mShifts}, extra...)
	return doc(t, cli(t, args...))
}

// row finds the record of a table whose columns match the given pairs.
func row(t *testing.T, d map[string]any, table string, match ...string) map[string]any {
	t.Helper()
	for _, r := range rows(t, d, table) {
		ok := true
		for i := 0; i+1 < len(match); i += 2 {
			ok = ok && r[match[i]] == match[i+1]
		}
		if ok {
			return r
		}
	}
	t.Fatalf("table %s has no row %v", table, match)
	return nil
}

func near(t *testing.T, want float64, got any, msg string) {
	t.Helper()
	g, ok := got.(float64)
	require.True(t, ok, "%s: %v is not a number", msg, got)
	require.InDelta(t, want, g, 1e-9*math.Max(1, math.Abs(want)), msg)
}

func TestMetricsVolumeByHand(t *testing.T) {
	d := metricsDoc(t)
	o := rows(t, d, "overview")[0]
	// Six pages of five incidents (I2 paged a and b) over 4 x 168 = 672 on-call hours.
	require.EqualValues(t, 6, o["pages"])
	require.EqualValues(t, 5, o["incidents"])
	near(t, 672, o["on_call_hours"], "on-call hours")
	near(t, 6.0/672, o["pages_per_on_call_hour"], "rate")
	require.Equal(t, "week", o["period"])
	require.EqualValues(t, 7, o["quantile_type"])
	// Sleep interruptions: pages 2 and 3. Person-time: 1920+3600+3000+3600+660 = 12780 s.
	require.EqualValues(t, 2, o["sleep_interruptions"])
	near(t, 12780, o["time_seconds"], "time")

	want := []struct {
		by, key          string
		pages, incidents int
		hours            float64 // NaN: null
	}{
		{"responder", "a", 3, 3, 168},
		{"responder", "b", 2, 2, 336},
		{"responder", "c", 1, 1, 168},
		{"role", "primary", 5, 5, 336},
		{"role", "secondary", 1, 1, 336},
		{"service", "api", 4, 3, math.NaN()}, // I2's two pages are one incident
		{"service", "db", 2, 2, math.NaN()},
		{"team", "red", 4, 4, 336},
		{"team", "blue", 2, 2, 336},
	}
	vol := rows(t, d, "volume")
	require.Len(t, vol, len(want))
	for i, w := range want {
		r := vol[i]
		require.Equal(t, w.by, r["by"], "row %d", i)
		require.Equal(t, w.key, r["key"], "row %d", i)
		require.EqualValues(t, w.pages, r["pages"], "%s %s", w.by, w.key)
		require.EqualValues(t, w.incidents, r["incidents"], "%s %s", w.by, w.key)
		if math.IsNaN(w.hours) {
			require.Nil(t, r["on_call_hours"])
			require.Nil(t, r["pages_per_on_call_hour"])
			continue
		}
		near(t, w.hours, r["on_call_hours"], w.key)
		near(t, float64(w.pages)/w.hours, r["pages_per_on_call_hour"], w.key)
	}

	// ISO weeks 10 (pages 1-4, incidents I1-I3) and 11 (pages 5-6).
	ps := rows(t, d, "periods")
	require.Len(t, ps, 2)
	require.Equal(t, "2026-W10", ps[0]["label"])
	require.Equal(t, "2026-03-02T00:00:00Z", ps[0]["start"])
	require.Equal(t, "2026-03-09T00:00:00Z", ps[0]["end"])
	require.EqualValues(t, 4, ps[0]["pages"])
	require.EqualValues(t, 3, ps[0]["incidents"])
	require.EqualValues(t, 2, ps[1]["pages"])
}

func TestMetricsOutOfHoursByHand(t *testing.T) {
	d := metricsDoc(t)
	all := row(t, d, "out_of_hours", "by", "all")
	// Two pages in each band out of six. Wilson 95% interval for 2/6 (z = 1.9599640):
	// centre (1/3 + z^2/12) / (1 + z^2/6) = 0.6534553 / 1.6402432 = 0.3983891, half-width
	// z sqrt(1/27 + z^2/144) / 1.6402432 = 0.3016177, so [0.0967714, 0.7000067].
	for _, band := range []string{"business", "off", "sleep"} {
		require.EqualValues(t, 2, all[band+"_pages"], band)
		near(t, 1.0/3, all[band+"_share"], band)
		require.InDelta(t, 0.0967714, all[band+"_ci_lo"], 1e-7, band)
		require.InDelta(t, 0.7000067, all[band+"_ci_hi"], 1e-7, band)
	}
	require.EqualValues(t, 4, all["out_of_hours_pages"])
	require.EqualValues(t, 1, all["weekend_pages"])
	require.EqualValues(t, 0, all["holiday_pages"])
	// Engaged (resolved pages, each person's time once): business 1920 + 660, off 3600,
	// sleep 3600 + 3000 = 12780 s; page 4 is unresolved.
	near(t, 12780, all["engaged_seconds"], "engaged")
	near(t, 2580.0/12780, all["engaged_business_share"], "business")
	near(t, 3600.0/12780, all["engaged_off_share"], "off")
	near(t, 6600.0/12780, all["engaged_sleep_share"], "sleep")
	require.EqualValues(t, 1, all["unresolved"])

	// b's two pages were both out of hours: for a share of 1 the Wilson interval is
	// [n / (n + z^2), 1] = [2 / 5.841459, 1] = [0.342380, 1].
	b := row(t, d, "out_of_hours", "by", "responder", "key", "b")
	near(t, 1, b["out_of_hours_share"], "b share")
	require.InDelta(t, 0.342380, b["out_of_hours_ci_lo"], 1e-6)
	near(t, 1, b["out_of_hours_ci_hi"], "b hi")

	// Team red is a and c: pages 1, 2, 4, 6: business 2, off 1, sleep 1; engaged
	// 1920 + 3600 + 660 = 6180 s, of which 3600 asleep.
	red := row(t, d, "out_of_hours", "by", "team", "key", "red")
	require.EqualValues(t, 4, red["pages"])
	require.EqualValues(t, 2, red["business_pages"])
	require.EqualValues(t, 1, red["sleep_pages"])
	near(t, 6180, red["engaged_seconds"], "red engaged")
	near(t, 3600.0/6180, red["engaged_sleep_share"], "red sleep")
	blue := row(t, d, "out_of_hours", "by", "team", "key", "blue")
	near(t, 6600, blue["engaged_seconds"], "blue engaged")
}

func TestMetricsResponseByHand(t *testing.T) {
	d := metricsDoc(t)
	// All acknowledgements, sorted: 60, 120, 240, 600, 600 s (page 5 never acknowledged).
	// Type 7: median = x[2] = 240; p90 at h = 4 * 0.9 = 3.6, between 600 and 600.
	all := row(t, d, "response", "by", "all")
	require.EqualValues(t, 5, all["ack_n"])
	require.EqualValues(t, 1, all["not_acknowledged"])
	near(t, 324, all["ack_mean_seconds"], "mean") // 1620 / 5
	near(t, 240, all["ack_median_seconds"], "median")
	near(t, 600, all["ack_p90_seconds"], "p90")
	near(t, 60, all["ack_min_seconds"], "min")
	// Resolutions: 660, 1920, 3000, 3600, 3600; mean 12780 / 5 = 2556.
	near(t, 2556, all["resolve_mean_seconds"], "resolve mean")
	near(t, 3000, all["resolve_median_seconds"], "resolve median")
	require.EqualValues(t, 1, all["unresolved"])

	// Primary acknowledgements: 60, 120, 240, 600. Type 7 at h = 3p: median 120 + 0.5 * 120
	// = 180, p90 240 + 0.7 * 360 = 492, p95 240 + 0.85 * 360 = 546, p99 240 + 0.97 * 360
	// = 589.2 (pandas: Series([60, 120, 240, 600]).quantile([.5, .9, .95, .99])).
	pri := row(t, d, "response", "by", "role", "key", "primary")
	require.EqualValues(t, 5, pri["pages"])
	near(t, 180, pri["ack_median_seconds"], "median")
	near(t, 492, pri["ack_p90_seconds"], "p90")
	near(t, 546, pri["ack_p95_seconds"], "p95")
	near(t, 589.2, pri["ack_p99_seconds"], "p99")
	near(t, 255, pri["ack_mean_seconds"], "mean")

	// Service db: one acknowledgement (240), one page never acknowledged.
	db := row(t, d, "response", "by", "service", "key", "db")
	require.EqualValues(t, 1, db["ack_n"])
	require.EqualValues(t, 1, db["not_acknowledged"])
	// Team blue is b: resolutions 3000 and 3600, median 3300.
	blue := row(t, d, "response", "by", "team", "key", "blue")
	near(t, 3300, blue["resolve_median_seconds"], "blue median")

	// Type 1 (inverted CDF) median of four primary acknowledgements: x[ceil(4 * 0.5)] =
	// x[2] = 120.
	d1 := metricsDoc(t, "--quantile", "1")
	near(t, 120, row(t, d1, "response", "by", "role", "key", "primary")["ack_median_seconds"], "type 1")
	require.EqualValues(t, 1, rows(t, d1, "overview")[0]["quantile_type"])
}

func TestMetricsSLAByHand(t *testing.T) {
	d := metricsDoc(t)
	// Primary pages 1, 2, 4, 5, 6: acknowledged within 300 s: 120, 240, 60 (page 2 took 600,
	// page 5 never) = 3 of 5. Resolved within 3600 s: 1920, 3600, 3600, 660 (page 4 never)
	// = 4 of 5. Wilson 95% for 3/5: centre (0.6 + 0.384146) / 1.768292 = 0.556552,
	// half-width 1.959964 sqrt(0.048 + 0.038415) / 1.768292 = 0.325828: [0.230724, 0.882379].
	p := row(t, d, "sla", "role", "primary")
	near(t, 300, p["ack_within_seconds"], "agreement")
	require.EqualValues(t, 3, p["ack_met"])
	require.EqualValues(t, 5, p["ack_pages"])
	require.InDelta(t, 0.230724, p["ack_ci_lo"], 1e-6)
	require.InDelta(t, 0.882379, p["ack_ci_hi"], 1e-6)
	require.EqualValues(t, 4, p["resolve_met"])
	// Secondary: page 3 acknowledged in 600 s of 1800; no resolution agreement.
	s := row(t, d, "sla", "role", "secondary")
	require.EqualValues(t, 1, s["ack_met"])
	require.Nil(t, s["resolve_within_seconds"])
	require.Nil(t, s["resolve_share"])
}

func TestMetricsFairnessAndDisproportionByHand(t *testing.T) {
	d := metricsDoc(t)
	// Pages per person 3, 2, 1: mean 2; population sd sqrt(2/3), cv 0.408248; Gini =
	// (sum |xi - xj| = 8) / (2 n^2 mean = 36) = 2/9; Jain 36 / (3 * 14) = 6/7; Theil
	// (1.5 ln 1.5 + 0.5 ln 0.5) / 3 = 0.0872080.
	fr := rows(t, d, "fairness")[0]
	require.Equal(t, "pages", fr["quantity"])
	require.EqualValues(t, 3, fr["n"])
	require.Equal(t, "a", fr["max_id"])
	near(t, 1.5, fr["max_over_mean"], "max/mean")
	near(t, math.Sqrt(2.0/3)/2, fr["cv"], "cv")
	near(t, 2.0/9, fr["gini"], "gini")
	near(t, 6.0/7, fr["jain"], "jain")
	near(t, (1.5*math.Log(1.5)+0.5*math.Log(0.5))/3, fr["theil"], "theil")
	lz := rows(t, d, "lorenz")
	require.Len(t, lz, 4)
	near(t, 1.0/6, lz[1]["share"], "lorenz 1")
	near(t, 0.5, lz[2]["share"], "lorenz 2")

	// Team rate 6/672 per hour. a: 168 h, expected 1.5, saw 3: rate ratio 2. Exact two-sided
	// Poisson p-value: P(X >= 3) = 1 - e^-1.5 (1 + 1.5 + 1.125) = 0.1911532 (every k <= 2 is
	// more likely than 3). b (expected 3, saw 2) and c (expected 1.5, saw 1) sit at the mode:
	// p = 1. Holm: 3 * 0.1911532 = 0.5734595.
	a := row(t, d, "disproportion", "id", "a")
	near(t, 1.5, a["expected"], "expected")
	near(t, 2, a["rate_ratio"], "ratio")
	near(t, 1-math.Exp(-1.5)*3.625, a["p"], "p")
	near(t, 3*(1-math.Exp(-1.5)*3.625), a["p_adjusted"], "holm")
	require.Equal(t, "", a["flag"])
	require.Equal(t, "a", rows(t, d, "disproportion")[0]["id"], "sorted by adjusted p")
	near(t, 1, row(t, d, "disproportion", "id", "b")["p"], "b")
	near(t, 6.0/672, rows(t, d, "overview")[0]["team_rate"], "team rate")
}

func TestMetricsHotspotsAndTrendsByHand(t *testing.T) {
	d := metricsDoc(t)
	// api: both sleep interruptions, 1920 + 3600 + 3000 + 660 = 9180 s of 12780; db: 3600 s
	// and the unresolved page 4.
	api := rows(t, d, "hotspots")[0]
	require.Equal(t, "api", api["service"])
	require.EqualValues(t, 2, api["sleep_interruptions"])
	near(t, 1, api["sleep_share"], "sleep share")
	near(t, 9180, api["time_seconds"], "time")
	near(t, 9180.0/12780, api["time_share"], "time share")
	require.EqualValues(t, 1, api["time_rank"])
	db := rows(t, d, "hotspots")[1]
	require.EqualValues(t, 1, db["unresolved"])

	// Weekly pages 4, 2: baseline 3, Theil-Sen slope -2, intercept 3 - (-2)(0.5) = 4;
	// Mann-Kendall S = -1, var S = n(n-1)(2n+5)/18 = 1, corrected z = 0, p = 1.
	pt := row(t, d, "trends", "series", "pages")
	near(t, 3, pt["baseline"], "baseline")
	near(t, -2, pt["slope"], "slope")
	near(t, 4, pt["intercept"], "intercept")
	require.EqualValues(t, -1, pt["mk_s"])
	near(t, 1, pt["p"], "p")
	require.Equal(t, "no clear change", pt["verdict"])
	// Weekly sleep interruptions 2, 0.
	st := row(t, d, "trends", "series", "sleep_interruptions")
	near(t, 1, st["baseline"], "sleep baseline")
	near(t, -2, st["slope"], "sleep slope")
}

func TestMetricsWithoutShifts(t *testing.T) {
	d := doc(t, cli(t, "metrics", "--team", mTeam, "--pages", mPages))
	o := rows(t, d, "overview")[0]
	require.Nil(t, o["on_call_hours"])
	require.Nil(t, o["team_rate"])
	require.Empty(t, rows(t, d, "disproportion"))
	require.Nil(t, row(t, d, "volume", "by", "responder", "key", "a")["pages_per_on_call_hour"])
}

func TestMetricsPeriodsAndZone(t *testing.T) {
	// By day: 2 to 11 March, ten days; page 5 (Tue 10 Mar 20:00 UTC) is on 11 March in
	// Asia/Tokyo (UTC+9), which then holds pages 5 and 6.
	d := metricsDoc(t, "--period", "day")
	require.Len(t, rows(t, d, "periods"), 10)
	d = metricsDoc(t, "--period", "day", "--zone", "Asia/Tokyo")
	ps := rows(t, d, "periods")
	last := ps[len(ps)-1]
	require.Equal(t, "2026-03-11", last["label"])
	require.Equal(t, "2026-03-11T00:00:00+09:00", last["start"])
	require.EqualValues(t, 2, last["pages"])
	d = metricsDoc(t, "--period", "month")
	require.Len(t, rows(t, d, "periods"), 1)
	require.Equal(t, "2026-03", rows(t, d, "periods")[0]["label"])
}

func TestMetricsCSV(t *testing.T) {
	r := cli(t, "metrics", "--team", mTeam, "--pages", mPages, "--shifts", mShifts, "--format", "csv", "--table", "sla")
	require.Equal(t, exitOK, r.code, r.stderr)
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 3)
	require.Equal(t, "role", recs[0][0])
	require.Equal(t, []string{"secondary", "1800", "1", "1", "1"}, recs[2][:5])
	require.Equal(t, "", recs[2][len(recs[2])-1], "null is empty")

	r = cli(t, "metrics", "--team", mTeam, "--pages", mPages, "--format", "csv")
	require.Equal(t, exitOK, r.code, r.stderr)
	require.True(t, strings.HasPrefix(r.stdout, "by,key,pages,incidents,"), r.stdout)
}

func TestMetricsHelp(t *testing.T) {
	r := cli(t, "help", "metrics")
	require.Equal(t, exitOK, r.code)
	require.Contains(t, r.stdout, "Usage: oncall metrics")
	require.Contains(t, cli(t, "help").stdout, "oncall metrics  --team team.json")
}

func TestMetricsDeterministic(t *testing.T) {
	a := cli(t, "metrics", "--team", mTeam, "--pages", mPages, "--shifts", mShifts)
	b := cli(t, "metrics", "--team", mTeam, "--pages", mPages, "--shifts", mShifts)
	require.Equal(t, exitOK, a.code)
	require.Equal(t, a.stdout, b.stdout)
}

func TestMetricsUsageErrors(t *testing.T) {
	base := []string{"metrics", "--team", mTeam, "--pages", mPages}
	cases := map[string][]string{
		"missing pages":      {"metrics", "--team", mTeam},
		"bad period":         append(base, "--period", "fortnight"),
		"bad zone":           append(base, "--zone", "Mars/Olympus"),
		"local zone":         append(base, "--zone", "Local"),
		"quantile 0":         append(base, "--quantile", "0"),
		"quantile 10":        append(base, "--quantile", "10"),
		"bad format":         append(base, "--format", "xml"),
		"bad table":          append(base, "--format", "csv", "--table", "x"),
		"disproportion only": append(base, "--format", "csv", "--table", "disproportion"),
		"two stdin":          {"metrics", "--team", "-", "--pages", "-"},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			r := cli(t, args...)
			require.Equal(t, exitUsage, r.code, "stderr: %s", r.stderr)
			require.Empty(t, r.stdout)
			require.Contains(t, r.stderr, "Usage: oncall metrics")
		})
	}
}

func TestMetricsDataErrors(t *testing.T) {
	// A page to someone outside the team file, at line 3.
	e := errObject(t, cli(t, "metrics", "--team", mTeam, "--pages", "testdata/pages-unknown.csv"))
	require.Equal(t, "testdata/pages-unknown.csv", e["file"])
	require.Equal(t, "responder", e["field"])
	// A malformed page table.
	e = errObject(t, cli(t, "metrics", "--team", mTeam, "--pages", "testdata/pages-bad.csv"))
	require.Equal(t, "testdata/pages-bad.csv", e["file"])
	require.NotZero(t, e["line"])
	// A page the reader accepts but the calendars cannot place (2300 is past the years
	// 1678-2261 of a nanosecond clock): the library names page 1, the command its line, 3.
	e = errObject(t, cli(t, "metrics", "--team", mTeam, "--pages", "testdata/metrics-pages-far.csv"))
	require.Equal(t, "testdata/metrics-pages-far.csv", e["file"])
	require.EqualValues(t, 3, e["line"])
	require.Contains(t, e["error"], "out of supported range")
	// A missing file.
	e = errObject(t, cli(t, "metrics", "--team", mTeam, "--pages", "testdata/nope.csv"))
	require.Equal(t, "testdata/nope.csv", e["file"])
}

// writeYear writes a year of synthetic on-call data for the end-to-end benchmark: a team
// file of people responders in five zones (teams of 50), weekly primary and secondary shifts
// and n pages spread uniformly over 2026, in files team.json, shifts.csv and pages.csv of
// dir. The same seed gives the same files.
func writeYear(tb testing.TB, dir string, n, people int) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(11, 12))
	zones := []string{"UTC", "America/New_York", "Europe/London", "Asia/Tokyo", "Australia/Sydney"}
	ids := make([]string, people)
	var team strings.Builder
	team.WriteString(`{"schema_version": 1, "team": "bench", "responders": [` + "\n")
	for i := range ids {
		ids[i] = fmt.Sprintf("user-%04d", i)
		sep := ","
		if i == people-1 {
			sep = ""
		}
		fmt.Fprintf(&team, `{"id": %q, "team": "team-%02d", "profile": {"zone": %q, "working_hours": "09:00-17:00", "sleep": "23:00-07:00"}}%s`+"\n",
			ids[i], i/50, zones[i%len(zones)], sep)
	}
	team.WriteString("]}\n")
	write := func(name string, fill func(w *bufio.Writer)) {
		f, err := os.Create(filepath.Join(dir, name))
		require.NoError(tb, err)
		w := bufio.NewWriterSize(f, 1<<20)
		fill(w)
		require.NoError(tb, w.Flush())
		require.NoError(tb, f.Close())
	}
	write("team.json", func(w *bufio.Writer) { w.WriteString(team.String()) })
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	write("shifts.csv", func(w *bufio.Writer) {
		w.WriteString("responder,role,start,end\n")
		for t := 0; t*50 < people; t++ {
			for wk := range 52 {
				s := start.AddDate(0, 0, 7*wk)
				for r, role := range []string{"primary", "secondary"} {
					who := ids[min(people-1, t*50+(wk+r*25)%50)]
					fmt.Fprintf(w, "%s,%s,%s,%s\n", who, role, s.Format(time.RFC3339), s.AddDate(0, 0, 7).Format(time.RFC3339))
				}
			}
		}
	})
	year := 364 * 24 * time.Hour
	stamp := func(t time.Time) string { return t.Format(time.RFC3339) }
	write("pages.csv", func(w *bufio.Writer) {
		w.WriteString("incident_id,service,urgency,responder,role,escalation_level,triggered_at,acknowledged_at,resolved_at\n")
		for i := range n {
			t := start.Add(time.Duration(rng.Int64N(int64(year)))).Truncate(time.Second)
			role := "primary"
			if rng.IntN(4) == 0 {
				role = "secondary"
			}
			ack, res := "", ""
			base := t
			if rng.IntN(100) >= 3 {
				base = t.Add(time.Duration(rng.ExpFloat64() * float64(4*time.Minute))).Truncate(time.Second)
				ack = stamp(base)
			}
			if rng.IntN(100) >= 2 {
				res = stamp(base.Add(time.Duration(rng.ExpFloat64() * float64(40*time.Minute))).Truncate(time.Second))
			}
			fmt.Fprintf(w, "INC%07d,svc-%02d,high,%s,%s,1,%s,%s,%s\n", i*4/5, rng.IntN(40), ids[rng.IntN(people)], role, stamp(t), ack, res)
		}
	})
}

// BenchmarkMetricsMillion runs oncall metrics end to end (read and check the files, compute
// every summary, write the JSON document) on a million pages to 1,000 people over a year.
// Set ONCALL_BENCH_DIR to keep the generated files there (for testdata/bench/pandas_metrics.py).
func BenchmarkMetricsMillion(b *testing.B) {
	dir := os.Getenv("ONCALL_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	writeYear(b, dir, 1_000_000, 1000)
	args := []string{"metrics", "--team", filepath.Join(dir, "team.json"), "--pages", filepath.Join(dir, "pages.csv"),
		"--shifts", filepath.Join(dir, "shifts.csv")}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		var errb strings.Builder
		if code := run(args, strings.NewReader(""), io.Discard, &errb); code != exitOK {
			b.Fatalf("exit %d: %s", code, errb.String())
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
}

// cpuTime is the process's user and system CPU time: on a shared machine, CPU time per
// operation is the figure that does not depend on the neighbours.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
