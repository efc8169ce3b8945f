package rotation

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

func hoursOf(ivs []calendar.Interval) []float64 {
	var out []float64
	for _, iv := range ivs {
		out = append(out, iv.Duration().Hours())
	}
	return out
}

// TestBusinessHoursCoverage: a role held 09:00-17:00 on weekdays, in London, weekly from
// Tuesday 10:00. The cycle's windows, by hand: Tuesday 10-17 (7 h), Wednesday, Thursday,
// Friday and Monday 9-17 (8 h each), and the next Tuesday 9-10 (1 h) before the handoff:
// 40 hours, all inside a London person's default working hours (08-18), so the burden is 40.
func TestBusinessHoursCoverage(t *testing.T) {
	london := mustLoad("Europe/London")
	office := &Coverage{Days: calendar.MondayToFriday, Hours: calendar.Window{From: calendar.At(9, 0), To: calendar.At(17, 0)}}
	m, err := Compile(Problem{Team: team(2, london), From: tue, To: weeks(2),
		Spec: Spec{Zone: london, Roles: []RoleSpec{{Name: "office", Coverage: office}}}})
	require.NoError(t, err)
	slots := m.Slots()
	require.Len(t, slots, 2)
	assert.Equal(t, []float64{7, 8, 8, 8, 8, 1}, hoursOf(slots[0].Parts))
	plan, err := m.Generate()
	require.NoError(t, err)
	assert.Len(t, plan.Shifts, 12)
	vs, err := m.Check(plan.Shifts)
	require.NoError(t, err)
	assert.Empty(t, vs)
	for _, a := range plan.Ledger.Accounts {
		assert.InDelta(t, 40, a.Burden, 1e-9, a.Responder)
		assert.Equal(t, 40*time.Hour, a.Hours.Total(), a.Responder)
	}
	// Dropping one window leaves exactly that hour uncovered.
	vs, err = m.Check(plan.Shifts[1:])
	require.NoError(t, err)
	require.Len(t, vs, 1)
	assert.Equal(t, RuleCoverage, vs[0].Rule)
	assert.Equal(t, 7*time.Hour, vs[0].End.Sub(vs[0].Start))
}

// TestWeekdayWeekendLayers: two layers rotate independently in UTC. From Tuesday 10:00 the
// weekday layer holds Tuesday 10:00 to Saturday 00:00 (86 h) and Monday 00:00 to Tuesday
// 10:00 (34 h); the weekend layer Saturday and Sunday (48 h).
func TestWeekdayWeekendLayers(t *testing.T) {
	roles := []RoleSpec{
		{Name: "weekday", Coverage: &Coverage{Days: calendar.MondayToFriday}},
		{Name: "weekend", Coverage: &Coverage{Days: calendar.WeekdaysOf(time.Saturday, time.Sunday)}},
	}
	m, err := Compile(Problem{Team: team(4, nil), From: tue, To: weeks(8), Spec: Spec{Roles: roles, MinCyclesOff: 1}, Seed: 2})
	require.NoError(t, err)
	slots := m.Slots()
	assert.Equal(t, []float64{86, 34}, hoursOf(slots[0].Parts))
	assert.Equal(t, []float64{48}, hoursOf(slots[1].Parts))
	plan, err := m.Generate()
	require.NoError(t, err)
	vs, err := m.Check(plan.Shifts)
	require.NoError(t, err)
	assert.Empty(t, vs)
	for _, sh := range plan.Shifts {
		wd := sh.Start.Weekday()
		assert.Equal(t, sh.Role == "weekend", wd == time.Saturday, sh)
	}
}

// TestFollowTheSun: three regions each hold their own daytime, 08:00-16:00 local, every
// day; each role is open only to that region's people. The London window stays at 08:00
// local across the clock change of 29 March 2026 (08:00Z before, 07:00Z after).
func TestFollowTheSun(t *testing.T) {
	regions := []struct{ role, zone string }{{"emea", "Europe/London"}, {"amer", "America/New_York"}, {"apac", "Asia/Tokyo"}}
	var roles []RoleSpec
	var tm []Member
	for _, r := range regions {
		loc := mustLoad(r.zone)
		roles = append(roles, RoleSpec{Name: r.role, Coverage: &Coverage{Zone: loc, Hours: calendar.Window{From: calendar.At(8, 0), To: calendar.At(16, 0)}}})
		for i := 0; i < 3; i++ {
			tm = append(tm, Member{Responder: oncall.Responder{ID: r.role + string(rune('0'+i)), Profile: calendar.Profile{Zone: loc}}, Roles: []string{r.role}})
		}
	}
	start := time.Date(2026, 3, 17, 10, 0, 0, 0, time.UTC)
	m, err := Compile(Problem{Team: tm, From: start, To: start.AddDate(0, 0, 21), Spec: Spec{Roles: roles, MinCyclesOff: 1}})
	require.NoError(t, err)
	plan, err := m.Generate()
	require.NoError(t, err)
	vs, err := m.Check(plan.Shifts)
	require.NoError(t, err)
	assert.Empty(t, vs)
	seen := map[time.Time]bool{}
	for _, sh := range plan.Shifts {
		assert.Equal(t, sh.Role, sh.Responder[:4], "each region holds its own window")
		if sh.Role == "emea" {
			seen[sh.Start.UTC()] = true
		}
	}
	assert.True(t, seen[time.Date(2026, 3, 27, 8, 0, 0, 0, time.UTC)], "08:00 GMT")
	assert.True(t, seen[time.Date(2026, 3, 30, 7, 0, 0, 0, time.UTC)], "08:00 BST")
	// Each person's burden is 8 weekday business hours a day: no region carries another's
	// nights.
	for _, a := range plan.Ledger.Accounts {
		assert.Zero(t, a.Hours.Band(calendar.Sleep), a.Responder)
	}
}
