package rotation

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// A default profile in UTC, one week Tuesday 10:00 to Tuesday 10:00, by hand:
//
//	business  Mon-Fri 08-18        10 h x 5 = 50 h, weight 1          =  50
//	off       Mon-Fri 18-22         4 h x 5 = 20 h, weight 1.5        =  30
//	off       Sat, Sun 08-22       14 h x 2 = 28 h, weight 1.5 x 1.5  =  63
//	sleep     on weekdays 22-24, 0-8: 10 h x 5 = 50 h, weight 2       = 100
//	sleep     on Sat, Sun          10 h x 2 = 20 h, weight 2 x 1.5    =  60
//
// 168 hours, burden 303 as primary, 151.5 as secondary (weight 0.5).
const weekBurden = 303.0

func TestWeekBurdenByHand(t *testing.T) {
	m, err := Compile(Problem{Team: team(1, nil), From: tue, To: weeks(1)})
	require.NoError(t, err)
	l, err := m.Ledger(oncall.Schedule{
		{Responder: "p0", Role: "primary", Start: tue, End: weeks(1)},
		{Responder: "p0", Role: "secondary", Start: weeks(1), End: weeks(2)},
	})
	require.NoError(t, err)
	a := l.Accounts[0]
	assert.InDelta(t, weekBurden*1.5, a.Burden, 1e-9)
	assert.Equal(t, 100*time.Hour, a.Hours.Band(calendar.Business))
	assert.Equal(t, 140*time.Hour, a.Hours.Band(calendar.Sleep))
	assert.Equal(t, 96*time.Hour, a.Hours.With(calendar.FlagWeekend))
	assert.InDelta(t, 3.0, DefaultWeights().Of(calendar.MakeClass(calendar.Sleep, calendar.FlagWeekend)), 1e-12)
	assert.InDelta(t, 4.0, DefaultWeights().Of(calendar.MakeClass(calendar.Sleep, calendar.FlagWeekend|calendar.FlagHoliday)), 1e-12)
}

func TestHandoffKeepsLocalTimeAcrossDST(t *testing.T) {
	cases := []struct {
		zone  string
		from  time.Time
		hours []float64 // lengths of the first cycles, by hand from the zone's clock changes
	}{
		// London springs forward on Sunday 29 March 2026: the cycle from Tuesday 24 March
		// is an hour short.
		{"Europe/London", time.Date(2026, 3, 17, 0, 0, 0, 0, time.UTC), []float64{168, 167, 168}},
		// New York falls back on Sunday 1 November 2026: the cycle from 27 October is
		// 169 hours.
		{"America/New_York", time.Date(2026, 10, 20, 0, 0, 0, 0, time.UTC), []float64{168, 169, 168}},
		// Sydney, east of UTC, springs forward on Sunday 4 October 2026. The window's start is
		// itself a handoff (10:00 AEST is 00:00 UTC) and its end falls after the 13 October
		// handoff (23:00 UTC on the 12th), so four cycles start in it.
		{"Australia/Sydney", time.Date(2026, 9, 22, 0, 0, 0, 0, time.UTC), []float64{168, 167, 168, 168}},
	}
	for _, c := range cases {
		loc := mustLoad(c.zone)
		spec := Spec{Zone: loc}
		var got []float64
		for start, end := range spec.Cycles(c.from, c.from.AddDate(0, 0, 21)) {
			l := start.In(loc)
			assert.Equal(t, time.Tuesday, l.Weekday(), c.zone)
			assert.Equal(t, 10, l.Hour(), c.zone)
			assert.Equal(t, 0, l.Minute(), c.zone)
			got = append(got, end.Sub(start).Hours())
		}
		assert.Equal(t, c.hours, got, c.zone)
	}
}

func TestCyclesCustomHandoff(t *testing.T) {
	// Friday 17:30 in Kolkata (UTC+5:30), three-day cycles from Wednesday 7 January 2026: the
	// first handoff is Friday 9 January, then every three days.
	loc := mustLoad("Asia/Kolkata")
	spec := Spec{Zone: loc, CycleDays: 3, Handoff: &Handoff{Day: time.Friday, At: calendar.At(17, 30)}, Roles: []RoleSpec{{Name: "primary"}}}
	slots := spec.SlotList(time.Date(2026, 1, 7, 0, 0, 0, 0, loc), time.Date(2026, 1, 16, 0, 0, 0, 0, loc))
	require.Len(t, slots, 3)
	assert.Equal(t, time.Date(2026, 1, 9, 12, 0, 0, 0, time.UTC), slots[0].Start.UTC())
	assert.Equal(t, time.Date(2026, 1, 12, 12, 0, 0, 0, time.UTC), slots[1].Start.UTC())
	assert.Equal(t, time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC), slots[2].Start.UTC())
	assert.Equal(t, 2, slots[2].Cycle)
}

