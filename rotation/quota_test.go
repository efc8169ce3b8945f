package rotation

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// Three people, primary and secondary, three weeks; p1 is on leave the middle week and p2 is
// half time and secondary only. By hand, each slot's one unit split by capacity among the
// people free and eligible:
//
//	primary, weeks 1 and 3: p0, p1 (capacity 1 each)  -> 1/2 each; week 2: p0 alone -> 1
//	secondary, weeks 1 and 3: p0, p1, p2 (1, 1, 0.5)  -> 2/5, 2/5, 1/5; week 2: p0, p2 -> 2/3, 1/3
//
// p0: primary 1/2+1+1/2 = 2, secondary 2/5+2/3+2/5 = 22/15, total 52/15 = 3.467
// p1: primary 1, secondary 4/5, total 9/5
// p2: primary 0, secondary 1/5+1/3+1/5 = 11/15, total 11/15
func TestQuotasByHand(t *testing.T) {
	tm := team(3, time.UTC)
	tm[1].Responder.Profile.Leave = []calendar.Interval{{Start: weeks(1), End: weeks(2)}}
	tm[2].Capacity, tm[2].Roles = 0.5, []string{"secondary"}
	m, err := Compile(Problem{Team: tm, From: tue, To: weeks(3)})
	require.NoError(t, err)
	want := []Quota{
		{"p0", "primary", 2, 2, 2}, {"p0", "secondary", 22.0 / 15, 1, 2}, {"p0", "", 52.0 / 15, 3, 4},
		{"p1", "primary", 1, 1, 1}, {"p1", "secondary", 0.8, 0, 1}, {"p1", "", 1.8, 1, 2},
		{"p2", "primary", 0, 0, 0}, {"p2", "secondary", 11.0 / 15, 0, 1}, {"p2", "", 11.0 / 15, 0, 1},
	}
	got := m.Quotas()
	require.Len(t, got, len(want))
	for i := range want {
		require.Equal(t, want[i].Responder, got[i].Responder)
		require.Equal(t, want[i].Role, got[i].Role)
		require.InDelta(t, want[i].Share, got[i].Share, 1e-12, "%+v", got[i])
		require.Equal(t, want[i].Floor, got[i].Floor, "%+v", got[i])
		require.Equal(t, want[i].Ceiling, got[i].Ceiling, "%+v", got[i])
	}

	// Held counts whole slots: p0 primary weeks 1-2, p1 primary week 3.
	s := oncall.Schedule{
		{Responder: "p0", Role: "primary", Start: tue, End: weeks(1)},
		{Responder: "p0", Role: "primary", Start: weeks(1), End: weeks(2)},
		{Responder: "p1", Role: "primary", Start: weeks(2), End: weeks(3)},
		{Responder: "p2", Role: "secondary", Start: tue, End: tue.Add(time.Hour)}, // not a slot
	}
	require.Equal(t, []int{2, 0, 2, 1, 0, 1, 0, 0, 0}, m.Held(got, s))
}

// For random teams, each role's shares add up to the slots someone can hold, every share
// lies between its floor and ceiling, and the totals are the sums of the roles.
func TestQuotasAddUp(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(1, 6).Draw(rt, "people")
		nw := rapid.IntRange(1, 8).Draw(rt, "weeks")
		tm := team(n, time.UTC)
		for i := range tm {
			if rapid.Bool().Draw(rt, "half") {
				tm[i].Capacity = 0.5
			}
			if w := rapid.IntRange(-1, nw-1).Draw(rt, "leave"); w >= 0 {
				tm[i].Responder.Profile.Leave = []calendar.Interval{{Start: weeks(w), End: weeks(w + 1)}}
			}
		}
		m, err := Compile(Problem{Team: tm, From: tue, To: weeks(nw), Spec: Spec{Roles: []RoleSpec{{Name: "primary"}}}})
		require.NoError(rt, err)
		q := m.Quotas()
		coverable := 0
		for w := range nw {
			for _, mem := range tm {
				if len(mem.Responder.Profile.Leave) == 0 || !mem.Responder.Profile.Leave[0].Start.Equal(weeks(w)) {
					coverable++
					break
				}
			}
		}
		sum := 0.0
		for i := 0; i < len(q); i += 2 {
			sum += q[i].Share
			require.InDelta(rt, q[i].Share, q[i+1].Share, 1e-12, "one role: total = role")
			require.LessOrEqual(rt, float64(q[i].Floor), q[i].Share+1e-9)
			require.GreaterOrEqual(rt, float64(q[i].Ceiling), q[i].Share-1e-9)
			require.LessOrEqual(rt, q[i].Ceiling-q[i].Floor, 1)
		}
		require.InDelta(rt, float64(coverable), sum, 1e-9)
		require.False(rt, math.IsNaN(sum))
	})
}
