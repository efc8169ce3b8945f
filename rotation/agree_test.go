package rotation

import (
	"math"
	"testing"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"pgregory.net/rapid"
)

// tinyLayeredProblem draws layered coverage small enough to enumerate: weekday and weekend
// layers (disjoint hours in one cycle), or an office-hours role beside a round-the-clock
// one, with leave, rest and stint caps. Short cycles leave some layer slots with no window
// at all.
func tinyLayeredProblem(t *rapid.T) Problem {
	n := rapid.IntRange(1, 3).Draw(t, "people")
	start := time.Date(2026, time.Month(rapid.IntRange(1, 12).Draw(t, "month")), rapid.IntRange(1, 28).Draw(t, "day"), 0, 0, 0, 0, time.UTC)
	cycleDays := rapid.SampledFrom([]int{1, 2, 3, 7}).Draw(t, "cycle days")
	var roles []RoleSpec
	if rapid.Bool().Draw(t, "layers?") {
		roles = []RoleSpec{
			{Name: "weekday", Coverage: &Coverage{Days: calendar.MondayToFriday}},
			{Name: "weekend", Weight: 1.5, Coverage: &Coverage{Days: calendar.WeekdaysOf(time.Saturday, time.Sunday)}},
		}
	} else {
		roles = []RoleSpec{
			{Name: oncall.Primary},
			{Name: "office", Weight: 0.5, Coverage: &Coverage{Days: calendar.MondayToFriday, Hours: calendar.Window{From: calendar.At(9, 0), To: calendar.At(17, 0)}}},
		}
	}
	maxC := 1
	for c := 2; c <= 4 && math.Pow(float64(n), float64(2*c)) <= 800; c++ {
		maxC = c
	}
	cycles := rapid.IntRange(1, maxC).Draw(t, "cycles")
	tm := make([]Member, n)
	for i := range tm {
		prof := calendar.Profile{Zone: mustLoad(rapid.SampledFrom([]string{"UTC", "Europe/London", "America/New_York"}).Draw(t, "zone"))}
		if rapid.IntRange(0, 2).Draw(t, "leave?") == 0 {
			ls := start.Add(time.Duration(rapid.IntRange(0, cycles*cycleDays*24).Draw(t, "leave hour")) * time.Hour)
			prof.Leave = []calendar.Interval{{Start: ls, End: ls.Add(time.Duration(rapid.IntRange(1, 72).Draw(t, "leave hours")) * time.Hour)}}
		}
		tm[i] = Member{Responder: oncall.Responder{ID: string(rune('a' + i)), Profile: prof}, MaxStints: rapid.IntRange(0, 2).Draw(t, "max stints")}
	}
	return Problem{Team: tm, From: start, To: start.AddDate(0, 0, cycles*cycleDays), Seed: rapid.Uint64().Draw(t, "seed"),
		Spec: Spec{CycleDays: cycleDays, Handoff: &Handoff{Day: start.Weekday(), At: 0}, Roles: roles,
			MinCyclesOff: rapid.IntRange(0, 1).Draw(t, "rest"), StintPeriod: rapid.IntRange(1, 3).Draw(t, "period")}}
}

// TestGenerateAgreesWithCheckOnLayers: every way of giving each slot (all its windows) to
// one person is judged by Check alone; Generate must find a schedule whenever one of them
// passes, with the optimal largest load, and fail only when none does. Two layers of one
// cycle may go to one person when their hours do not meet and no rest is asked for, and a
// slot whose windows miss the cycle counts for nobody's rest or stints, as in Check.
func TestGenerateAgreesWithCheckOnLayers(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m, err := Compile(tinyLayeredProblem(t))
		if err != nil {
			t.Fatal(err)
		}
		var keys []slotKey
		for c := 0; c < m.numCycles(); c++ {
			for r := range m.spec.Roles {
				keys = append(keys, slotKey{cycle: c, role: r})
			}
		}
		n := len(m.team)
		var best []float64
		pick := make([]int, len(keys))
		for {
			var s oncall.Schedule
			for i, k := range keys {
				s = append(s, m.shiftsOf(k, pick[i])...)
			}
			s.Sort()
			vs, err := m.Check(s)
			if err != nil {
				t.Fatal(err)
			}
			if len(vs) == 0 {
				l, err := m.Ledger(s)
				if err != nil {
					t.Fatal(err)
				}
				if v := sortedLoads(l); best == nil || lexVecLess(v, best) {
					best = v
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
				break
			}
		}
		plan, err := m.Generate()
		switch {
		case best == nil && err == nil:
			t.Fatalf("no schedule passes Check, Generate returned %v", plan.Shifts)
		case best != nil && err != nil:
			t.Fatalf("a schedule passes Check (max load %v), Generate failed: %v", best[0], err)
		case best != nil:
			vs, _ := m.Check(plan.Shifts)
			if len(vs) > 0 {
				t.Fatalf("generated schedule breaks rules: %v", vs)
			}
			if got := sortedLoads(plan.Ledger); math.Abs(got[0]-best[0]) > 1e-6 {
				t.Fatalf("max load %v, optimum %v", got[0], best[0])
			}
			if lb := m.LowerBound(); lb > best[0]+1e-6*(1+math.Abs(best[0])) {
				t.Fatalf("lower bound %v above the optimum %v", lb, best[0])
			}
		}
	})
}

// TestLowerBoundPoolsByHand: p0 alone may hold role x, p1 and p2 role y, two weeks in UTC,
// every week costing the same c in everyone's calendar. Shares follow eligibility: p0 owes
// both x weeks (2c), p1 and p2 one y week each (c); the mean rate f is 4c/3. p0 brings a
// carried balance of +c, so p0's load is f + (c + 2c - 2c) = 7c/3 whatever happens: p0 must
// hold x both weeks. The team-wide average gives only (4c + c)/3 = 5c/3; the bound over
// p0's pool gives (2c + f - 2c + c)/1 = 7c/3, the optimum.
func TestLowerBoundPoolsByHand(t *testing.T) {
	tm := team(3, nil)
	tm[0].Roles = []string{"x"}
	tm[1].Roles, tm[2].Roles = []string{"y"}, []string{"y"}
	pr := Problem{Team: tm, From: tue, To: weeks(2), Spec: Spec{Roles: []RoleSpec{{Name: "x"}, {Name: "y"}}}}
	m, err := Compile(pr)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := m.slotPrice(0, 0)
	pr.Carried = map[string]float64{"p0": c}
	if m, err = Compile(pr); err != nil {
		t.Fatal(err)
	}
	plan, err := m.Generate()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.LowerBound(), 7*c/3; math.Abs(got-want) > 1e-9*want {
		t.Fatalf("lower bound %v, want 7c/3 = %v", got, want)
	}
	if got, want := plan.Ledger.Indices.Max, 7*c/3; math.Abs(got-want) > 1e-9*want {
		t.Fatalf("max load %v, want 7c/3 = %v", got, want)
	}
}
