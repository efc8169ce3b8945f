package fatigue

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	oncall "github.com/wellrested/oncall"
	"pgregory.net/rapid"
)

func utc(y int, m time.Month, d, h, mi, s int) time.Time {
	return time.Date(y, m, d, h, mi, s, 0, time.UTC)
}

func page(id string, trig, ack, res time.Time) oncall.Page {
	return oncall.Page{IncidentID: id, Responder: "ana", Triggered: trig, Acknowledged: ack, Resolved: res}
}

func TestEpisodesMergeWithinGap(t *testing.T) {
	t0 := utc(2026, 3, 3, 3, 0, 0)
	pages := []oncall.Page{
		// Given out of order on purpose: Episodes sorts by notification.
		page("B", t0.Add(10*time.Minute+60*time.Second), time.Time{}, t0.Add(20*time.Minute)),
		page("A", t0, t0.Add(2*time.Minute), t0.Add(10*time.Minute)),
		// 61 s after B's end: a new episode. Acknowledged only: ends 15 min after the ack.
		page("C", t0.Add(21*time.Minute+time.Second), t0.Add(22*time.Minute), time.Time{}),
		// Neither acknowledged nor resolved: notification + 15 min; overlaps C, so joins it.
		page("D", t0.Add(30*time.Minute), time.Time{}, time.Time{}),
		page("D", t0.Add(31*time.Minute), time.Time{}, time.Time{}),
	}
	eps, err := Episodes("ana", pages, EpisodeConfig{})
	require.NoError(t, err)
	require.Len(t, eps, 2)
	// A [03:00, 03:10] and B starts 03:11:00, exactly 60 s after A's end: merged.
	assert.Equal(t, t0, eps[0].Start)
	assert.Equal(t, t0.Add(20*time.Minute), eps[0].End)
	assert.Equal(t, []string{"A", "B"}, eps[0].Incidents)
	assert.Equal(t, EndResolved, eps[0].EndSource)
	assert.Equal(t, "ana@2026-03-03T03:00:00Z", eps[0].ID)
	// C: ack 03:22 + 15 min = 03:37; D: 03:30 + 15 = 03:45, 03:31 + 15 = 03:46.
	assert.Equal(t, t0.Add(21*time.Minute+time.Second), eps[1].Start)
	assert.Equal(t, t0.Add(46*time.Minute), eps[1].End)
	assert.Equal(t, EndAssumed, eps[1].EndSource)
	assert.Equal(t, []string{"C", "D"}, eps[1].Incidents)
	assert.Equal(t, 3, eps[1].Pages)
}

func TestEpisodesConfig(t *testing.T) {
	t0 := utc(2026, 3, 3, 3, 0, 0)
	pages := []oncall.Page{
		page("A", t0, t0.Add(time.Minute), time.Time{}),
		page("B", t0.Add(12*time.Minute), time.Time{}, t0.Add(13*time.Minute)),
	}
	// Engagement 5 min: A ends 03:06; B at 03:12 is 6 min later, inside a 10 min gap.
	eps, err := Episodes("ana", pages, EpisodeConfig{MergeGap: 10 * time.Minute, Engagement: 5 * time.Minute})
	require.NoError(t, err)
	require.Len(t, eps, 1)
	assert.Equal(t, t0.Add(13*time.Minute), eps[0].End)
	assert.Equal(t, EndAcknowledged, eps[0].EndSource)
	// Negative gap: only overlaps merge.
	eps, err = Episodes("ana", pages, EpisodeConfig{MergeGap: -1, Engagement: 5 * time.Minute})
	require.NoError(t, err)
	assert.Len(t, eps, 2)
}

func TestEpisodesRejectBadPages(t *testing.T) {
	t0 := utc(2026, 3, 3, 3, 0, 0)
	pages := []oncall.Page{
		page("ok", t0, time.Time{}, time.Time{}),
		page("early", t0, time.Time{}, t0.Add(-time.Minute)),
		{IncidentID: "bob's", Responder: "bob", Triggered: t0},
	}
	eps, err := Episodes("ana", pages, EpisodeConfig{})
	require.Error(t, err)
	assert.Nil(t, eps)
	var pe *PageError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, 1, pe.Index)
	assert.Equal(t, "early", pe.IncidentID)
	assert.ErrorIs(t, err, oncall.ErrResolveBeforeTrigger)
	assert.ErrorIs(t, err, ErrResponderMismatch)
	assert.Contains(t, err.Error(), "page 2")
	assert.True(t, errors.Is(err, oncall.ErrResolveBeforeTrigger))
}

func TestGroupPages(t *testing.T) {
	t0 := utc(2026, 3, 3, 3, 0, 0)
	ps := []oncall.Page{page("A", t0, time.Time{}, time.Time{}), {IncidentID: "B", Responder: "bo", Triggered: t0}, page("C", t0, time.Time{}, time.Time{})}
	g := GroupPages(ps)
	assert.Len(t, g["ana"], 2)
	assert.Equal(t, "C", g["ana"][1].IncidentID)
	assert.Len(t, g["bo"], 1)
}

func TestEpisodeIDMatchesTimeFormat(t *testing.T) {
	// The hand-written formatter must agree with time's own layout, which defines the ID.
	rapid.Check(t, func(t *rapid.T) {
		sec := rapid.Int64Range(-62135596800, 253402300799).Draw(t, "unix seconds") // years 1 to 9999
		ns := rapid.SampledFrom([]int64{0, 1, 10, 500000000, 123456789, 120000000, 999999999}).Draw(t, "ns")
		loc := time.FixedZone("z", rapid.IntRange(-12*3600, 14*3600).Draw(t, "offset"))
		at := time.Unix(sec, ns).In(loc)
		want := "ana@" + at.UTC().Format("2006-01-02T15:04:05.999999999Z")
		if got := episodeID("ana", at); got != want {
			t.Fatalf("got %s, want %s", got, want)
		}
	})
}
