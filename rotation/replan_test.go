package rotation

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"pgregory.net/rapid"
)

// roundRobinPlan is a published schedule: week w of the horizon to people[w].
func roundRobinPlan(people []string, role string) oncall.Schedule {
	var s oncall.Schedule
	for w, id := range people {
		s = append(s, oncall.Shift{Responder: id, Role: role, Start: weeks(w), End: weeks(w + 1)})
	}
	return s
}

// TestReplanOneWeekOfLeaveByHand: four people in UTC, eight weeks of primary, one week off
// between stints. The published plan is p0 p1 p2 p3 p0 p1 p2 p3; then p1 books leave over
// week 5. Every week costs the same c, so with p1's leave week owed by the other three the
// loads are f + (b - share)/1 with share 1.75c for p1 and 1.75c + c/3 for the others: any
// schedule where someone holds three weeks has a load of at least f + 0.92c, while two weeks
// each gives at most f + 0.25c. So the optimum keeps two weeks each; week 5 must change
// hands, and p1 must take one week back from whoever took it: at least two changes. Two are
// enough: p3 (weeks 3 and 7, so week 5 keeps a week off either side) takes week 5 and p1
// takes week 3 or week 7 (week 1 and week 3 leave week 2 off; week 1 and week 7 too).
func TestReplanOneWeekOfLeaveByHand(t *testing.T) {
	tm := team(4, nil)
	tm[1].Responder.Profile.Leave = []calendar.Interval{{Start: weeks(5), End: weeks(6)}}
	prev := roundRobinPlan([]string{"p0", "p1", "p2", "p3", "p0", "p1", "p2", "p3"}, oncall.Primary)
	m, err := Compile(Problem{Team: tm, From: tue, To: weeks(8), Previous: prev,
		Spec: Spec{Roles: []RoleSpec{{Name: oncall.Primary}}, MinCyclesOff: 1}, Seed: 3})
	require.NoError(t, err)
	plan, err := m.Generate()
	require.NoError(t, err)
	vs, err := m.Check(plan.Shifts)
	require.NoError(t, err)
	require.Empty(t, vs)
	assert.Equal(t, 2, plan.Changed)
	weeksOf := map[string]int{}
	changed := map[int]string{}
	for w, sh := range plan.Shifts {
		weeksOf[sh.Responder]++
		if sh.Responder != prev[w].Responder {
			changed[w] = sh.Responder
		}
	}
	assert.Equal(t, map[string]int{"p0": 2, "p1": 2, "p2": 2, "p3": 2}, weeksOf)
	assert.Equal(t, "p3", changed[5], "week 5 goes to the one person it fits")
	assert.Len(t, changed, 2)
}

// TestReplanChangesAreMinimalRapid: on tiny random problems, re-planning against a random
// published schedule reaches the optimal loads (by brute force, as for a fresh plan), and
// among schedules with those loads changes no more slots than the fewest possible, found by
// the same enumeration.
func TestReplanChangesAreMinimalRapid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pr := tinyProblem(t)
		pr.Spec.Chain = false
		m, err := Compile(pr)
		if err != nil {
			t.Fatal(err)
		}
		slots := m.Slots()
		if math.Pow(float64(len(pr.Team)), float64(len(slots))) > 1100 {
			// Drawn for a chained rotation, this horizon has too many slots to enumerate
			// unchained.
			return
		}
		var prev oncall.Schedule
		for _, sl := range slots {
			who := pr.Team[rapid.IntRange(0, len(pr.Team)-1).Draw(t, "published")].Responder.ID
			prev = append(prev, oncall.Shift{Responder: who, Role: sl.Role, Start: sl.Start, End: sl.End})
		}
		pr.Previous = prev
		m, err = Compile(pr)
		if err != nil {
			t.Fatal(err)
		}
		best, fewest := bruteForceChanges(t, m, prev)
		plan, err := m.Generate()
		if best == nil {
			if err == nil {
				t.Fatal("brute force finds no valid schedule, Generate returned one")
			}
			return
		}
		if err != nil {
			t.Fatalf("brute force finds a schedule, Generate failed: %v", err)
		}
		got := sortedLoads(plan.Ledger)
		if math.Abs(got[0]-best[0]) > 1e-6 {
			t.Fatalf("max load %v, optimum %v", got[0], best[0])
		}
		if !lexVecLess(best, got) && plan.Changed > fewest {
			t.Fatalf("loads %v are optimal but %d changes; %d suffice", got, plan.Changed, fewest)
		}
	})
}

