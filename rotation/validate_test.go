package rotation

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// joined unwraps an errors.Join result into its parts.
func joined(t *testing.T, err error) []error {
	t.Helper()
	j, ok := err.(interface{ Unwrap() []error })
	require.True(t, ok, "want joined errors, got %v", err)
	return j.Unwrap()
}

func TestSpecValidate(t *testing.T) {
	assert.NoError(t, Spec{}.Validate(), "the zero Spec is usable")
	err := Spec{CycleDays: -1, MinCyclesOff: -2, StintPeriod: -3, Roles: []RoleSpec{{Name: "a"}, {Name: "a"}, {Name: "b", Weight: -1}}}.Validate()
	require.ErrorIs(t, err, ErrInvalidProblem)
	parts := joined(t, err)
	assert.Len(t, parts, 5)
	for _, want := range []string{"cycle days -1", "role 1 name a: duplicate", "role 2 weight -1", "min cycles off -2", "stint period -3"} {
		assert.Contains(t, err.Error(), want)
	}
}

func TestProblemValidateReportsEveryField(t *testing.T) {
	tm := team(3, nil)
	tm[1].Responder.ID = "p0"
	tm[2].Capacity = math.Inf(1)
	tm[2].MaxStints = -1
	tm[2].Roles = []string{"boss"}
	pr := Problem{Team: tm, Spec: Spec{CycleDays: -1}, Weights: Weights{Holiday: -2},
		PageLoad: PageLoad{Weight: math.NaN()}, Carried: map[string]float64{"zed": 1, "p2": math.NaN()},
		History: oncall.Schedule{{Responder: "p0", Role: "tertiary", Start: tue.AddDate(0, 0, -7), End: tue}}}
	err := pr.Validate()
	require.ErrorIs(t, err, ErrInvalidProblem)
	assert.ErrorIs(t, err, ErrUnknownResponder)
	wants := []string{"cycle days -1", "member 1 (p0) id p0: duplicate", "member 2 (p2) capacity +Inf", "member 2 (p2) max stints -1",
		"member 2 (p2) role boss", "weight holiday -2", "page load weight NaN", `carried balance for "p2" NaN`, `carried balance for "zed"`,
		"history: rotation: shift 0 (p0 as tertiary", "horizon"}
	for _, want := range wants {
		assert.Contains(t, err.Error(), want)
	}
	assert.Len(t, joined(t, err), len(wants))
	// Compile reports the same.
	_, cerr := Compile(pr)
	assert.Equal(t, err.Error(), cerr.Error())

	// With a usable spec and horizon, pins and previous shifts are checked too.
	ok := Problem{Team: team(2, nil), From: tue, To: weeks(2), Pins: []Pin{
		{Role: "primary", Start: tue.Add(time.Hour), Responder: "p0"},
		{Role: "primary", Start: tue, Responder: "zed"},
		{Role: "primary", Start: tue, Responder: "p0"},
		{Role: "primary", Start: tue, Responder: "p1"},
	}}
	err = ok.Validate()
	parts := joined(t, err)
	require.Len(t, parts, 3)
	var pe *PinError
	require.ErrorAs(t, parts[0], &pe)
	assert.Equal(t, 0, pe.Index)
	assert.ErrorIs(t, pe, ErrUnknownSlot)
	require.ErrorAs(t, parts[1], &pe)
	assert.Equal(t, 1, pe.Index)
	assert.ErrorIs(t, pe, ErrUnknownResponder)
	require.ErrorAs(t, parts[2], &pe)
	assert.Equal(t, 3, pe.Index)
	assert.Equal(t, "p1", pe.Pin.Responder)
	assert.ErrorIs(t, pe, ErrInvalidProblem)
	assert.Contains(t, pe.Error(), "rotation: pin 3 (p1 as primary at 2026-01-06T10:00:00Z): contradicts an earlier pin for p0")

	assert.NoError(t, Problem{Team: team(2, nil), From: tue, To: weeks(2)}.Validate())
}

// TestPinErrorNamesBrokenRule: a pin on someone on leave, and a kept previous shift that
// leaves no rest before a pin, fail Generate with a *PinError naming the pin and the rule,
// around the *UncoverableError.
func TestPinErrorNamesBrokenRule(t *testing.T) {
	tm := team(2, nil)
	tm[1].Responder.Profile.Leave = []calendar.Interval{{Start: weeks(1), End: weeks(2)}}
	m, err := Compile(Problem{Team: tm, From: tue, To: weeks(3), Spec: Spec{Roles: []RoleSpec{{Name: "primary"}}},
		Pins: []Pin{{Role: "primary", Start: tue, Responder: "p0"}, {Role: "primary", Start: weeks(1), Responder: "p1"}}})
	require.NoError(t, err)
	_, err = m.Generate()
	var pe *PinError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, 1, pe.Index)
	assert.False(t, pe.Previous)
	assert.Equal(t, RuleLeave, pe.Rule)
	assert.Equal(t, Pin{Role: "primary", Start: weeks(1), Responder: "p1"}, pe.Pin)
	var ue *UncoverableError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, 1, ue.Slot.Cycle)
	assert.ErrorIs(t, err, ErrInfeasible)

	// p0 published for week 0 (kept: before the freeze) and pinned for week 1, with a
	// cycle of rest required: the pin breaks the rest rule after the kept shift.
	m, err = Compile(Problem{Team: team(2, nil), From: tue, To: weeks(3), Spec: Spec{Roles: []RoleSpec{{Name: "primary"}}, MinCyclesOff: 1},
		Previous: oncall.Schedule{{Responder: "p0", Role: "primary", Start: tue, End: weeks(1)}}, Freeze: weeks(1),
		Pins: []Pin{{Role: "primary", Start: weeks(1), Responder: "p0"}}})
	require.NoError(t, err)
	_, err = m.Generate()
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, RuleRest, pe.Rule)
	assert.True(t, errors.Is(err, ErrInfeasible))
	assert.Contains(t, err.Error(), "(p0 as primary at")
}
