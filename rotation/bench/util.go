package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/rotation"
)

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

func nanF() float64 { return math.NaN() }

// solutionShifts reads a CBC solution file ("solu" output: lines "index name value cost")
// for the LP the package wrote and turns x_u_p = 1 into shifts, so the solver's schedule can
// be judged by the package's own Check and Ledger. Units follow the LP's numbering: with
// chaining (two roles), unit u is cycle u's primary and cycle u-1's secondary; without, it
// is slot (cycle u/roles, role u%roles). Covered roles are not handled.
func solutionShifts(m *rotation.Model, r io.Reader) (oncall.Schedule, error) {
	spec, slots := m.Spec(), m.Slots()
	nr := len(spec.Roles)
	slotOf := map[[2]int]rotation.Slot{}
	for _, s := range slots {
		if s.Parts != nil {
			return nil, fmt.Errorf("covered roles are not handled")
		}
		for ri, rs := range spec.Roles {
			if rs.Name == s.Role {
				slotOf[[2]int{s.Cycle, ri}] = s
			}
		}
	}
	team := m.Team()
	var out oncall.Schedule
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 3 || !strings.HasPrefix(f[1], "x_") {
			continue
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil || v < 0.5 {
			continue
		}
		var u, p int
		if _, err := fmt.Sscanf(f[1], "x_%d_%d", &u, &p); err != nil || p >= len(team) {
			return nil, fmt.Errorf("variable %q: not x_unit_person", f[1])
		}
		var keys [][2]int
		if spec.Chain {
			keys = [][2]int{{u, 0}, {u - 1, 1}}
		} else {
			keys = [][2]int{{u / nr, u % nr}}
		}
		for _, k := range keys {
			if s, ok := slotOf[k]; ok {
				out = append(out, oncall.Shift{Responder: team[p].Responder.ID, Role: s.Role, Start: s.Start, End: s.End})
			}
		}
	}
	return out, sc.Err()
}
