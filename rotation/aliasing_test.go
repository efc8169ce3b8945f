package rotation

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// christmasHolder returns who holds role at noon on 25 December of year.
func christmasHolder(s oncall.Schedule, role string, year int) string {
	at := time.Date(year, 12, 25, 12, 0, 0, 0, time.UTC)
	if on := s.OnCall(role, at); len(on) == 1 {
		return on[0].Responder
	}
	return ""
}

// TestChristmasDoesNotAlias plans four 52-week years for four people in Britain, one year at
// a time with everything before as history. A plain rotation gives the same person Christmas
// every year (52 is a multiple of 4); with carried balances the person who had Christmas is
// not first in line the next year.
func TestChristmasDoesNotAlias(t *testing.T) {
	tm := team(4, time.UTC)
	for i := range tm {
		tm[i].Responder.Profile.Region = "GB"
	}
	roles := []RoleSpec{{Name: oncall.Primary, Weight: 1}}
	start := time.Date(2025, 12, 23, 10, 0, 0, 0, time.UTC) // a Tuesday
	var history, plain oncall.Schedule
	for c := 0; c < 4*52; c++ {
		s := start.AddDate(0, 0, 7*c)
		plain = append(plain, oncall.Shift{Responder: tm[c%4].Responder.ID, Role: oncall.Primary, Start: s, End: s.AddDate(0, 0, 7)})
	}
	for y := 0; y < 4; y++ {
		from := start.AddDate(0, 0, 7*52*y)
		m, err := Compile(Problem{Team: tm, Spec: Spec{Roles: roles}, From: from, To: from.AddDate(0, 0, 7*52), History: history, Seed: 1})
		require.NoError(t, err)
		plan, err := m.Generate()
		require.NoError(t, err)
		history = append(history, plan.Shifts...)
	}
	var got, alias []string
	for year := 2025; year <= 2028; year++ {
		got = append(got, christmasHolder(history, oncall.Primary, year))
		alias = append(alias, christmasHolder(plain, oncall.Primary, year))
	}
	assert.Equal(t, []string{alias[0], alias[0], alias[0], alias[0]}, alias, "the plain rotation aliases")
	for i := 1; i < len(got); i++ {
		assert.NotEqual(t, got[i-1], got[i], "Christmas %d and %d: %v", 2024+i, 2025+i, got)
	}
}

// TestReplanKeepsPastAndChangesLittle: after someone books leave, re-planning from a date
// keeps every shift before it and changes fewer later shifts than planning afresh would.
func TestReplanKeepsPastAndChangesLittle(t *testing.T) {
	tm := team(5, nil)
	pr := Problem{Team: tm, From: tue, To: weeks(16), Spec: Spec{Chain: true, MinCyclesOff: 1}, Seed: 7}
	m, err := Compile(pr)
	require.NoError(t, err)
	first, err := m.Generate()
	require.NoError(t, err)

	// p1 books leave over their first stint after week 5.
	var away oncall.Shift
	for _, sh := range first.Shifts {
		if sh.Responder == "p1" && !sh.Start.Before(weeks(5)) {
			away = sh
			break
		}
	}
	require.False(t, away.Start.IsZero())
	tm[1].Responder.Profile.Leave = []calendar.Interval{{Start: away.Start, End: away.End}}
	pr.Team, pr.Previous, pr.Freeze = tm, first.Shifts, weeks(4)
	m2, err := Compile(pr)
	require.NoError(t, err)
	re, err := m2.Generate()
	require.NoError(t, err)
	vs, err := m2.Check(re.Shifts)
	require.NoError(t, err)
	assert.Empty(t, vs)
	for _, sh := range first.Shifts {
		if sh.Start.Before(weeks(4)) {
			assert.Contains(t, re.Shifts, sh, "past shift kept")
		}
	}
	fresh := pr
	fresh.Previous, fresh.Freeze = nil, time.Time{}
	m3, err := Compile(fresh)
	require.NoError(t, err)
	scratch, err := m3.Generate()
	require.NoError(t, err)
	changedFresh := 0
	for i := range scratch.Shifts {
		if scratch.Shifts[i].Start.Before(weeks(4)) {
			continue
		}
		if scratch.Shifts[i] != first.Shifts[i] {
			changedFresh++
		}
	}
	t.Logf("re-plan changed %d shifts, planning afresh %d", re.Changed, changedFresh)
	assert.Greater(t, re.Changed, 0, "p1 held a shift in the leave")
	assert.LessOrEqual(t, re.Changed, changedFresh)
}
