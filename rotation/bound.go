package rotation

import (
	"math"
	"math/bits"
	"slices"
	"sort"
)

// The tight part of LowerBound asks, for a candidate value T, whether some schedule could
// keep every load at or below T, and proves "no" with one of the certificates below. Let
// base_p be p's load before any free (unpinned) unit is given out and w(u,p) the cost of
// unit u to p per unit of capacity; the units p may take at T are those p is eligible and
// free for with base_p + w(u,p) <= T (taking any other already puts p above T).
//
//   - Threshold: some unit has nobody who may take it.
//   - Counting: p can hold at most k_p(T) units: no more than the rest rule lets p fit in
//     the horizon (earliest-ending-first, which is exact for one person and the rest rule
//     alone) or Member.MaxStints in each StintPeriod, and no more than the most of p's
//     cheapest allowed units that fit in T - base_p. If the k_p(T) add up to fewer than
//     the free units, T is out of reach. The same count is made per pool of people (the
//     units only they may take) and over the units that cost at least theta to everyone
//     who may take them, against how many units of at least theta each member can fit
//     (see countDear).
//   - Room: p can carry at most C_p(T) = the least of T - base_p, the sum of p's k_p(T)
//     dearest allowed units, and the largest sum of p's allowed units that fits in
//     T - base_p (bounded on a grid, see subsetSum). For weights mu >= 0 on the people,
//     any schedule under T has
//     sum_p mu_p C_p(T) >= sum_p mu_p (burden of p's units)/cap_p >= sum_u min_p mu_p w(u,p),
//     the minimum over the people who may take u. So a mu with
//     sum_u min_p mu_p w(u,p) > sum_p mu_p C_p(T) proves T out of reach, whatever found
//     it: mu_p = cap_p on each pool (countDear), or a search (see search). With
//     C_p(T) = T - base_p and no restriction this is the dual of the LP relaxation of
//     WriteLP's program without its rest, overlap and stint rows (the Lagrangian bound).
//
// Each certificate holds for every smaller T too (the allowed sets, the counts and the C_p
// only grow with T), so the bound is found by bisection on T.

// boundWork caps the (unit, person) pairs the bound's search visits, so its cost does not
// grow without limit and its answer is the same on every machine (about 11 ms for 50 people
// and two years of weekly primary and secondary cycles); boundPairs caps the pairs it keeps
// in memory. Beyond boundPairs only the aggregate and threshold certificates are used (about
// 27 ms for 500 people and five years of daily cycles).
const (
	boundWork  = 1_000_000
	boundPairs = 1 << 18
)

// boundSteps is the most bisection steps on T, and boundIters the most iterations of the
// weight search at one T.
const (
	boundSteps = 60
	boundIters = 200
)

// lagrange holds the free units and who may take them, flattened, with scratch rows.
type lagrange struct {
	base    []float64
	units   int
	start   []int32   // pairs of free unit i are who[start[i]:start[i+1]]
	who     []int32   // person
	w       []float64 // cost per unit of capacity
	sorted  [][]float64
	prefix  [][]float64 // prefix[p][k]: sum of p's k cheapest units
	restCap []int       // most units p can hold under the rest and stint rules
	room    []float64   // C_p(T) for the T in hand
	work    int
	mu      []float64
	avg     []float64 // averaged excess of the best responses
	resp    []float64 // burden per capacity given to each person by the last response
	// set is each free unit's eligibility set (Model.tab.set), and pools the people of each
	// set with the sets they cover, the whole team first.
	set   []int32
	pools []pool
	cap   []float64
	// Scratch for countDear and subsetSum.
	least, cheap, floor []float64
	bits                []uint64
}

// pool is a set of people and, by set id, whether a unit of that set may only go to them.
type pool struct {
	members []int32
	inside  []bool
}

// tightBound raises lo, a proven lower bound, by bisection on T with the certificates above.
func (m *Model) tightBound(lo float64, base []float64, pinnedTo map[int]int) float64 {
	pairs := 0
	for u := range m.tab.us {
		if _, pinned := pinnedTo[u]; !pinned {
			pairs += len(m.tab.people[m.tab.set[u]])
		}
	}
	if pairs > boundPairs {
		return max(lo, m.thresholdBound(base, pinnedTo))
	}
	g := m.newLagrange(base, pinnedTo)
	if g.units == 0 {
		return lo
	}
	hi := lo
	for i := range g.w {
		hi = max(hi, base[g.who[i]]+g.w[i])
	}
	// No certificate reaches past the point where anyone could carry every unit alone.
	all := g.sumW()
	for p := range base {
		hi = max(hi, base[p]+all)
	}
	// The counting certificates cost one pass each, the Lagrangian up to boundIters: bisect
	// with the cheap ones first, then go on from there with all of them.
	lo = g.bisect(lo, hi, false)
	return g.bisect(lo, hi, true)
}

