package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Page load on the fixture team (see rotation_test.go), judged on shifts-uneven.csv (ana
// the first two weeks, bea the third) with page_weight 10. The pages learned from, over
// [2025-12-15, 2025-12-29): two pages on Mondays 02:00-03:00 UTC (the second with no role,
// counted as primary), so that hour of the week, which the two weeks hold twice, expects
// one page: +10 burden per Monday 02:00-03:00 held. The two pages of 2026-01-02 are outside
// the period and not learned from. Every week from Tuesday 10:00 holds one such hour, so a week
// weighs 303 + 10 = 313 and, as in TestFairnessByHand with 313 for 303: shares 2*313/3 +
// 313/2 = 365.1667 for ana and cai, 2*313/3 = 208.6667 for bea; mean share per capacity
// 939/3 = 313; loads ana 313 + 626 - 365.1667 = 573.8333, bea 313 + 313 - 208.6667 =
// 417.3333, cai 313 - 365.1667 = -52.1667.
func TestFairnessPageLoad(t *testing.T) {
	args := []string{"fairness", "--team", rotTeam, "--rotation", "testdata/rotation-pageload.json",
		"--shifts", "testdata/shifts-uneven.csv", "--pages", "testdata/pageload-pages.csv",
		"--pages-from", "2025-12-15", "--pages-to", "2025-12-29"}
	d := doc(t, cli(t, args...))
	got := map[any][2]float64{}
	for _, a := range rows(t, d, "ledger") {
		got[a["responder"]] = [2]float64{a["burden"].(float64), a["load"].(float64)}
	}
	require.InDelta(t, 626, got["ana"][0], 1e-9)
	require.InDelta(t, 313, got["bea"][0], 1e-9)
	require.InDelta(t, 0, got["cai"][0], 1e-9)
	require.InDelta(t, 313+626-(2*313.0/3+313.0/2), got["ana"][1], 1e-9)
	require.InDelta(t, 313+313-2*313.0/3, got["bea"][1], 1e-9)
	require.InDelta(t, 313-(2*313.0/3+313.0/2), got["cai"][1], 1e-9)

	// By default the period is whole days from the first page's (15 December) to the end of
	// the last's (2 January): 19 days, so Monday 02:00 occurs three times (15, 22, 29
	// December) and expects 2/3 of a page, and Friday 13:00 (19, 26 December, 2 January)
	// with its two pages also 2/3: +20/3 + 20/3 per week held, each week holding one of each.
	d = doc(t, cli(t, args[:len(args)-4]...))
	for _, a := range rows(t, d, "ledger") {
		if a["responder"] == "ana" {
			require.InDelta(t, 2*(303+40.0/3), a["burden"], 1e-9)
		}
	}
}

func TestPageLoadFlagErrors(t *testing.T) {
	base := []string{"fairness", "--team", rotTeam, "--shifts", "testdata/shifts-uneven.csv"}
	withWeight := append(append([]string{}, base...), "--rotation", "testdata/rotation-pageload.json")
	for name, args := range map[string][]string{
		"weight without pages": withWeight,
		"pages without weight": append(append([]string{}, base...), "--pages", "testdata/pageload-pages.csv"),
		"period without pages": append(append([]string{}, withWeight...), "--pages-from", "2025-12-15"),
		"empty period": append(append([]string{}, withWeight...), "--pages", "testdata/pageload-pages.csv",
			"--pages-from", "2025-12-29", "--pages-to", "2025-12-15"),
		"schedule weight without pages": {"schedule", "--team", rotTeam, "--rotation", "testdata/rotation-pageload.json",
			"--from", rotFrom, "--to", rotTo},
	} {
		t.Run(name, func(t *testing.T) {
			r := cli(t, args...)
			require.Equal(t, exitUsage, r.code, "stderr: %s", r.stderr)
			require.Empty(t, r.stdout)
		})
	}

	// A page whose role the rotation does not have is a data error at its line.
	r := cli(t, append(withWeight, "--pages", "testdata/pageload-pages-badrole.csv")...)
	e := errObject(t, r)
	require.EqualValues(t, 3, e["line"])
	require.Equal(t, "role", e["field"])
	require.Equal(t, "backup", e["value"])
}

// The schedule generator sees the same prices: with page load on, the ledger of the plan
// it writes carries the Monday-night pages in each week's burden.
func TestSchedulePageLoad(t *testing.T) {
	d := doc(t, cli(t, "schedule", "--team", rotTeam, "--rotation", "testdata/rotation-pageload.json",
		"--from", rotFrom, "--to", rotTo, "--pages", "testdata/pageload-pages.csv",
		"--pages-from", "2025-12-15", "--pages-to", "2025-12-29"))
	for _, a := range rows(t, d, "ledger") {
		require.InDelta(t, 313, a["burden"], 1e-9, a["responder"])
	}
}

// Quotas on the fixture team (one role, three weeks, bea away the middle week): weeks 1 and
// 3 are shared by all three (1/3 each), week 2 by ana and cai (1/2 each), so ana and cai
// are owed 7/6 of a week (floor 1, ceiling 2) and bea 2/3 (floor 0, ceiling 1).
// shifts-uneven.csv gives ana two weeks, bea one, cai none.
func TestFairnessQuotasByHand(t *testing.T) {
	d := doc(t, cli(t, "fairness", "--team", rotTeam, "--shifts", "testdata/shifts-uneven.csv"))
	type q struct {
		share                float64
		floor, ceiling, held float64
	}
	got := map[[2]any]q{}
	for _, r := range rows(t, d, "quotas") {
		got[[2]any{r["responder"], r["role"]}] = q{r["share"].(float64), r["floor"].(float64), r["ceiling"].(float64), r["held"].(float64)}
	}
	require.Len(t, got, 6)
	for _, role := range []string{"primary", "all"} {
		require.InDelta(t, 7.0/6, got[[2]any{"ana", role}].share, 1e-12)
		require.Equal(t, q{got[[2]any{"ana", role}].share, 1, 2, 2}, got[[2]any{"ana", role}])
		require.InDelta(t, 2.0/3, got[[2]any{"bea", role}].share, 1e-12)
		require.Equal(t, q{got[[2]any{"bea", role}].share, 0, 1, 1}, got[[2]any{"bea", role}])
		require.Equal(t, q{got[[2]any{"cai", role}].share, 1, 2, 0}, got[[2]any{"cai", role}])
	}
}
