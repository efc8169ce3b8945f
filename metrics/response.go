package metrics

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// ResponseTimes describes time to acknowledge and to resolve for one group of pages, in
// seconds from the page's trigger.
type ResponseTimes struct {
	// Key is the role or service ("" for All); Pages counts every page of the group.
	Key   string `json:"key"`
	Pages int    `json:"pages"`
	// Ack describes the acknowledged pages; NotAcknowledged counts the others, which have no
	// time to acknowledge but are not forgotten.
	Ack             Stats `json:"ack_seconds"`
	NotAcknowledged int   `json:"not_acknowledged"`
	// Resolve describes the resolved pages; Unresolved counts the others.
	Resolve    Stats `json:"resolve_seconds"`
	Unresolved int   `json:"unresolved"`
	// AckMedianCI and ResolveMedianCI are bootstrap intervals of the medians, present only
	// when Options.Bootstrap asks for them.
	AckMedianCI     *Bootstrap `json:"ack_median_ci,omitempty"`
	ResolveMedianCI *Bootstrap `json:"resolve_median_ci,omitempty"`
}

// SLACompliance is how often one role met its agreements. Every page of the role counts: a
// page never acknowledged (or never resolved) is a miss, not a gap in the data.
type SLACompliance struct {
	Role string `json:"role"`
	// AckWithinSeconds is the agreement; Ack the share of pages acknowledged within it (at
	// most that long after the trigger). Nil when the role has no acknowledgement agreement.
	AckWithinSeconds Float       `json:"ack_within_seconds"`
	Ack              *Proportion `json:"ack,omitempty"`
	// ResolveWithinSeconds and Resolve are the same for resolution.
	ResolveWithinSeconds Float       `json:"resolve_within_seconds"`
	Resolve              *Proportion `json:"resolve,omitempty"`
}

// Response is time to acknowledge and resolve overall, per role, per service and per team
// (Input.Teams), and SLA compliance per role. Quantiles use Options.Quantile (type 7 by
// default).
type Response struct {
	All       ResponseTimes   `json:"all"`
	ByRole    []ResponseTimes `json:"by_role"`
	ByService []ResponseTimes `json:"by_service"`
	ByTeam    []ResponseTimes `json:"by_team"`
	// SLA has one entry per role of Options.Roles (oncall.DefaultRoles by default) that has
	// an agreement, in that order.
	SLA []SLACompliance `json:"sla"`
}

// ResponseOf computes response times and SLA compliance.
func ResponseOf(in Input, opt Options) (Response, error) {
	pp, err := prepare(in, opt, false)
	if err != nil {
		return Response{}, err
	}
	return pp.response(opt), nil
}

// response sorts all times once and distributes them to groups in sorted order, so every
// group's sample arrives sorted.
func (pp *prepared) response(opt Options) Response {
	ack := pp.sortedSince(pp.ack)
	res := pp.sortedSince(pp.res)
	n := len(pp.trig)
	r := Response{
		All: ResponseTimes{Pages: n, Ack: describeSorted(ack.secs, opt.Quantile), NotAcknowledged: n - len(ack.secs),
			Resolve: describeSorted(res.secs, opt.Quantile), Unresolved: n - len(res.secs)},
		ByRole:    groupTimes(pp.role, ack, res, opt.Quantile),
		ByService: groupTimes(pp.service, ack, res, opt.Quantile),
		ByTeam:    groupTimes(pp.team, ack, res, opt.Quantile),
	}
	r.SLA = pp.sla(opt)
	if opt.Bootstrap.Resamples > 0 {
		all := grouping{keys: []string{""}, group: make([]int32, n)}
		r.All.addMedianCIs(0, ack, res, all, opt)
		for _, gs := range []struct {
			g   grouping
			out []ResponseTimes
		}{{pp.role, r.ByRole}, {pp.service, r.ByService}, {pp.team, r.ByTeam}} {
			for i := range gs.out {
				x := slices.Index(gs.g.keys, gs.out[i].Key)
				gs.out[i].addMedianCIs(int32(x), ack, res, gs.g, opt)
			}
		}
	}
	return r
}

// addMedianCIs bootstraps the medians of group x's times, each with its own generator
// seeded from opt.Bootstrap.Seed, so a group's interval does not depend on the others.
func (rt *ResponseTimes) addMedianCIs(x int32, ack, res sortedTimes, g grouping, opt Options) {
	of := func(ts sortedTimes) []float64 {
		var out []float64
		for i, p := range ts.pages {
			if g.group[p] == x {
				out = append(out, ts.secs[i])
			}
		}
		return out
	}
	a := BootstrapQuantile(of(ack), 0.5, opt.Quantile, opt.Bootstrap)
	r := BootstrapQuantile(of(res), 0.5, opt.Quantile, opt.Bootstrap)
	rt.AckMedianCI, rt.ResolveMedianCI = &a, &r
}

// sortedTimes are pages sorted by a time since their trigger, and those times in seconds.
type sortedTimes struct {
	pages []int32
	secs  []float64
}

// sortedSince returns the pages with a time in col, sorted by col - trigger.
func (pp *prepared) sortedSince(col []int64) sortedTimes {
	ks := pp.keys[:0]
	for i, t := range col {
		if t != none {
			ks = append(ks, keyed{key: uint64(t - pp.trig[i]), page: int32(i)}) // validated: t >= trigger
		}
	}
	ks = radixSort(ks, pp.scratch)
	st := sortedTimes{pages: make([]int32, len(ks)), secs: make([]float64, len(ks))}
	for i, k := range ks {
		st.pages[i], st.secs[i] = k.page, time.Duration(k.key).Seconds()
	}
	return st
}

