package rotation

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWriteLPLeaveProblem checks the program written for leaveProblem row by row against the
// figures worked out there: shares 252.5, 252.5, 101 and F = 202, so the load rows are
// -L + 303 x(u,p) <= -(202 - 252.5) = 50.5 for p0 and p1, and <= 101 - 202 = -101 for p2,
// and p2 has no variable for the week of leave (unit 1).
func TestWriteLPLeaveProblem(t *testing.T) {
	m, err := Compile(leaveProblem())
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, m.WriteLP(&b))
	lp := b.String()
	for _, want := range []string{
		"Minimize\n obj: L\n",
		" cover_0: + x_0_0 + x_0_1 + x_0_2 = 1\n",
		" cover_1: + x_1_0 + x_1_1 = 1\n",
		" load_0: - L + 303 x_0_0 + 303 x_1_0 <= 50.5\n",
		" load_2: - L + 303 x_0_2 <= -101\n",
		"Bounds\n L free\n",
		"End\n",
	} {
		assert.Contains(t, lp, want)
	}
	// MinCyclesOff is 0: a person may hold consecutive cycles, so no rest rows bind.
	assert.False(t, strings.Contains(lp, "rest_"), lp)
}