// bruteForceChanges is bruteForce for plain (unchained) rotations that also returns the
// fewest slots differing from prev among the schedules with the best sorted loads.
func bruteForceChanges(t fataler, m *Model, prev oncall.Schedule) ([]float64, int) {
	t.Helper()
	slots := m.Slots()
	n := len(m.Team())
	var best []float64
	fewest := 0
	pick := make([]int, len(slots))
	for {
		s := buildSchedule(m, slots, pick)
		vs, err := m.Check(s)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) == 0 {
			l, err := m.Ledger(s)
			if err != nil {
				t.Fatal(err)
			}
			v := sortedLoads(l)
			ch := 0
			for i := range s {
				if s[i].Responder != prev[i].Responder {
					ch++
				}
			}
			switch {
			case best == nil || lexVecLess(v, best):
				best, fewest = v, ch
			case !lexVecLess(best, v):
				fewest = min(fewest, ch)
			}
		}
		i := 0
		for ; i < len(pick); i++ {
			if pick[i]++; pick[i] < n {
				break
			}
			pick[i] = 0
		}
		if i == len(pick) {
			return best, fewest
		}
	}
}

// TestChainContinuesFromHistory: with Chain, whoever held the last secondary of history
// (p2, shadowing p1) leads the first cycle of the horizon, even under a one-cycle rest rule:
// shadow then lead is one stint. Check agrees. When the same secondary ends a day before the
// horizon, there is no chain, and the rest rule keeps p2 out of the first cycle.
func TestChainContinuesFromHistory(t *testing.T) {
	tm := team(4, nil)
	hist := oncall.Schedule{
		{Responder: "p1", Role: oncall.Primary, Start: weeks(-1), End: tue},
		{Responder: "p2", Role: oncall.Secondary, Start: weeks(-1), End: tue},
	}
	pr := Problem{Team: tm, From: tue, To: weeks(6), History: hist, Spec: Spec{Chain: true, MinCyclesOff: 1}, Seed: 5}
	m, err := Compile(pr)
	require.NoError(t, err)
	plan, err := m.Generate()
	require.NoError(t, err)
	vs, err := m.Check(plan.Shifts)
	require.NoError(t, err)
	assert.Empty(t, vs)
	first := plan.Shifts[0]
	require.Equal(t, oncall.Primary, first.Role)
	require.Equal(t, tue, first.Start)
	assert.Equal(t, "p2", first.Responder)
	for _, sh := range plan.Shifts {
		if sh.Start.Equal(tue) || sh.Start.Equal(weeks(1)) {
			assert.NotEqual(t, "p1", sh.Responder, "p1 led the last past cycle and rests")
		}
	}

	// A secondary ending a day early does not chain: p2 then rests through cycle 0.
	pr.History = oncall.Schedule{{Responder: "p2", Role: oncall.Secondary, Start: weeks(-1).AddDate(0, 0, -1), End: tue.AddDate(0, 0, -1)}}
	m, err = Compile(pr)
	require.NoError(t, err)
	plan, err = m.Generate()
	require.NoError(t, err)
	assert.NotEqual(t, "p2", plan.Shifts[0].Responder)

	// Check flags someone else leading cycle 0 only as the rules say: the chain is a
	// preference of the generator's, not a pin, so it is no violation.
	pr.History = hist
	m, err = Compile(pr)
	require.NoError(t, err)
	other := oncall.Schedule{
		{Responder: "p0", Role: oncall.Primary, Start: tue, End: weeks(1)},
		{Responder: "p3", Role: oncall.Secondary, Start: tue, End: weeks(1)},
	}
	vs, err = m.Check(other)
	require.NoError(t, err)
	for _, v := range vs {
		assert.Equal(t, RuleCoverage, v.Rule, v.String())
	}
}

