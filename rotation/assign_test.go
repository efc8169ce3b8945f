package rotation

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"pgregory.net/rapid"
)

func TestMinCostAssignmentByHand(t *testing.T) {
	// Rows 0-2, columns 0-3. By inspection: row 0 -> col 1 (1), row 1 -> col 0 (2),
	// row 2 -> col 3 (3): total 6; every other assignment costs more (row 2's only cheap
	// column is 3, rows 0 and 1 then take their cheapest distinct columns).
	inf := math.Inf(1)
	cost := [][]float64{
		{4, 1, 3, inf},
		{2, 5, 9, 8},
		{inf, 7, 6, 3},
	}
	assert.Equal(t, []int{1, 0, 3}, minCostAssignment(cost))
	assert.True(t, matchAll(cost, 3))
	assert.False(t, matchAll(cost, 2.5), "row 2 has nothing at or under 2.5")
}

// bestAssignment enumerates every injective assignment of rows to columns.
func bestAssignment(cost [][]float64) float64 {
	best := math.Inf(1)
	used := make([]bool, len(cost[0]))
	var rec func(i int, acc float64)
	rec = func(i int, acc float64) {
		if i == len(cost) {
			best = min(best, acc)
			return
		}
		for j := range used {
			if !used[j] && !math.IsInf(cost[i][j], 1) {
				used[j] = true
				rec(i+1, acc+cost[i][j])
				used[j] = false
			}
		}
	}
	rec(0, 0)
	return best
}

// TestMinCostAssignmentMatchesEnumeration checks the Hungarian method against exhaustive
// enumeration on random small matrices with forbidden cells.
func TestMinCostAssignmentMatchesEnumeration(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rows := rapid.IntRange(1, 5).Draw(t, "rows")
		cols := rapid.IntRange(rows, 6).Draw(t, "cols")
		cost := make([][]float64, rows)
		for i := range cost {
			cost[i] = make([]float64, cols)
			for j := range cost[i] {
				if rapid.IntRange(0, 4).Draw(t, "forbidden") == 0 {
					cost[i][j] = math.Inf(1)
				} else {
					cost[i][j] = float64(rapid.IntRange(-50, 500).Draw(t, "cost"))
				}
			}
		}
		want := bestAssignment(cost)
		if math.IsInf(want, 1) {
			if matchAll(cost, math.MaxFloat64) {
				t.Fatal("matchAll finds a matching enumeration does not")
			}
			return
		}
		got := minCostAssignment(cost)
		total, seen := 0.0, map[int]bool{}
		for i, j := range got {
			if seen[j] || math.IsInf(cost[i][j], 1) {
				t.Fatalf("invalid assignment %v", got)
			}
			seen[j] = true
			total += cost[i][j]
		}
		if total != want {
			t.Fatalf("total %v, optimum %v", total, want)
		}
	})
}

// matchAll runs the re-deal's sparse matching on a dense matrix: each row keeps its
// candidates through redealScratch.keep, as redeal does, with k at least the column count so
// no candidate is dropped.
func matchAll(v [][]float64, limit float64) bool {
	if len(v) == 0 {
		return true
	}
	k := max(len(v), len(v[0]))
	x := &redealScratch{rowP: make([]int32, len(v)*k), rowV: make([]float64, len(v)*k), rowN: make([]int, len(v)), colOf: make([]int32, len(v[0]))}
	for j := range x.colOf {
		x.colOf[j] = int32(j)
		x.cols = append(x.cols, j)
	}
	for i, row := range v {
		for j, c := range row {
			if !math.IsInf(c, 1) {
				x.keep(i, k, int32(j), c)
			}
		}
	}
	// Rows beyond len(v) do not exist; matchAll walks the first len(v) rows only.
	return x.matchRows(len(v), k, limit)
}