func groupTimes(g grouping, ack, res sortedTimes, m QuantileMethod) []ResponseTimes {
	n := len(g.keys)
	pages := make([]int, n)
	for _, x := range g.group {
		pages[x]++
	}
	a, r := groupStats(g, ack, m), groupStats(g, res, m)
	out := make([]ResponseTimes, n)
	for x := range n {
		out[x] = ResponseTimes{Key: g.keys[x], Pages: pages[x], Ack: a[x], NotAcknowledged: pages[x] - a[x].N,
			Resolve: r[x], Unresolved: pages[x] - r[x].N}
	}
	slices.SortFunc(out, func(a, b ResponseTimes) int { return cmp.Compare(a.Key, b.Key) })
	return out
}

// groupStats describes each group's times without copying them out. Walking all times in
// sorted order, the k-th time seen of a group is that group's k-th order statistic, so only
// the few ranks the quantiles read need keeping. The result equals describeSorted on each
// group's sorted sample, the mean included (same values added in the same order).
func groupStats(g grouping, ts sortedTimes, m QuantileMethod) []Stats {
	n := len(g.keys)
	counts := make([]int, n)
	for _, p := range ts.pages {
		counts[g.group[p]]++
	}
	ranks := make([]rankSet, n)
	for x, c := range counts {
		ranks[x] = newRankSet(c)
	}
	sums := make([]neumaier, n)
	for i, p := range ts.pages {
		x := g.group[p]
		sums[x].add(ts.secs[i])
		ranks[x].offer(ts.secs[i])
	}
	out := make([]Stats, n)
	for x := range out {
		out[x] = ranks[x].stats(sums[x], m)
	}
	return out
}

// describedPs are the probabilities Stats reports, besides the extremes.
var describedPs = [...]float64{0.5, 0.90, 0.95, 0.99}

// rankSet keeps the order statistics of a sample of n that Stats needs: the minimum, the
// maximum and the four neighbours quantileAt may read around each reported quantile.
type rankSet struct {
	n     int
	seen  int
	next  int
	ranks []int // ascending, distinct, 1-based
	vals  []float64
}

func newRankSet(n int) rankSet {
	rs := rankSet{n: n}
	if n == 0 {
		return rs
	}
	want := []int{1, n}
	for _, p := range describedPs {
		f := int(math.Floor(float64(n) * p))
		for k := f - 1; k <= f+2; k++ {
			want = append(want, min(max(k, 1), n))
		}
	}
	slices.Sort(want)
	rs.ranks = slices.Compact(want)
	rs.vals = make([]float64, len(rs.ranks))
	return rs
}

// offer takes the next value of the group in sorted order.
func (rs *rankSet) offer(v float64) {
	rs.seen++
	if rs.next < len(rs.ranks) && rs.ranks[rs.next] == rs.seen {
		rs.vals[rs.next] = v
		rs.next++
	}
}

func (rs *rankSet) at(k int) float64 {
	i, _ := slices.BinarySearch(rs.ranks, k)
	return rs.vals[i]
}

func (rs *rankSet) stats(sum neumaier, m QuantileMethod) Stats {
	st := Stats{N: rs.n, Mean: NaN(), Median: NaN(), P90: NaN(), P95: NaN(), P99: NaN(), Min: NaN(), Max: NaN()}
	if rs.n == 0 {
		return st
	}
	q := func(p float64) Float { return Float(quantileAt(rs.n, rs.at, p, m)) }
	st.Mean = Float(sum.total() / float64(rs.n))
	st.Median, st.P90, st.P95, st.P99 = q(describedPs[0]), q(describedPs[1]), q(describedPs[2]), q(describedPs[3])
	st.Min, st.Max = Float(rs.at(1)), Float(rs.at(rs.n))
	return st
}

// sla counts, in one pass, the pages of each role that met its agreements.
func (pp *prepared) sla(opt Options) []SLACompliance {
	n := len(pp.role.keys)
	groupOf := make(map[string]int32, n)
	for x, k := range pp.role.keys {
		groupOf[k] = int32(x)
	}
	ackLimit, resLimit := make([]int64, n), make([]int64, n)
	for _, rl := range opt.roles() {
		if x, ok := groupOf[rl.Name]; ok {
			ackLimit[x], resLimit[x] = int64(rl.AckSLA), int64(rl.ResolveSLA)
		}
	}
	total, ackMet, resMet := make([]int, n), make([]int, n), make([]int, n)
	for i, ns := range pp.trig {
		x := pp.role.group[i]
		total[x]++
		// Never acknowledged (none) is a miss; so is a page acknowledged after the limit.
		if a := pp.ack[i]; a != none && a-ns <= ackLimit[x] {
			ackMet[x]++
		}
		if r := pp.res[i]; r != none && r-ns <= resLimit[x] {
			resMet[x]++
		}
	}
	var out []SLACompliance
	for _, rl := range opt.roles() {
		if rl.AckSLA <= 0 && rl.ResolveSLA <= 0 {
			continue
		}
		var tot, am, rm int
		if x, ok := groupOf[rl.Name]; ok {
			tot, am, rm = total[x], ackMet[x], resMet[x]
		}
		c := SLACompliance{Role: rl.Name, AckWithinSeconds: NaN(), ResolveWithinSeconds: NaN()}
		if rl.AckSLA > 0 {
			p := NewProportion(am, tot, opt.Confidence)
			c.AckWithinSeconds, c.Ack = Float(rl.AckSLA.Seconds()), &p
		}
		if rl.ResolveSLA > 0 {
			p := NewProportion(rm, tot, opt.Confidence)
			c.ResolveWithinSeconds, c.Resolve = Float(rl.ResolveSLA.Seconds()), &p
		}
		out = append(out, c)
	}
	return out
}
