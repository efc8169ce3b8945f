package rotation

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall"
)

// TestCandidatesByHand uses leaveProblem with p0 on week 0 and p1 on week 1 (loads 252.5,
// 252.5, 101; see leaveProblem). For p0's week:
//   - swap with p1 (p1's week 1): loads unchanged, max 252.5;
//   - p2 covers (p2 is free in week 0): p2 = 202 + 303 - 101 = 404, p0 = 202 - 252.5 = -50.5;
//   - p1 covers: p1 = 202 + 606 - 252.5 = 555.5.
func TestCandidatesByHand(t *testing.T) {
	m, err := Compile(leaveProblem())
	require.NoError(t, err)
	s := oncall.Schedule{
		{Responder: "p0", Role: "primary", Start: tue, End: weeks(1)},
		{Responder: "p1", Role: "primary", Start: weeks(1), End: weeks(2)},
	}
	cs, err := m.Candidates(s, 0)
	require.NoError(t, err)
	require.Len(t, cs, 3)
	assert.Equal(t, "p1", cs[0].Taker)
	assert.Equal(t, 1, cs[0].Back)
	assert.InDelta(t, 252.5, cs[0].MaxAfter, 1e-9)
	assert.Equal(t, "p2", cs[1].Taker)
	assert.Equal(t, -1, cs[1].Back)
	assert.InDelta(t, 404, cs[1].TakerAfter, 1e-9)
	assert.InDelta(t, -50.5, cs[1].GiverAfter, 1e-9)
	assert.Equal(t, "p1", cs[2].Taker)
	assert.InDelta(t, 555.5, cs[2].MaxAfter, 1e-9)

	// p2 cannot take week 1 (leave): for p1's week only p0 may cover or swap.
	cs, err = m.Candidates(s, 1)
	require.NoError(t, err)
	for _, c := range cs {
		assert.Equal(t, "p0", c.Taker)
	}
	c, err := m.Reassign(s, 1, "p2", -1)
	require.NoError(t, err)
	require.Len(t, c.NewViolations, 1)
	assert.Equal(t, RuleLeave, c.NewViolations[0].Rule)

	// Applying a change and accounting afresh gives the figures the change reported.
	l, err := m.Ledger(cs[0].Apply(s))
	require.NoError(t, err)
	assert.InDelta(t, cs[0].MaxAfter, l.Indices.Max, 1e-12)

	_, err = m.Reassign(s, 0, "p2", 1)
	assert.ErrorIs(t, err, ErrInvalidProblem)
	_, err = m.Reassign(s, 5, "p2", -1)
	assert.ErrorIs(t, err, ErrUnknownSlot)
}
