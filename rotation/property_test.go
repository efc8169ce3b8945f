package rotation

import (
	"bytes"
	"errors"
	"io"
	"math"
	"testing"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"pgregory.net/rapid"
)

// mediumProblem draws a random team of up to a dozen people over up to half a year, with
// leave, juniors, part-timers, rest and stint rules, pins and history.
func mediumProblem(t *rapid.T) Problem {
	n := rapid.IntRange(3, 12).Draw(t, "people")
	cycles := rapid.IntRange(1, 26).Draw(t, "cycles")
	zones := []string{"UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo", "Pacific/Auckland"}
	start := time.Date(2026, time.Month(rapid.IntRange(1, 12).Draw(t, "month")), rapid.IntRange(1, 28).Draw(t, "day"), 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, 0, 7*cycles)
	tm := make([]Member, n)
	for i := range tm {
		prof := calendar.Profile{Zone: mustLoad(rapid.SampledFrom(zones).Draw(t, "zone"))}
		for k := rapid.IntRange(0, 2).Draw(t, "leaves"); k > 0; k-- {
			ls := start.AddDate(0, 0, rapid.IntRange(0, 7*cycles).Draw(t, "leave start"))
			prof.Leave = append(prof.Leave, calendar.Interval{Start: ls, End: ls.AddDate(0, 0, rapid.IntRange(1, 21).Draw(t, "leave days"))})
		}
		prof.Region = rapid.SampledFrom([]string{"", "GB", "US", "JP", "NZ"}).Draw(t, "region")
		tm[i] = Member{Responder: oncall.Responder{ID: "r" + string(rune('A'+i)), Profile: prof},
			Capacity:  rapid.SampledFrom([]float64{1, 1, 1, 0.5, 0.8}).Draw(t, "capacity"),
			MaxStints: rapid.IntRange(0, 4).Draw(t, "max stints")}
		if rapid.IntRange(0, 4).Draw(t, "junior?") == 0 {
			tm[i].Roles = []string{oncall.Secondary}
		}
	}
	pr := Problem{Team: tm, From: start, To: end, Seed: rapid.Uint64().Draw(t, "seed"),
		Spec: Spec{Chain: rapid.Bool().Draw(t, "chain"), MinCyclesOff: rapid.IntRange(0, 2).Draw(t, "rest")}}
	if !pr.Spec.Chain && rapid.Bool().Draw(t, "covered roles?") {
		// Secondary held only in a daily window (crossing midnight half the time), in a
		// zone of its own.
		from := calendar.Clock(rapid.IntRange(0, 23).Draw(t, "window from") * 3600)
		to := calendar.Clock(rapid.IntRange(1, 24).Draw(t, "window to") * 3600)
		cov := &Coverage{Zone: mustLoad(rapid.SampledFrom(zones).Draw(t, "window zone")), Hours: calendar.Window{From: from, To: to},
			Days: calendar.Weekdays(rapid.IntRange(0, 127).Draw(t, "window days"))}
		pr.Spec.Roles = []RoleSpec{{Name: oncall.Primary, Weight: 1}, {Name: oncall.Secondary, Weight: 0.5, Coverage: cov}}
	}
	// History: a few weeks before the horizon, round robin.
	hist := rapid.IntRange(0, 8).Draw(t, "history weeks")
	for w := 0; w < hist; w++ {
		hs := start.AddDate(0, 0, -7*(hist-w))
		pr.History = append(pr.History, oncall.Shift{Responder: tm[w%n].Responder.ID, Role: oncall.Primary, Start: hs, End: hs.AddDate(0, 0, 7)})
	}
	return pr
}

// TestGeneratePropertiesRapid: on random problems Generate either returns a schedule that
// Check finds nothing wrong with (so every slot has exactly one person per role, and every
// rule holds), whose largest load is no lower than LowerBound, and that is byte-identical
// when generated again; or it fails with ErrInfeasible naming a slot.
func TestGeneratePropertiesRapid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pr := mediumProblem(t)
		if rapid.Bool().Draw(t, "pin?") {
			m0, err := Compile(pr)
			if err != nil {
				t.Fatal(err)
			}
			if sl := m0.Slots(); len(sl) > 0 {
				s := sl[rapid.IntRange(0, len(sl)-1).Draw(t, "pinned slot")]
				pr.Pins = []Pin{{Role: s.Role, Start: s.Start, Responder: pr.Team[rapid.IntRange(0, len(pr.Team)-1).Draw(t, "pinned person")].Responder.ID}}
			}
		}
		m, err := Compile(pr)
		if err != nil {
			t.Fatal(err)
		}
		plan, err := m.Generate()
		if err != nil {
			var ue *UncoverableError
			if !errors.Is(err, ErrInfeasible) || !errors.As(err, &ue) || ue.Slot.Start.IsZero() {
				t.Fatalf("want an uncoverable slot, got %v", err)
			}
			return
		}
		vs, err := m.Check(plan.Shifts)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) > 0 {
			t.Fatalf("generated schedule breaks rules: %v", vs)
		}
		want := 0
		for _, sl := range m.Slots() {
			if sl.Parts != nil || sl.Role == oncall.Secondary && pr.Spec.Roles != nil && pr.Spec.Roles[1].Coverage != nil {
				want += len(sl.Parts)
			} else {
				want++
			}
		}
		if len(plan.Shifts) != want {
			t.Fatalf("%d shifts for %d slot windows", len(plan.Shifts), want)
		}
		if lb := m.LowerBound(); plan.Ledger.Indices.Max < lb-1e-6*(1+math.Abs(lb)) {
			t.Fatalf("max load %v below the lower bound %v", plan.Ledger.Indices.Max, lb)
		}
		if err := m.WriteLP(io.Discard); err != nil {
			t.Fatal(err)
		}
		again, err := m.Generate()
		if err != nil {
			t.Fatal(err)
		}
		var a, b bytes.Buffer
		if err := oncall.WriteShifts(&a, plan.Shifts); err != nil {
			t.Fatal(err)
		}
		if err := oncall.WriteShifts(&b, again.Shifts); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatal("same problem and seed gave different schedules")
		}
	})
}