// bisect raises lo towards hi as far as the certificates reach (the Lagrangian one only
// with lagrangian).
func (g *lagrange) bisect(lo, hi float64, lagrangian bool) float64 {
	for step := 0; step < boundSteps && g.work < boundWork; step++ {
		mid := lo + (hi-lo)/2
		if mid <= lo || mid >= hi {
			break
		}
		if g.outOfReach(mid, lagrangian) {
			lo = mid
		} else {
			hi = mid
		}
	}
	// The supremum is often a breakpoint that bisection approaches from below: if the
	// float just below the next breakpoint is out of reach, the optimum is at least it.
	if b := g.nextBreak(lo); !math.IsInf(b, 1) && g.work < boundWork {
		if below := math.Nextafter(b, math.Inf(-1)); below >= lo && g.outOfReach(below, lagrangian) {
			lo = b
		}
	}
	return lo
}

// nextBreak is the least value above T at which an allowed set or a count k_p changes.
func (g *lagrange) nextBreak(T float64) float64 {
	b := math.Inf(1)
	for i, p := range g.who {
		if t := g.base[p] + g.w[i]; t > T {
			b = min(b, t)
		}
	}
	for p, pre := range g.prefix {
		for _, s := range pre {
			if t := g.base[p] + s; t > T {
				b = min(b, t)
			}
		}
	}
	return b
}

// thresholdBound is the threshold certificate alone, without keeping the pairs: the least
// threshold of the unit whose least threshold is largest.
func (m *Model) thresholdBound(base []float64, pinnedTo map[int]int) float64 {
	lb := math.Inf(-1)
	for u := range m.tab.us {
		if _, pinned := pinnedTo[u]; pinned {
			continue
		}
		least := math.Inf(1)
		for _, p := range m.tab.people[m.tab.set[u]] {
			if c, ok := m.eligiblePrice(u, int(p)); ok {
				least = min(least, base[p]+c/m.cap[p])
			}
		}
		if !math.IsInf(least, 1) {
			lb = max(lb, least)
		}
	}
	return lb
}

func (m *Model) newLagrange(base []float64, pinnedTo map[int]int) *lagrange {
	n := len(m.team)
	g := &lagrange{base: base, start: []int32{0}, cap: m.cap, sorted: make([][]float64, n), prefix: make([][]float64, n),
		restCap: make([]int, n), room: make([]float64, n), mu: make([]float64, n), avg: make([]float64, n), resp: make([]float64, n)}
	off := m.spec.MinCyclesOff
	lastHeld := make([]int, n) // last cycle of the previous unit picked by the rest greedy
	for p := range lastHeld {
		lastHeld[p] = m.histEnd[p]
	}
	for u := range m.tab.us {
		if _, pinned := pinnedTo[u]; pinned {
			continue
		}
		at := len(g.who)
		un := &m.tab.us[u]
		for _, p := range m.tab.people[m.tab.set[u]] {
			c, ok := m.eligiblePrice(u, int(p))
			if !ok {
				continue
			}
			g.who, g.w = append(g.who, p), append(g.w, c/m.cap[p])
			g.sorted[p] = append(g.sorted[p], c/m.cap[p])
			// Units come in order of last cycle, so taking each one that keeps the rest
			// rule after the last one taken holds the most units possible.
			if off == 0 || un.first-lastHeld[p]-1 >= off || m.chainsFromHistory(u, int(p)) {
				g.restCap[p]++
				lastHeld[p] = un.last
			}
		}
		if len(g.who) == at {
			// Nobody can take u: no schedule is valid, and u constrains nothing here.
			continue
		}
		g.units++
		g.start = append(g.start, int32(len(g.who)))
		g.set = append(g.set, m.tab.set[u])
	}
	g.pools = m.pools(g.set)
	nc, period := m.numCycles(), m.spec.StintPeriod
	for p := range g.sorted {
		slices.Sort(g.sorted[p])
		g.prefix[p] = make([]float64, len(g.sorted[p])+1)
		for k, w := range g.sorted[p] {
			g.prefix[p][k+1] = g.prefix[p][k] + w
		}
		if limit := m.team[p].MaxStints; limit > 0 && period > 0 {
			// Disjoint runs of period cycles each start at most limit units.
			g.restCap[p] = min(g.restCap[p], limit*((nc+period-1)/period))
		}
	}
	return g
}

func (g *lagrange) sumW() float64 {
	s := 0.0
	for i := 0; i < g.units; i++ {
		s += slices.Max(g.w[g.start[i]:g.start[i+1]])
	}
	return s
}