func TestFairnessIndicesByHand(t *testing.T) {
	// x = 1, 2, 3, 4: mean 2.5; sum of |xi - xj| over ordered pairs 20, so Gini =
	// 20 / (2 * 16 * 2.5) = 0.25; Jain = 10^2 / (4 * 30) = 5/6; population variance 1.25, so
	// CV = sqrt(1.25) / 2.5.
	ix := Fairness([]float64{3, 1, 4, 2})
	assert.InDelta(t, 0.25, ix.Gini, 1e-12)
	assert.InDelta(t, 5.0/6, ix.Jain, 1e-12)
	assert.InDelta(t, math.Sqrt(1.25)/2.5, ix.CV, 1e-12)
	assert.InDelta(t, 3.0, ix.Spread, 0)
	assert.InDelta(t, 1.6, ix.MaxOverMean, 1e-12)
	// One person carries everything: Jain 1/n, Gini (n-1)/n.
	ix = Fairness([]float64{0, 0, 0, 8})
	assert.True(t, math.IsNaN(ix.Gini), "loads with a zero are outside the indices' domain")
	ix = Fairness([]float64{1e-12, 1e-12, 1e-12, 8})
	assert.InDelta(t, 0.25, ix.Jain, 1e-9)
	assert.InDelta(t, 0.75, ix.Gini, 1e-9)
	b, err := marshal(Fairness(nil))
	require.NoError(t, err)
	assert.Contains(t, string(b), `"gini":null`)
}

// leaveProblem: three people, two weekly cycles, one role; p2 is on leave the second week.
//
// Week 1 (303 for everyone) is owed a third each: 101. Week 2 is owed by p0 and p1 only:
// 151.5 each. Shares: p0 252.5, p1 252.5, p2 101; mean rate F = 606 / 3 = 202.
// Best schedule: p0 and p1 take a week each (load 202 + 303 - 252.5 = 252.5), p2 none
// (202 - 101 = 101). Giving p2 week 1 would put p2 at 202 + 303 - 101 = 404.
// Lower bound: the aggregate bound is the total burden 606 over capacity 3 = 202, but week 2
// must go to p0 or p1, whose load before it is 202 - 252.5 = -50.5, so whoever takes it ends
// at least at -50.5 + 303 = 252.5 (the threshold bound): the optimum.
func leaveProblem() Problem {
	tm := team(3, nil)
	tm[2].Responder.Profile.Leave = []calendar.Interval{calendar.LeaveDays(calendar.Date{Year: 2026, Month: 1, Day: 14}, calendar.Date{Year: 2026, Month: 1, Day: 18}, time.UTC)}
	return Problem{Team: tm, From: tue, To: weeks(2), Spec: Spec{Roles: []RoleSpec{{Name: "primary"}}}}
}

func TestFairShareUnderLeaveByHand(t *testing.T) {
	m, err := Compile(leaveProblem())
	require.NoError(t, err)
	plan, err := m.Generate()
	require.NoError(t, err)
	acc := plan.Ledger.Accounts
	assert.InDelta(t, 252.5, acc[0].Share, 1e-9)
	assert.InDelta(t, 252.5, acc[1].Share, 1e-9)
	assert.InDelta(t, 101, acc[2].Share, 1e-9)
	assert.Equal(t, 0, acc[2].Shifts)
	assert.InDelta(t, 252.5, plan.Ledger.Indices.Max, 1e-9)
	assert.InDelta(t, 101, plan.Ledger.Indices.Min, 1e-9)
	assert.InDelta(t, 252.5, plan.Ledger.LowerBound, 1e-9)
	assert.InDelta(t, 50.5, acc[0].Balance, 1e-9)
}

