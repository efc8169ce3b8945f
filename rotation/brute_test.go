package rotation

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"pgregory.net/rapid"
)

// bruteForce enumerates every schedule of the model's slots (with Chain, every sequence of
// chain links), keeps those Check passes, and returns the leximax-smallest sorted load
// vector, or nil when none passes. It uses only the judging API (Slots, Check, Ledger), never
// the generator, so it is an independent check of Generate.
func bruteForce(t fataler, m *Model) []float64 {
	t.Helper()
	spec := m.Spec()
	slots := m.Slots()
	nc := len(slots) / len(spec.Roles)
	n := len(m.Team())
	choices := len(slots)
	if spec.Chain {
		choices = nc + 1 + nc*(len(spec.Roles)-2)
	}
	var best []float64
	pick := make([]int, choices)
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
			if best == nil || lexVecLess(v, best) {
				best = v
			}
		}
		i := 0
		for ; i < choices; i++ {
			pick[i]++
			if pick[i] < n {
				break
			}
			pick[i] = 0
		}
		if i == choices {
			return best
		}
	}
}

type fataler interface {
	Helper()
	Fatal(args ...any)
}

func buildSchedule(m *Model, slots []Slot, pick []int) oncall.Schedule {
	spec, tm := m.Spec(), m.Team()
	nr := len(spec.Roles)
	var s oncall.Schedule
	extra := len(slots) / nr
	for i, sl := range slots {
		var who int
		switch {
		case !spec.Chain:
			who = pick[i]
		case sl.Role == spec.Roles[0].Name:
			who = pick[sl.Cycle]
		case sl.Role == spec.Roles[1].Name:
			who = pick[sl.Cycle+1]
		default:
			who = pick[extra+1+sl.Cycle*(nr-2)+i%nr-2]
		}
		s = append(s, oncall.Shift{Responder: tm[who].Responder.ID, Role: sl.Role, Start: sl.Start, End: sl.End})
	}
	return s
}

func sortedLoads(l *Ledger) []float64 {
	v := make([]float64, len(l.Accounts))
	for i, a := range l.Accounts {
		v[i] = a.Load
	}
	slices.SortFunc(v, func(a, b float64) int { return -cmpFloat(a, b) })
	return v
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func lexVecLess(a, b []float64) bool {
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-6 {
			return a[i] < b[i]
		}
	}
	return false
}

// tinyProblem draws a small random problem: few enough choices to enumerate.
func tinyProblem(t *rapid.T) Problem {
	n := rapid.IntRange(2, 4).Draw(t, "people")
	chain := rapid.Bool().Draw(t, "chain")
	roles := []RoleSpec{{Name: "primary", Weight: 1}}
	if chain || rapid.Bool().Draw(t, "two roles") {
		roles = DefaultRoles()
	}
	units := func(c int) int {
		if chain {
			return c + 1
		}
		return c * len(roles)
	}
	maxC := 1
	for c := 2; c <= 6 && math.Pow(float64(n), float64(units(c))) <= 1100; c++ {
		maxC = c
	}
	cycles := rapid.IntRange(1, maxC).Draw(t, "cycles")
	zones := []string{"UTC", "Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata"}
	start := time.Date(2026, time.Month(rapid.IntRange(1, 12).Draw(t, "month")), 1, 0, 0, 0, 0, time.UTC)
	tm := make([]Member, n)
	for i := range tm {
		loc := mustLoad(rapid.SampledFrom(zones).Draw(t, "zone"))
		prof := calendar.Profile{Zone: loc}
		if rapid.IntRange(0, 3).Draw(t, "leave?") == 0 {
			d := rapid.IntRange(0, cycles*7).Draw(t, "leave start")
			l := rapid.IntRange(1, 10).Draw(t, "leave days")
			ls := start.AddDate(0, 0, d)
			prof.Leave = []calendar.Interval{{Start: ls, End: ls.AddDate(0, 0, l)}}
		}
		if rapid.IntRange(0, 3).Draw(t, "holiday?") == 0 {
			prof.Region = rapid.SampledFrom([]string{"GB", "US", "DE"}).Draw(t, "region")
		}
		m := Member{Responder: oncall.Responder{ID: string(rune('a' + i)), Profile: prof}}
		m.Capacity = rapid.SampledFrom([]float64{1, 1, 0.5}).Draw(t, "capacity")
		if len(roles) > 1 && rapid.IntRange(0, 4).Draw(t, "junior?") == 0 {
			m.Roles = []string{"secondary"}
		}
		m.MaxStints = rapid.IntRange(0, 2).Draw(t, "max stints")
		tm[i] = m
	}
	carried := map[string]float64{}
	for _, m := range tm {
		if rapid.Bool().Draw(t, "carried?") {
			carried[m.Responder.ID] = float64(rapid.IntRange(-300, 300).Draw(t, "carried"))
		}
	}
	return Problem{
		Team:    tm,
		From:    start,
		To:      start.AddDate(0, 0, 7*cycles),
		Carried: carried,
		Seed:    rapid.Uint64().Draw(t, "seed"),
		Spec: Spec{Roles: roles, Chain: chain, MinCyclesOff: rapid.IntRange(0, 1).Draw(t, "rest"),
			StintPeriod: rapid.IntRange(1, 3).Draw(t, "period")},
	}
}

// TestGenerateMatchesBruteForce checks Generate against exhaustive search on tiny random
// problems: when a valid schedule exists Generate finds one with the optimal largest load,
// and when none exists it says so with ErrInfeasible.
func TestGenerateMatchesBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pr := tinyProblem(t)
		m, err := Compile(pr)
		if err != nil {
			t.Fatal(err)
		}
		best := bruteForce(t, m)
		plan, err := m.Generate()
		if best == nil {
			if err == nil {
				t.Fatalf("brute force finds no valid schedule, Generate returned one:\n%v", plan.Shifts)
			}
			return
		}
		if err != nil {
			t.Fatalf("brute force finds a schedule (max load %v), Generate failed: %v", best[0], err)
		}
		got := sortedLoads(plan.Ledger)
		if math.Abs(got[0]-best[0]) > 1e-6 {
			t.Fatalf("max load %v, optimum %v (loads %v vs %v)", got[0], best[0], got, best)
		}
		if lb := m.LowerBound(); lb > best[0]+1e-6*(1+math.Abs(best[0])) {
			t.Fatalf("lower bound %v above the optimum %v", lb, best[0])
		}
	})
}