// outOfReach reports whether a certificate proves that no schedule keeps every load at or
// below T.
func (g *lagrange) outOfReach(T float64, lagrangian bool) bool {
	units := 0
	for p, b := range g.base {
		r := T - b
		if r < 0 {
			return true // p's load is above T before any free unit
		}
		s, pre := g.sorted[p], g.prefix[p]
		allowed := sort.SearchFloat64s(s, math.Nextafter(r, math.Inf(1)))
		// The most of the cheapest allowed units that fit in r.
		k := sort.Search(allowed+1, func(k int) bool { return pre[k] > r }) - 1
		k = min(k, g.restCap[p])
		units += k
		g.room[p] = min(r, pre[allowed]-pre[allowed-k], g.subsetSum(s[:allowed], r, k))
	}
	if units < g.units || g.countDear(T) {
		return true
	}
	return lagrangian && g.search(T)
}

// floors is the most cost floors countDear tries at one T.
const floors = 64

// countDear is the counting certificate restricted to dear units and to pools of people:
// for a floor theta, the units that only a pool's members may take and that cost at least
// theta to every one of them must each go to a member who then holds a unit of at least
// theta, and p can hold at most as many of those as the cheapest of them that fit in
// T - base_p. Cheap units (a horizon's first and last, a short week) no longer pad the
// count, nor do people who may not take the units (another region's layer).
//
// It also checks each pool's burden: the units only members may take, each at its
// cheapest among the members allowed, must fit in the members' rooms C_p(T) (in burden,
// times capacity). That is the Lagrangian certificate with mu_p = cap_p on the pool, which
// the general search need not find.
func (g *lagrange) countDear(T float64) bool {
	least, cheap := g.least[:0], g.cheap[:0]
	for i := 0; i < g.units; i++ {
		lw, lc := math.Inf(1), math.Inf(1)
		for j := g.start[i]; j < g.start[i+1]; j++ {
			p := g.who[j]
			if w := g.w[j]; w <= T-g.base[p] {
				lw, lc = min(lw, w), min(lc, w*g.cap[p])
			}
		}
		least, cheap = append(least, lw), append(cheap, lc)
	}
	g.least, g.cheap = least, cheap
	g.work += len(g.who)
	for _, pool := range g.pools {
		vals := g.floor[:0]
		burden, room := 0.0, 0.0
		for i, lw := range least {
			if pool.inside[g.set[i]] {
				vals = append(vals, lw)
				burden += cheap[i]
			}
		}
		for _, p := range pool.members {
			room += g.cap[p] * g.room[p]
		}
		g.floor = vals
		if burden > room+1e-9*(burden+room) || g.poolShort(T, vals, pool.members) {
			return true
		}
	}
	return false
}

// subsetGrid is the resolution of subsetSum: the room is cut into this many steps.
const subsetGrid = 1024

// subsetSum bounds from above the largest sum of some of the costs ws (ascending) that fits
// in r, when at most k of them fit. Each cost is rounded down to a grid of r/subsetGrid and
// the reachable sums found exactly on the grid; a subset that fits keeps fitting once
// rounded down, and rounding took less than a step from each of its at most k costs.
func (g *lagrange) subsetSum(ws []float64, r float64, k int) float64 {
	if r <= 0 || len(ws) == 0 {
		return 0
	}
	if all := sumOf(ws); all <= r {
		return all // everything fits
	}
	step := r / subsetGrid
	reach := g.bits[:0]
	for range subsetGrid/64 + 1 {
		reach = append(reach, 0)
	}
	g.bits = reach
	reach[0] = 1
	for _, w := range ws {
		shiftOr(reach, int(w/step))
	}
	g.work += len(ws) * len(reach) / 4
	// Sums past the grid do not fit; shifting never brings them back below it.
	reach[subsetGrid/64] &= 1<<(subsetGrid%64+1) - 1
	for i := len(reach) - 1; i >= 0; i-- {
		if reach[i] != 0 {
			top := i*64 + 63 - bits.LeadingZeros64(reach[i])
			return float64(top)*step + float64(k)*step
		}
	}
	return 0
}

// shiftOr sets b |= b << n, dropping bits past the end.
func shiftOr(b []uint64, n int) {
	words, off := n/64, uint(n%64)
	for i := len(b) - 1; i >= words; i-- {
		v := b[i-words] << off
		if off > 0 && i-words-1 >= 0 {
			v |= b[i-words-1] >> (64 - off)
		}
		b[i] |= v
	}
}

