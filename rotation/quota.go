package rotation

import (
	"math"

	"github.com/wellrested/oncall"
)

// Quota is a person's fair number of slots of one role over the horizon, and its floor and
// ceiling: the quota bounds a scheduler can impose so that nobody holds more than their
// share rounded up, or fewer than it rounded down. Each slot is shared among the people
// free (not on leave) and eligible for it in proportion to their capacity, as burden shares
// are (the carpool rule), but counting every slot as one. A slot nobody can hold is shared
// by no one. Quotas cover the horizon only: balances carried from history are in Ledger.
type Quota struct {
	Responder string `json:"responder"`
	// Role is the rotation role, or "" for all roles together.
	Role string `json:"role"`
	// Share is the fair number of slots.
	Share float64 `json:"share"`
	// Floor and Ceiling are Share rounded down and up (equal when Share is whole).
	Floor   int `json:"floor"`
	Ceiling int `json:"ceiling"`
}

// Quotas returns each member's quota for each role of the rotation, then for all roles
// together, in team order and, within a person, in role order with the total last. Shares
// are rounded to 1e-9 before taking floor and ceiling, so that a share that is whole up to
// floating-point error counts as whole.
func (m *Model) Quotas() []Quota {
	nr := len(m.spec.Roles)
	share := make([][]float64, len(m.team))
	for p := range share {
		share[p] = make([]float64, nr)
	}
	capFree := m.freeCapacity() // the same sharing as the burden shares
	for c := range m.numCycles() {
		for r := range nr {
			i := m.at(slotKey{cycle: c, role: r})
			if m.spec.Roles[r].Coverage != nil && len(m.partsOf[i]) == 0 {
				continue // nothing to hold in this cycle
			}
			cf, ok := capFree(i)
			if !ok {
				continue
			}
			for p := range m.team {
				if _, free := m.slotPrice(p, i); free && m.eligible[p][r] {
					share[p][r] += m.cap[p] / cf
				}
			}
		}
	}
	out := make([]Quota, 0, len(m.team)*(nr+1))
	for p, mem := range m.team {
		total := 0.0
		for r, rs := range m.spec.Roles {
			out = append(out, quotaOf(mem.Responder.ID, rs.Name, share[p][r]))
			total += share[p][r]
		}
		out = append(out, quotaOf(mem.Responder.ID, "", total))
	}
	return out
}

func quotaOf(id, role string, share float64) Quota {
	r := math.Round(share*1e9) / 1e9
	return Quota{Responder: id, Role: role, Share: share, Floor: int(math.Floor(r)), Ceiling: int(math.Ceil(r))}
}

// Held counts the slots of each quota's role that s gives each person: whole slots of
// round-the-clock roles, and cycles in which a person holds any window of a covered role.
// Shifts that are not slots of the model are not counted. The result is parallel to q.
func (m *Model) Held(q []Quota, s oncall.Schedule) []int {
	type key struct{ id, role string }
	held := map[key]int{}
	seen := map[[2]int]map[string]bool{} // covered slots counted once per person
	for _, sh := range s {
		k, _, ok := m.gridSlot(sh)
		if !ok {
			continue
		}
		at := [2]int{k.cycle, k.role}
		if seen[at] == nil {
			seen[at] = map[string]bool{}
		}
		if seen[at][sh.Responder] {
			continue
		}
		seen[at][sh.Responder] = true
		held[key{sh.Responder, sh.Role}]++
		held[key{sh.Responder, ""}]++
	}
	out := make([]int, len(q))
	for i, x := range q {
		out[i] = held[key{x.Responder, x.Role}]
	}
	return out
}
