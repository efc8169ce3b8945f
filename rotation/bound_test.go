package rotation

import (
	"encoding/json"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/wellrested/oncall"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestLowerBoundValidAndTighterRapid: on tiny random problems LowerBound never exceeds the
// optimum found by exhaustive search (through Check and Ledger only), and never falls below
// the aggregate bound it refines.
func TestLowerBoundValidAndTighterRapid(t *testing.T) {
	exact, exactBefore, tighter, runs := 0, 0, 0, 0
	rapid.Check(t, func(t *rapid.T) {
		m, err := Compile(tinyProblem(t))
		if err != nil {
			t.Fatal(err)
		}
		lb := m.LowerBound()
		agg, _, _ := m.aggregateBound()
		if lb < agg-1e-9*(1+math.Abs(agg)) {
			t.Fatalf("lower bound %v below the aggregate bound %v", lb, agg)
		}
		best := bruteForce(t, m)
		if best == nil {
			return
		}
		if lb > best[0]+1e-9*(1+math.Abs(best[0])) {
			t.Fatalf("lower bound %v above the optimum %v", lb, best[0])
		}
		runs++
		if lb > agg+1e-9*(1+math.Abs(agg)) {
			tighter++
		}
		if math.Abs(lb-best[0]) <= 1e-9*(1+math.Abs(best[0])) {
			exact++
		}
		if math.Abs(agg-best[0]) <= 1e-9*(1+math.Abs(best[0])) {
			exactBefore++
		}
	})
	t.Logf("%d feasible problems: bound equal to the optimum in %d (the aggregate bound in %d), above the aggregate bound in %d", runs, exact, exactBefore, tighter)
}

// TestLowerBoundCountingByHand: two people in UTC with default profiles, one round-the-clock
// role, three weekly cycles, no rest rule. Every week costs the same c for both, so each
// owes 1.5c, the mean rate is 1.5c and both start at load 0. The aggregate bound is 3c over
// two people, 1.5c. But whoever stays under 2c holds at most one week, and two people
// holding a week each leave the third uncovered: the best schedule gives someone two weeks,
// load 2c, and the bound is 2c.
func TestLowerBoundCountingByHand(t *testing.T) {
	m, err := Compile(Problem{Team: team(2, nil), From: tue, To: weeks(3), Spec: Spec{Roles: []RoleSpec{{Name: "primary"}}}})
	require.NoError(t, err)
	c, _ := m.slotPrice(0, 0)
	agg, _, _ := m.aggregateBound()
	assert.InDelta(t, 1.5*c, agg, 1e-9*c)
	assert.InDelta(t, 2*c, m.LowerBound(), 1e-9*c)
	plan, err := m.Generate()
	require.NoError(t, err)
	assert.InDelta(t, 2*c, plan.Ledger.Indices.Max, 1e-9*c)
}

// TestLowerBoundRestByHand: two people, four weekly cycles, one cycle of rest between
// stints, so they must alternate (p0 p1 p0 p1 or p1 p0 p1 p0) and each holds two weeks. p0
// brings a carried balance of -2c (owed two weeks). Shares are 2c each and the mean rate 2c,
// so p0 starts at 2c - 2c - 2c = -2c and p1 at 0. Without the rest rule p0 would take three
// weeks and both end at c, which is what the aggregate bound sees: (4c - 2c) / 2 = c. With
// it p1 must take two weeks and ends at 2c, and the bound finds that: below 2c p1 can hold
// one week and p0, by the rest rule, two; three of four weeks.
func TestLowerBoundRestByHand(t *testing.T) {
	pr := Problem{Team: team(2, nil), From: tue, To: weeks(4), Spec: Spec{Roles: []RoleSpec{{Name: "primary"}}, MinCyclesOff: 1}}
	m, err := Compile(pr)
	require.NoError(t, err)
	c, _ := m.slotPrice(0, 0)
	pr.Carried = map[string]float64{"p0": -2 * c}
	m, err = Compile(pr)
	require.NoError(t, err)
	agg, _, _ := m.aggregateBound()
	assert.InDelta(t, c, agg, 1e-9*c)
	assert.InDelta(t, 2*c, m.LowerBound(), 1e-9*c)
	plan, err := m.Generate()
	require.NoError(t, err)
	assert.InDelta(t, 2*c, plan.Ledger.Indices.Max, 1e-9*c)
}

// TestLowerBoundBenchmarkSizes: on the sizes the benchmarks time, the bound stays at or
// above the aggregate bound and at or below what Generate achieves.
func TestLowerBoundBenchmarkSizes(t *testing.T) {
	if testing.Short() {
		t.Skip("large models")
	}
	for _, pr := range []Problem{benchProblem(50, 104, false), benchProblem(12, 52, true), followTheSun(60, 120)} {
		m, err := Compile(pr)
		require.NoError(t, err)
		agg, _, _ := m.aggregateBound()
		plan, err := m.Generate()
		require.NoError(t, err)
		lb := m.LowerBound()
		assert.GreaterOrEqual(t, lb, agg)
		assert.LessOrEqual(t, lb, plan.Ledger.Indices.Max*(1+1e-12))
	}
}

// BenchmarkLowerBound50People2Years times the bound alone (Ledger reports it, so Generate
// pays for it once per model).
func BenchmarkLowerBound50People2Years(b *testing.B) {
	m, err := Compile(benchProblem(50, 104, false))
	if err != nil {
		b.Fatal(err)
	}
	var lb float64
	measure(b, func() { lb = m.lowerBoundOnce() })
	b.ReportMetric(lb, "bound")
}

// BenchmarkLowerBoundFollowTheSun500People5Years times the bound on the largest benchmark.
func BenchmarkLowerBoundFollowTheSun500People5Years(b *testing.B) {
	m, err := Compile(followTheSun(500, 5*365))
	if err != nil {
		b.Fatal(err)
	}
	var lb float64
	measure(b, func() { lb = m.lowerBoundOnce() })
	b.ReportMetric(lb, "bound")
}

// TestLowerBoundDearCountingByHand: two people in UTC, three weekly cycles, secondary
// becomes next primary, no rest rule. Every week costs c as primary and c/2 as secondary,
// so the units are: primary of week 0 (c), the two chained pairs (1.5c each) and the last
// secondary (c/2), 4.5c in all; both owe 2.25c and start at load 0. The aggregate bound is
// 4.5c / 2 = 2.25c, and plain counting cannot rise above it: below 2.5c each person fits
// two units (c/2 + c), four in all. But three units cost c or more, and below 2.5c each
// person fits only one of those (c + 1.5c = 2.5c), so someone ends at 2.5c or more. The
// optimum is 2.5c: p0 holds the first pair and the last secondary (2c), p1 the first
// primary and the second pair (2.5c).
func TestLowerBoundDearCountingByHand(t *testing.T) {
	m, err := Compile(Problem{Team: team(2, nil), From: tue, To: weeks(3), Spec: Spec{Chain: true}})
	require.NoError(t, err)
	c, _ := m.slotPrice(0, 0)
	agg, _, _ := m.aggregateBound()
	assert.InDelta(t, 2.25*c, agg, 1e-9*c)
	assert.InDelta(t, 2.5*c, m.LowerBound(), 1e-9*c)
	plan, err := m.Generate()
	require.NoError(t, err)
	assert.InDelta(t, 2.5*c, plan.Ledger.Indices.Max, 1e-9*c)
}

// TestSubsetSumByHand: ten units costing 8 and four costing 18 (a fortnight of daily
// windows, weekends dearer), room 46.78. The sums 8a + 18b up to 46.78 are 0, 8, 16, 18,
// 24, 26, 32, 34, 36, 40, 42 and 44 (18+18+8): none lies between 44 and 46.78, so the
// largest that fits is 44. At most five units fit, so the grid bound may add five steps of
// 46.78/1024. When everything fits the exact total comes back.
func TestSubsetSumByHand(t *testing.T) {
	g := &lagrange{}
	var ws []float64
	for i := 0; i < 10; i++ {
		ws = append(ws, 8)
	}
	ws = append(ws, 18, 18, 18, 18)
	got := g.subsetSum(ws, 46.78, 5)
	assert.GreaterOrEqual(t, got, 44.0)
	assert.LessOrEqual(t, got, 44+5*46.78/subsetGrid)
	assert.InDelta(t, 26, g.subsetSum([]float64{8, 18}, 30, 2), 1e-12)
	assert.Zero(t, g.subsetSum(nil, 30, 0))
}

// The bound is for schedules made of the model's whole units. Two people, three weeks: a
// schedule that hands the middle week over at its midpoint keeps every rule (Check finds
// nothing) yet prices below any whole-week schedule, since its largest load is 484 (found
// by the ledger) against a bound of 606 (one person must hold two whole weeks). Its ledger
// reports no bound rather than a wrong one; the whole-week schedule gets the bound.
func TestLedgerBoundOnlyForWholeUnits(t *testing.T) {
	m, err := Compile(Problem{Team: team(2, nil), From: tue, To: weeks(3), Spec: Spec{Roles: []RoleSpec{{Name: "primary"}}}})
	require.NoError(t, err)
	mid := weeks(1).Add(84 * time.Hour)
	split := oncall.Schedule{
		{Responder: "p0", Role: "primary", Start: tue, End: weeks(1)},
		{Responder: "p0", Role: "primary", Start: weeks(1), End: mid},
		{Responder: "p1", Role: "primary", Start: mid, End: weeks(2)},
		{Responder: "p1", Role: "primary", Start: weeks(2), End: weeks(3)},
	}
	vs, err := m.Check(split)
	require.NoError(t, err)
	require.Empty(t, vs)
	l, err := m.Ledger(split)
	require.NoError(t, err)
	require.True(t, math.IsNaN(l.LowerBound), "bound %v for a split week", l.LowerBound)
	require.Less(t, l.Indices.Max, m.LowerBound(), "the split week does price below the whole-unit bound")
	b, err := json.Marshal(l)
	require.NoError(t, err)
	require.Contains(t, string(b), `"lower_bound":null`)

	whole := oncall.Schedule{
		{Responder: "p0", Role: "primary", Start: tue, End: weeks(1)},
		{Responder: "p0", Role: "primary", Start: weeks(1), End: weeks(2)},
		{Responder: "p1", Role: "primary", Start: weeks(2), End: weeks(3)},
	}
	l, err = m.Ledger(whole)
	require.NoError(t, err)
	require.Equal(t, m.LowerBound(), l.LowerBound)
	require.GreaterOrEqual(t, l.Indices.Max, l.LowerBound)

	// The same week held by two people at once is not a whole unit either.
	l, err = m.Ledger(append(whole, oncall.Shift{Responder: "p1", Role: "primary", Start: tue, End: weeks(1)}))
	require.NoError(t, err)
	require.True(t, math.IsNaN(l.LowerBound))
}

// With chaining, a unit is one cycle's secondary and the next cycle's primary: a schedule
// that breaks the pair gets no bound.
func TestLedgerBoundChainBroken(t *testing.T) {
	m, err := Compile(Problem{Team: team(3, nil), From: tue, To: weeks(2), Spec: Spec{Chain: true}})
	require.NoError(t, err)
	chained := oncall.Schedule{
		{Responder: "p0", Role: "primary", Start: tue, End: weeks(1)},
		{Responder: "p1", Role: "secondary", Start: tue, End: weeks(1)},
		{Responder: "p1", Role: "primary", Start: weeks(1), End: weeks(2)},
		{Responder: "p2", Role: "secondary", Start: weeks(1), End: weeks(2)},
	}
	l, err := m.Ledger(chained)
	require.NoError(t, err)
	require.False(t, math.IsNaN(l.LowerBound))
	broken := slices.Clone(chained)
	broken[2].Responder, broken[3].Responder = "p2", "p1"
	l, err = m.Ledger(broken)
	require.NoError(t, err)
	require.True(t, math.IsNaN(l.LowerBound))
}