// poolShort reports whether, for some floor, the units with least costs vals (those only
// members may take) outnumber what the members can hold.
func (g *lagrange) poolShort(T float64, vals []float64, members []int32) bool {
	slices.Sort(vals)
	step := max(1, len(vals)/floors)
	for i := 0; i < len(vals); i += step {
		theta := vals[i]
		need := len(vals) - sort.SearchFloat64s(vals, theta) // units whose least cost is theta or more
		have := 0
		for _, p := range members {
			s, pre := g.sorted[p], g.prefix[p]
			from := sort.SearchFloat64s(s, theta)
			r := T - g.base[p]
			k := sort.Search(len(s)-from+1, func(k int) bool { return pre[from+k]-pre[from] > r }) - 1
			have += min(k, g.restCap[p])
			if have >= need {
				break
			}
		}
		if have < need {
			return true
		}
	}
	return false
}

// search looks for weights mu that prove T out of reach (the Lagrangian certificate). It
// is Frank-Wolfe on a smoothed maximum of the excesses (burden per capacity given over
// C_p(T)): mu is a softmax of the excesses of the average of the best responses so far,
// and each best response to mu is checked as a certificate. It gives up when the averaged
// fractional schedule fits under every C_p(T) (then no mu can prove T out of reach) or the
// iterations or work run out.
func (g *lagrange) search(T float64) bool {
	n := len(g.base)
	for p := range g.mu {
		g.mu[p] = 1 / float64(n)
	}
	for it := 0; it < boundIters && g.work < boundWork; it++ {
		if it > 0 {
			g.soften(it)
		}
		least, ok := g.respond(T)
		if !ok {
			return true // threshold certificate
		}
		owed := 0.0
		for p, r := range g.room {
			owed += g.mu[p] * r
		}
		// A margin well above rounding: at the tight point least and owed are equal
		// sums taken in different orders.
		if least > owed+1e-9*(least+owed) {
			return true
		}
		step := 2 / float64(it+2)
		worst := math.Inf(-1)
		for p := 0; p < n; p++ {
			g.avg[p] += step * (g.resp[p] - g.room[p] - g.avg[p])
			worst = max(worst, g.avg[p])
		}
		if worst <= 0 {
			return false
		}
	}
	return false
}

// soften sets mu to a softmax of the averaged excesses, sharper as the iterations go on.
func (g *lagrange) soften(it int) {
	hi, lo := slices.Max(g.avg), slices.Min(g.avg)
	scale := max(hi-lo, 1e-12*(1+math.Abs(hi)))
	beta := 4 * math.Log(float64(len(g.avg))+1) * math.Sqrt(float64(it)+1) / scale
	sum := 0.0
	for p, a := range g.avg {
		g.mu[p] = math.Exp(beta * (a - hi))
		sum += g.mu[p]
	}
	for p := range g.mu {
		g.mu[p] /= sum
	}
}

// respond gives each free unit to the person allowed at T with the least mu_p × w, adding w
// to resp[p], and returns the sum of those least values; false when some unit has nobody
// allowed.
func (g *lagrange) respond(T float64) (float64, bool) {
	clear(g.resp)
	sum := 0.0
	for i := 0; i < g.units; i++ {
		who, least, wAt := int32(-1), math.Inf(1), 0.0
		for j := g.start[i]; j < g.start[i+1]; j++ {
			p, w := g.who[j], g.w[j]
			if w > T-g.base[p] {
				continue
			}
			if v := g.mu[p] * w; who < 0 || v < least {
				who, least, wAt = p, v, w
			}
		}
		if who < 0 {
			return 0, false
		}
		sum += least
		g.resp[who] += wAt
	}
	g.work += len(g.who)
	return sum, true
}

// pools lists the whole team and then the people of each eligibility set in sets, each with
// the sets whose people all belong to it.
func (m *Model) pools(sets []int32) []pool {
	t := m.tab
	all := make([]int32, len(m.team))
	for p := range all {
		all[p] = int32(p)
	}
	member := make([]bool, len(m.team))
	var out []pool
	seen := map[int32]bool{}
	add := func(members []int32) {
		for _, p := range members {
			member[p] = true
		}
		inside := make([]bool, len(t.people))
		for s, ps := range t.people {
			inside[s] = !slices.ContainsFunc(ps, func(p int32) bool { return !member[p] })
		}
		for _, p := range members {
			member[p] = false
		}
		out = append(out, pool{members: members, inside: inside})
	}
	add(all)
	for _, s := range sets {
		if !seen[s] && len(t.people[s]) < len(m.team) {
			seen[s] = true
			add(t.people[s])
		}
	}
	return out
}

func sumOf(ws []float64) float64 {
	s := 0.0
	for _, w := range ws {
		s += w
	}
	return s
}