// TestSpreadEvensOutStintsByHand: three people in UTC, six identical weeks, no rest rule,
// so every schedule giving two weeks each has the same loads. Starting the local search from
// the clumped p0 p0 p1 p1 p2 p2 (squared gaps 27 + 19 + 27, counting from just before the
// horizon, week -1, to its end, week 6), it must spread each person's weeks. Enumerating all
// 90 two-each schedules gives the least total, 55: weeks (0,3), (1,4), (2,5) with gaps
// 1,3,3 / 2,3,2 / 3,3,1, that is 19 + 17 + 19.
func TestSpreadEvensOutStintsByHand(t *testing.T) {
	m, err := Compile(Problem{Team: team(3, nil), From: tue, To: weeks(6), Spec: Spec{Roles: []RoleSpec{{Name: oncall.Primary}}}, ExactBudget: -1})
	require.NoError(t, err)
	s, err := m.newSearch()
	require.NoError(t, err)
	for u, p := range []int{0, 0, 1, 1, 2, 2} {
		s.set(u, p)
	}
	total := func() float64 { return s.spread(0, -1, -1) + s.spread(1, -1, -1) + s.spread(2, -1, -1) }
	require.Equal(t, 27.0+19+27, total())
	best := math.Inf(1)
	var rec func(w int, count [3]int, firsts [3][]int)
	rec = func(w int, count [3]int, firsts [3][]int) {
		if w == 6 {
			sum := 0.0
			for _, fs := range firsts {
				prev := -1
				for _, f := range append(append([]int(nil), fs...), 6) {
					sum += float64((f - prev) * (f - prev))
					prev = f
				}
			}
			best = min(best, sum)
			return
		}
		for p := range 3 {
			if count[p] < 2 {
				c, f := count, firsts
				c[p]++
				f[p] = append(append([]int(nil), f[p]...), w)
				rec(w+1, c, f)
			}
		}
	}
	rec(0, [3]int{}, [3][]int{})
	require.Equal(t, 55.0, best)
	s.improve()
	assert.Equal(t, best, total())
	for p := range 3 {
		require.Len(t, s.held[p], 2)
		assert.Equal(t, 3, s.us[s.held[p][1]].first-s.us[s.held[p][0]].first, "person %d", p)
	}
}

// TestClassPricesMatchOwnCalendars: pricing shared per class of calendar, with each person's
// leave priced apart, gives every person exactly what their own calendar gives for every
// slot and window, and the horizon share summed per class equals the share the ledger
// accounts shift by shift for a schedule covering every slot.
func TestClassPricesMatchOwnCalendars(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pr := mediumProblem(t)
		m, err := Compile(pr)
		if err != nil {
			t.Fatal(err)
		}
		nr := len(m.spec.Roles)
		for p := range m.team {
			for i := 0; i < m.numCycles()*nr; i++ {
				got, free := m.slotPrice(p, i)
				want, wantFree := 0.0, true
				if m.spec.Roles[i%nr].Coverage == nil {
					b, err := m.cals[p].Split(m.cycles[i/nr], m.cycles[i/nr+1])
					if err != nil {
						t.Fatal(err)
					}
					want, wantFree = weigh(b, &m.weights), b.With(calendar.FlagLeave) == 0
				} else {
					for _, j := range m.partsOf[i] {
						b, err := m.cals[p].Split(m.parts[j].start, m.parts[j].end)
						if err != nil {
							t.Fatal(err)
						}
						want += weigh(b, &m.weights)
						wantFree = wantFree && b.With(calendar.FlagLeave) == 0
					}
				}
				if math.Abs(got-want) > 1e-9*(1+want) || free != wantFree {
					t.Fatalf("person %d slot %d: price %v free %v, own calendar %v free %v", p, i, got, free, want, wantFree)
				}
			}
		}
		var all oncall.Schedule
		for _, sl := range m.Slots() {
			k, _ := m.slotAt(sl.Role, sl.Start)
			all = append(all, m.shiftsOf(k, 0)...)
		}
		l, err := m.Ledger(all)
		if err != nil {
			t.Fatal(err)
		}
		share := m.horizonShare()
		for p, a := range l.Accounts {
			if math.Abs(a.Share-share[p]) > 1e-7*(1+math.Abs(a.Share)) {
				t.Fatalf("person %d: ledger share %v, horizon share %v", p, a.Share, share[p])
			}
		}
	})
}
