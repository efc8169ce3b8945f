package rotation

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
)

// lpRow writes one constraint, breaking lines well inside the 255-character limit some
// readers of the format keep.
type lpRow struct {
	bw  *bufio.Writer
	col int
}

func (r *lpRow) term(s string) {
	if r.col+len(s) > 200 {
		r.bw.WriteString("\n  ")
		r.col = 2
	}
	r.bw.WriteString(s)
	r.col += len(s)
}

// WriteLP writes the model as a mixed-integer program in CPLEX LP format, for an external
// solver (CBC, GLPK, HiGHS, CPLEX) or a scheduler that embeds the same rules:
//
//	minimise L
//	x(u,p) = 1 when person p takes unit u (a slot, or a chained secondary-primary pair);
//	         variables exist only where p is eligible and free of leave
//	cover:   each unit has exactly one person; a pinned unit only its pinned person
//	load:    F + (carried_p - share_p)/cap_p + sum_u cost(u,p)/cap_p x(u,p) <= L
//	rest:    in every run of MinCyclesOff+1 cycles, each person holds at most one unit;
//	         with MinCyclesOff 0, no two units held at a common instant (overlap rows)
//	stints:  in every run of StintPeriod cycles, each capped person starts at most
//	         MaxStints units
//
// The objective is the first level of the package's leximax objective: the optimum of this
// program is the best achievable largest load, the figure Generate's result and LowerBound
// are compared against. Comments at the top map variable indexes to responders.
func (m *Model) WriteLP(w io.Writer) error {
	bw := bufio.NewWriter(w)
	us := m.tab.us
	pins := m.unitPins(us)
	share := m.horizonShare()
	f := meanRate(share, m.cap)
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	x := func(u, p int) string { return "x_" + strconv.Itoa(u) + "_" + strconv.Itoa(p) }
	has := func(u, p int) bool {
		if q, ok := pins[u]; ok {
			return q == p
		}
		_, r := m.unitCost(&us[u], p)
		return r == "" && (m.spec.MinCyclesOff == 0 || us[u].first-m.histEnd[p]-1 >= m.spec.MinCyclesOff || m.chainsFromHistory(u, p))
	}
	fmt.Fprintf(bw, "\\ on-call rotation: %d people, %d units, %d cycles from %s\n", len(m.team), len(us), m.numCycles(), m.cycles[0].UTC().Format("2006-01-02T15:04:05Z"))
	for p, mem := range m.team {
		fmt.Fprintf(bw, "\\ person %d = %s\n", p, mem.Responder.ID)
	}
	for u, un := range us {
		fmt.Fprintf(bw, "\\ unit %d = cycles %d-%d\n", u, un.first, un.last)
	}
	bw.WriteString("Minimize\n obj: L\nSubject To\n")
	for u := range us {
		r := &lpRow{bw: bw}
		r.term(" cover_" + strconv.Itoa(u) + ":")
		any := false
		for p := range m.team {
			if has(u, p) {
				r.term(" + " + x(u, p))
				any = true
			}
		}
		if !any {
			// No one can take the unit: write the contradiction rather than drop the row.
			r.term(" 0 L")
		}
		bw.WriteString(" = 1\n")
	}
	for p := range m.team {
		base := f + (m.carried[p]-share[p])/m.cap[p]
		r := &lpRow{bw: bw}
		r.term(" load_" + strconv.Itoa(p) + ": - L")
		for u := range us {
			if has(u, p) {
				c, _ := m.unitCost(&us[u], p)
				r.term(" + " + num(c/m.cap[p]) + " " + x(u, p))
			}
		}
		fmt.Fprintf(bw, " <= %s\n", num(-base))
	}
	m.writeWindows(bw, us, has, x)
	bw.WriteString("Bounds\n L free\nBinaries\n")
	for u := range us {
		for p := range m.team {
			if has(u, p) {
				fmt.Fprintf(bw, " %s\n", x(u, p))
			}
		}
	}
	bw.WriteString("End\n")
	return bw.Flush()
}

// writeWindows writes the rest and stint-cap rows, skipping rows with fewer than two
// variables (they cannot bind).
func (m *Model) writeWindows(bw *bufio.Writer, us []unit, has func(u, p int) bool, x func(u, p int) string) {
	nc, off, period := m.numCycles(), m.spec.MinCyclesOff, m.spec.StintPeriod
	row := func(name string, vars []string, limit int) {
		if len(vars) <= limit {
			return
		}
		r := &lpRow{bw: bw}
		r.term(" " + name + ":")
		for _, v := range vars {
			r.term(" + " + v)
		}
		fmt.Fprintf(bw, " <= %d\n", limit)
	}
	for p := range m.team {
		// Window [e-off, e]: two units of one person closer than off cycles both meet the
		// window that ends where the later one starts.
		for e := 0; e < nc; e++ {
			var vars []string
			var in []int
			for u, un := range us {
				if has(u, p) && un.first <= e && un.last >= e-off {
					vars = append(vars, x(u, p))
					in = append(in, u)
				}
			}
			if off > 0 {
				row(fmt.Sprintf("rest_%d_%d", p, e), vars, 1)
				continue
			}
			// No rest rule: only units held at a common instant exclude each other.
			for i, a := range in {
				for _, b := range in[i+1:] {
					if us[a].first == e || us[b].first == e {
						if m.overlapInTime(&us[a], &us[b]) {
							row(fmt.Sprintf("overlap_%d_%d_%d", p, a, b), []string{x(a, p), x(b, p)}, 1)
						}
					}
				}
			}
		}
		if limit := m.team[p].MaxStints; limit > 0 {
			for c := 0; c < nc; c++ {
				var vars []string
				for u, un := range us {
					if has(u, p) && un.first >= c && un.first < c+period {
						vars = append(vars, x(u, p))
					}
				}
				row(fmt.Sprintf("stints_%d_%d", p, c), vars, limit)
			}
		}
	}
}
