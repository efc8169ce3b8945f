package rotation

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall"
)

// mondayNightPages: four weeks of history in New York, from Monday 5 January 2026 00:00 to
// Monday 2 February 00:00 local, with two primary pages every Monday at 02:10 and 02:40
// local (07:10 and 07:40 UTC: New York is UTC-5 in January) and one secondary page on the
// first Monday at 02:20. Monday 02:00-03:00 occurs four times in the period, so it expects
// 8 / 4 = 2 primary pages and 1 / 4 secondary page; every other hour expects none.
func mondayNightPages(weight float64) PageLoad {
	ny := mustLoad("America/New_York")
	from := time.Date(2026, 1, 5, 0, 0, 0, 0, ny)
	pl := PageLoad{Weight: weight, From: from, To: from.AddDate(0, 0, 28)}
	for w := 0; w < 4; w++ {
		for _, minute := range []int{10, 40} {
			pl.Pages = append(pl.Pages, oncall.Page{IncidentID: "i", Responder: "p0", Role: oncall.Primary,
				Triggered: time.Date(2026, 1, 5+7*w, 2, minute, 0, 0, ny)})
		}
	}
	pl.Pages = append(pl.Pages, oncall.Page{IncidentID: "s", Responder: "p1", Role: oncall.Secondary, Triggered: time.Date(2026, 1, 5, 2, 20, 0, 0, ny)})
	return pl
}

// TestPageLoadByHand: with weight 10, a shift holding New York's Monday 02:00-03:00 carries
// 2 × 10 = 20 more burden as primary and 0.25 × 10 = 2.5 more as secondary (page load is not
// scaled by the role weight); half that hour adds half; hours without pages add nothing.
func TestPageLoadByHand(t *testing.T) {
	ny := mustLoad("America/New_York")
	base := Problem{Team: team(2, nil), Spec: Spec{Zone: ny}, From: time.Date(2026, 2, 3, 10, 0, 0, 0, ny), To: time.Date(2026, 2, 10, 10, 0, 0, 0, ny)}
	with := base
	with.PageLoad = mondayNightPages(10)
	m0, err := Compile(base)
	require.NoError(t, err)
	m1, err := Compile(with)
	require.NoError(t, err)
	burden := func(m *Model, sh oncall.Shift) float64 {
		l, err := m.Ledger(oncall.Schedule{sh})
		require.NoError(t, err)
		return l.Accounts[0].Burden
	}
	monday2 := time.Date(2026, 2, 9, 2, 0, 0, 0, ny) // 07:00 UTC
	cases := []struct {
		name  string
		sh    oncall.Shift
		extra float64
	}{
		{"whole cycle as primary", oncall.Shift{Responder: "p0", Role: oncall.Primary, Start: base.From, End: base.To}, 20},
		{"whole cycle as secondary", oncall.Shift{Responder: "p0", Role: oncall.Secondary, Start: base.From, End: base.To}, 2.5},
		{"the hour itself", oncall.Shift{Responder: "p0", Role: oncall.Primary, Start: monday2, End: monday2.Add(time.Hour)}, 20},
		{"half the hour", oncall.Shift{Responder: "p0", Role: oncall.Primary, Start: monday2.Add(30 * time.Minute), End: monday2.Add(2 * time.Hour)}, 10},
		{"Monday 03:00 onwards", oncall.Shift{Responder: "p0", Role: oncall.Primary, Start: monday2.Add(time.Hour), End: base.To}, 0},
	}
	for _, c := range cases {
		assert.InDelta(t, c.extra, burden(m1, c.sh)-burden(m0, c.sh), 1e-9, c.name)
	}
	// The generator sees the same prices: the week's primary slot costs 20 more.
	assert.InDelta(t, 20, m1.slotCost[0][0]-m0.slotCost[0][0], 1e-9)
}

// TestPageLoadDeterministic: the same problem and pages give byte-identical schedules.
func TestPageLoadDeterministic(t *testing.T) {
	ny := mustLoad("America/New_York")
	pr := Problem{Team: team(4, ny), Spec: Spec{Zone: ny, MinCyclesOff: 1}, From: time.Date(2026, 2, 3, 10, 0, 0, 0, ny), To: time.Date(2026, 5, 5, 10, 0, 0, 0, ny),
		PageLoad: mondayNightPages(7), Seed: 3}
	var out [2]bytes.Buffer
	for i := range out {
		m, err := Compile(pr)
		require.NoError(t, err)
		plan, err := m.Generate()
		require.NoError(t, err)
		require.NoError(t, oncall.WriteShifts(&out[i], plan.Shifts))
	}
	assert.Equal(t, out[0].String(), out[1].String())
}

func TestPageLoadErrors(t *testing.T) {
	pr := Problem{Team: team(2, nil), From: tue, To: weeks(2)}
	pl := mondayNightPages(10)
	pl.Pages = append(pl.Pages, oncall.Page{IncidentID: "late", Role: oncall.Primary, Triggered: pl.To})
	pl.Pages = append(pl.Pages, oncall.Page{IncidentID: "odd", Role: "tertiary", Triggered: pl.From})
	pr.PageLoad = pl
	_, err := Compile(pr)
	require.ErrorIs(t, err, ErrInvalidProblem)
	assert.Contains(t, err.Error(), "page 9 (incident late) triggered 2026-02-02T00:00:00-05:00: outside the period")
	assert.Contains(t, err.Error(), `page 10 (incident odd) role "tertiary"`)

	pr.PageLoad = PageLoad{Weight: -1}
	_, err = Compile(pr)
	assert.ErrorContains(t, err, "page load weight -1")
	pr.PageLoad = PageLoad{Weight: 1}
	_, err = Compile(pr)
	assert.ErrorContains(t, err, "page load period")
	// Zero weight is off, whatever else is set.
	pr.PageLoad = PageLoad{Pages: pl.Pages}
	_, err = Compile(pr)
	assert.NoError(t, err)
}
