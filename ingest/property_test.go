package ingest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// Splitting the same records across files (as paginated exports are) changes neither the
// pages nor the counts: merging depends on record order only.
func TestSplitAcrossFilesProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 30).Draw(t, "n")
		alerts := make([]string, n)
		for i := range alerts {
			id := rapid.IntRange(0, 8).Draw(t, "id") // small range: duplicates are common
			created := fmt.Sprintf("2026-03-%02dT%02d:00:00Z", 1+id, rapid.IntRange(0, 23).Draw(t, "hour"))
			report := ""
			if rapid.Bool().Draw(t, "acked") {
				report = fmt.Sprintf(`,"report":{"ackTime":%d,"acknowledgedBy":"u%d"}`, rapid.IntRange(0, 1e6).Draw(t, "ack"), rapid.IntRange(0, 3).Draw(t, "who"))
			}
			owner := ""
			if rapid.Bool().Draw(t, "owned") {
				owner = fmt.Sprintf(`,"owner":"o%d"`, id)
			}
			alerts[i] = fmt.Sprintf(`{"id":"A%d","createdAt":"%s"%s%s}`, id, created, owner, report)
		}
		c := Config{Mode: Lenient}
		whole, rep1, err := c.ReadOpsgenie(src("all.json", `{"data":[`+strings.Join(alerts, ",")+`]}`))
		require.NoError(t, err)
		cut := rapid.IntRange(0, n).Draw(t, "cut")
		parts := []Source{src("p1.json", "["+strings.Join(alerts[:cut], ",")+"]"), src("p2.json", `{"data":[`+strings.Join(alerts[cut:], ",")+`]}`)}
		split, rep2, err := c.ReadOpsgenie(parts...)
		require.NoError(t, err)
		require.Equal(t, whole, split)
		require.Equal(t, []int{rep1.Read, rep1.Accepted, rep1.Rejected, rep1.Merged}, []int{rep2.Read, rep2.Accepted, rep2.Rejected, rep2.Merged})
		requireBalanced(t, rep1)
		// One page per accepted alert, no two with the same ID.
		require.Len(t, whole, rep1.Accepted)
		seen := map[string]bool{}
		for _, p := range whole {
			require.False(t, seen[p.IncidentID], p.IncidentID)
			seen[p.IncidentID] = true
		}
	})
}