func TestInfeasibleNamesSlotAndRules(t *testing.T) {
	// Both people are away in the second week: nobody can cover it.
	tm := team(2, nil)
	for i := range tm {
		tm[i].Responder.Profile.Leave = []calendar.Interval{{Start: weeks(1).Add(24 * time.Hour), End: weeks(1).Add(48 * time.Hour)}}
	}
	m, err := Compile(Problem{Team: tm, From: tue, To: weeks(3), Spec: Spec{Roles: []RoleSpec{{Name: "primary"}}}})
	require.NoError(t, err)
	_, err = m.Generate()
	require.ErrorIs(t, err, ErrInfeasible)
	var ue *UncoverableError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, 1, ue.Slot.Cycle)
	assert.Equal(t, []Block{{"p0", RuleLeave}, {"p1", RuleLeave}}, ue.Blocks)

	// Two people, two cycles' rest between stints: cycle 0 and 1 go to different people,
	// then in cycle 2 both have had too little rest.
	m, err = Compile(Problem{Team: team(2, nil), From: tue, To: weeks(3), Spec: Spec{Roles: []RoleSpec{{Name: "primary"}}, MinCyclesOff: 2}})
	require.NoError(t, err)
	_, err = m.Generate()
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, 2, ue.Slot.Cycle)
	assert.Equal(t, []Block{{"p0", RuleRest}, {"p1", RuleRest}}, ue.Blocks)
	assert.Contains(t, err.Error(), "cycle 2")
}

func TestCompileReportsEveryProblem(t *testing.T) {
	tm := team(2, nil)
	tm[1].Responder.ID = "p0"
	tm[0].Capacity = -1
	tm[0].Roles = []string{"boss"}
	_, err := Compile(Problem{Team: tm, Spec: Spec{CycleDays: -1, MinCyclesOff: -2}, Weights: Weights{Sleep: math.NaN()}})
	require.ErrorIs(t, err, ErrInvalidProblem)
	for _, want := range []string{"cycle days -1", "min cycles off -2", "duplicate", "capacity -1", `role boss`, "weight sleep NaN", "horizon"} {
		assert.Contains(t, err.Error(), want)
	}
	// Wednesday to Monday holds no Tuesday handoff.
	_, err = Compile(Problem{Team: team(2, nil), From: tue.Add(24 * time.Hour), To: tue.Add(6 * 24 * time.Hour)})
	assert.ErrorIs(t, err, ErrInvalidProblem)
	assert.Contains(t, err.Error(), "holds no Tuesday 10:00 handoff")
	_, err = Compile(Problem{Team: team(2, nil), From: tue, To: weeks(2), Pins: []Pin{{Role: "primary", Start: tue.Add(time.Hour), Responder: "p0"}}})
	assert.ErrorIs(t, err, ErrUnknownSlot)
	_, err = Compile(Problem{Team: team(2, nil), From: tue, To: weeks(2), Pins: []Pin{{Role: "primary", Start: tue, Responder: "zed"}}})
	assert.ErrorIs(t, err, ErrUnknownResponder)
}

func TestCheckReportsEveryRule(t *testing.T) {
	tm := team(3, nil)
	tm[2].Roles = []string{"secondary"}
	tm[1].Responder.Profile.Leave = []calendar.Interval{{Start: weeks(2), End: weeks(3)}}
	tm[0].MaxStints = 1
	m, err := Compile(Problem{Team: tm, From: tue, To: weeks(4), Spec: Spec{MinCyclesOff: 1, StintPeriod: 4},
		Pins: []Pin{{Role: "secondary", Start: weeks(3), Responder: "p2"}}})
	require.NoError(t, err)
	sh := func(who, role string, w int) oncall.Shift {
		return oncall.Shift{Responder: who, Role: role, Start: weeks(w), End: weeks(w + 1)}
	}
	s := oncall.Schedule{
		sh("p0", "primary", 0),   // 0
		sh("p2", "primary", 0),   // 1: p2 may only be secondary; primary held twice
		sh("p1", "secondary", 0), // 2
		sh("p0", "secondary", 1), // 3: p0 back after no rest; second stint within 4 cycles
		sh("p1", "primary", 2),   // 4: p1 on leave
		sh("p1", "secondary", 2), // 5: p1 twice at once (overlap, leave, and no rest between the two)
		sh("p0", "primary", 3),   // 6: pinned secondary p2 missing; p0 third stint
	}
	vs, err := m.Check(s)
	require.NoError(t, err)
	count := map[Rule]int{}
	for _, v := range vs {
		count[v.Rule]++
	}
	// coverage: primary doubled in week 0, primary empty in week 1, secondary empty in week 3.
	assert.Equal(t, map[Rule]int{
		RuleEligibility: 1, RuleCoverage: 3, RuleRest: 2, RuleMaxStints: 2,
		RuleLeave: 2, RuleOverlap: 1, RulePinned: 1,
	}, count, "%v", vs)
}
