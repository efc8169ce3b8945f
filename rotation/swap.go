package rotation

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/wellrested/oncall"
)

// Change is the effect of handing a shift to someone else, alone (a cover) or in exchange
// for one of theirs (a swap). Loads are Ledger loads.
type Change struct {
	// Shift is the index of the shift being given away; Taker takes it.
	Shift int    `json:"shift"`
	Taker string `json:"taker"`
	// Back is the index of the taker's shift the giver takes in return, or -1 for a cover.
	Back int `json:"back"`
	// Giver and Taker loads before and after.
	GiverBefore float64 `json:"giver_load_before"`
	GiverAfter  float64 `json:"giver_load_after"`
	TakerBefore float64 `json:"taker_load_before"`
	TakerAfter  float64 `json:"taker_load_after"`
	// MaxBefore and MaxAfter are the largest load in the team.
	MaxBefore float64 `json:"max_load_before"`
	MaxAfter  float64 `json:"max_load_after"`
	// NewViolations are rule violations the change would add; empty for a clean change.
	NewViolations []Violation `json:"new_violations"`
}

// Apply returns a copy of s with the change made.
func (c Change) Apply(s oncall.Schedule) oncall.Schedule {
	out := slices.Clone(s)
	giver := out[c.Shift].Responder
	out[c.Shift].Responder = c.Taker
	if c.Back >= 0 {
		out[c.Back].Responder = giver
	}
	return out
}

// Reassign prices handing shift i of s to taker (back < 0), or swapping it for the taker's
// shift back. The ledger of the changed schedule is recomputed in full, so the figures are
// exact.
func (m *Model) Reassign(s oncall.Schedule, i int, taker string, back int) (Change, error) {
	if i < 0 || i >= len(s) || back >= len(s) {
		return Change{}, fmt.Errorf("rotation: reassign shift %d (back %d) of %d: %w", i, back, len(s), ErrUnknownSlot)
	}
	if _, ok := m.index[taker]; !ok {
		return Change{}, fmt.Errorf("rotation: reassign to %q: %w", taker, ErrUnknownResponder)
	}
	if back >= 0 && s[back].Responder != taker {
		return Change{}, fmt.Errorf("rotation: swap back shift %d belongs to %s, not %s: %w", back, s[back].Responder, taker, ErrInvalidProblem)
	}
	before, err := m.Ledger(s)
	if err != nil {
		return Change{}, err
	}
	vBefore, err := m.Check(s)
	if err != nil {
		return Change{}, err
	}
	return m.priceChange(s, before, vBefore, Change{Shift: i, Taker: taker, Back: back})
}

func (m *Model) priceChange(s oncall.Schedule, before *Ledger, vBefore []Violation, c Change) (Change, error) {
	giver := m.index[s[c.Shift].Responder]
	taker := m.index[c.Taker]
	after := c.Apply(s)
	l, err := m.Ledger(after)
	if err != nil {
		return Change{}, err
	}
	vAfter, err := m.Check(after)
	if err != nil {
		return Change{}, err
	}
	c.GiverBefore, c.GiverAfter = before.Accounts[giver].Load, l.Accounts[giver].Load
	c.TakerBefore, c.TakerAfter = before.Accounts[taker].Load, l.Accounts[taker].Load
	c.MaxBefore, c.MaxAfter = before.Indices.Max, l.Indices.Max
	c.NewViolations = newViolations(vBefore, vAfter)
	return c, nil
}

// newViolations returns the violations in after that were not in before, matched by rule,
// responder, role and time.
func newViolations(before, after []Violation) []Violation {
	type key struct {
		rule      Rule
		who, role string
		start     int64
	}
	seen := map[key]int{}
	for _, v := range before {
		seen[key{v.Rule, v.Responder, v.Role, v.Start.UnixNano()}]++
	}
	out := []Violation{}
	for _, v := range after {
		k := key{v.Rule, v.Responder, v.Role, v.Start.UnixNano()}
		if seen[k] > 0 {
			seen[k]--
			continue
		}
		out = append(out, v)
	}
	return out
}

// Candidates answers "can someone take my shift?": every member who could cover shift i of
// s, and every swap of it for one of their shifts of the same role, that adds no rule
// violation, best first: lowest team maximum after, then lowest taker load after, then
// covers before swaps, then by responder and shift.
func (m *Model) Candidates(s oncall.Schedule, i int) ([]Change, error) {
	if i < 0 || i >= len(s) {
		return nil, fmt.Errorf("rotation: candidates for shift %d of %d: %w", i, len(s), ErrUnknownSlot)
	}
	before, err := m.Ledger(s)
	if err != nil {
		return nil, err
	}
	vBefore, err := m.Check(s)
	if err != nil {
		return nil, err
	}
	var out []Change
	try := func(c Change) error {
		c, err := m.priceChange(s, before, vBefore, c)
		if err != nil {
			return err
		}
		if len(c.NewViolations) == 0 {
			out = append(out, c)
		}
		return nil
	}
	for _, mem := range m.team {
		id := mem.Responder.ID
		if id == s[i].Responder {
			continue
		}
		if err := try(Change{Shift: i, Taker: id, Back: -1}); err != nil {
			return nil, err
		}
		for j, sh := range s {
			if sh.Responder == id && sh.Role == s[i].Role && j != i {
				if err := try(Change{Shift: i, Taker: id, Back: j}); err != nil {
					return nil, err
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Change) int {
		if c := cmp.Compare(a.MaxAfter, b.MaxAfter); c != 0 {
			return c
		}
		if c := cmp.Compare(a.TakerAfter, b.TakerAfter); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Back, b.Back); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Taker, b.Taker); c != 0 {
			return c
		}
		return 0
	})
	return out, nil
}
