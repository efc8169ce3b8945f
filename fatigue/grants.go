package fatigue

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"time"
)

// grant is an entitlement as one of this package's rules decides it, before it is written
// out: without pointers and a third of the size of an Entitlement, since a year of them
// passes through each rule's list and then the merge of the rules' lists.
type grant struct {
	start, expires int64 // EarliestStart and, when hasExpiry, Expires, in unix ns
	amount, capped time.Duration
	first, n       int32 // the episodes: ids[first:first+n] of the rule's decisions
	allDay         bool
	hasExpiry      bool
}

// decisions are the grants of one rule, with the impact indices their episode lists are
// stretches of.
type decisions struct {
	rule   string
	grants []grant
	ids    []int32
}

// decider is a rule of this package: it decides its grants in the compact form, and its
// Grant writes them out.
type decider interface {
	Rule
	decide(s Subject, wc *workCache) (decisions, error)
}

// open appends g with impact i as its first episode.
func (d *decisions) open(g grant, i int) {
	g.first, g.n = int32(len(d.ids)), 1
	d.ids = append(d.ids, int32(i))
	d.grants = append(d.grants, g)
}

// join adds impact i to the last grant's episodes (its list is the last stretch of ids).
func (d *decisions) join(i int) {
	d.ids = append(d.ids, int32(i))
	d.grants[len(d.grants)-1].n++
}

// lastLists reports whether the last grant lists an episode with the ID id.
func (d *decisions) lastLists(impacts []Impact, id string) bool {
	g := &d.grants[len(d.grants)-1]
	for _, k := range d.ids[g.first : g.first+g.n] {
		if impacts[k].ID == id {
			return true
		}
	}
	return false
}

// addDay adds impact i to the whole day off that starts at start (unix ns): to the last
// grant when it is for that day (grants come in order of start), else to a new one.
func (d *decisions) addDay(impacts []Impact, start int64, i int) {
	if n := len(d.grants); n > 0 && d.grants[n-1].start == start {
		if !d.lastLists(impacts, impacts[i].ID) {
			d.join(i)
		}
		return
	}
	d.open(grant{start: start, allDay: true}, i)
}

// daysOff sets the amount and expiry of each whole day off: the working day it is for.
func (d *decisions) daysOff(s Subject, wc *workCache) error {
	for i := range d.grants {
		g := &d.grants[i]
		start := wc.zc.local(g.start)
		end, err := wc.dayEnd(start)
		if err != nil {
			return fmt.Errorf("fatigue: %s for %s: %w", d.rule, s.Person, err)
		}
		g.amount, g.expires, g.hasExpiry = end.Sub(start), end.UnixNano(), true
	}
	return nil
}

// grantAlone is Grant for a rule of this package on its own.
func grantAlone(r decider, s Subject) ([]Entitlement, error) {
	wc := s.work()
	d, err := r.decide(s, wc)
	if err != nil {
		return nil, err
	}
	return merge(s, &wc.zc, []part{{dec: &d}}), nil
}

// part is one rule's grants in a merge: the decisions of a rule of this package, or the
// entitlements of any other rule.
type part struct {
	dec  *decisions
	ents []Entitlement
}

func (p *part) len() int {
	if p.dec != nil {
		return len(p.dec.grants)
	}
	return len(p.ents)
}

// key returns the merge key of grant i of part number pi.
func (p *part) key(pi, i int) mergeKey {
	if p.dec == nil {
		e := &p.ents[i]
		return mergeKey{ns: e.EarliestStart.UnixNano(), rank: mergeRank(e.AllDay, e.Rule), part: pi, idx: i}
	}
	g := &p.dec.grants[i]
	return mergeKey{ns: g.start, rank: mergeRank(g.allDay, p.dec.rule), part: pi, idx: i}
}

// writer writes grants out as entitlements, their episode lists stretches of one array.
type writer struct {
	s   Subject
	zc  *zoneCache
	ids []string
}

// entitlement returns grant i of p as an entitlement.
func (w *writer) entitlement(p *part, i int) Entitlement {
	if p.dec == nil {
		return p.ents[i]
	}
	d, g := p.dec, &p.dec.grants[i]
	first := len(w.ids)
	for _, k := range d.ids[g.first : g.first+g.n] {
		w.ids = append(w.ids, w.s.Impacts[k].ID)
	}
	e := Entitlement{Person: w.s.Person, Rule: d.rule, Episodes: w.ids[first:len(w.ids):len(w.ids)], Amount: g.amount,
		AllDay: g.allDay, EarliestStart: w.zc.local(g.start), Category: Category, Capped: g.capped}
	if g.hasExpiry {
		e.Expires = w.zc.local(g.expires)
	}
	return e
}

// episodes calls fn with the episode IDs of grant i of p.
func (w *writer) episodes(p *part, i int, fn func(id string)) {
	if p.dec == nil {
		for _, id := range p.ents[i].Episodes {
			fn(id)
		}
		return
	}
	g := &p.dec.grants[i]
	for _, k := range p.dec.ids[g.first : g.first+g.n] {
		fn(w.s.Impacts[k].ID)
	}
}

// merge puts the rules' grants in order of EarliestStart (whole days first, time in lieu
// last, then rule order), folding same-day whole days off, and late starts on such days,
// into one entitlement that keeps the first rule's amount.
func merge(s Subject, zc *zoneCache, parts []part) []Entitlement {
	n, ids := 0, 0
	for i := range parts {
		n += parts[i].len()
		if d := parts[i].dec; d != nil {
			ids += len(d.ids)
		}
	}
	out := make([]Entitlement, 0, n)
	w := writer{s: s, zc: zc, ids: make([]string, 0, ids)}
	var names joinedNames
	for k := range inMergeOrder(parts) {
		p := &parts[k.part]
		rule, start := p.rule(k.idx), p.start(zc, k.idx)
		if n := len(out); n > 0 && out[n-1].AllDay && rule != RuleTimeInLieu && out[n-1].EarliestStart.Equal(start) {
			d := &out[n-1]
			d.Episodes = slices.Clip(d.Episodes) // appends below must not write into another list
			if !hasRule(d.Rule, rule) {
				d.Rule = names.join(d.Rule, rule)
			}
			w.episodes(p, k.idx, func(id string) {
				if !slices.Contains(d.Episodes, id) {
					d.Episodes = append(d.Episodes, id)
				}
			})
			continue
		}
		out = append(out, w.entitlement(p, k.idx))
	}
	return out
}

// rule returns the rule name of grant i.
func (p *part) rule(i int) string {
	if p.dec == nil {
		return p.ents[i].Rule
	}
	return p.dec.rule
}

// start returns the EarliestStart of grant i.
func (p *part) start(zc *zoneCache, i int) time.Time {
	if p.dec == nil {
		return p.ents[i].EarliestStart
	}
	return zc.local(p.dec.grants[i].start)
}

// mergeKey orders grants for merge; part and index break ties by rule order.
type mergeKey struct {
	ns        int64
	rank      int
	part, idx int
}

func compareMergeKeys(a, b mergeKey) int {
	return cmp.Or(cmp.Compare(a.ns, b.ns), cmp.Compare(a.rank, b.rank), cmp.Compare(a.part, b.part), cmp.Compare(a.idx, b.idx))
}

// mergeRank orders same-start grants: whole days first, so that late starts can join them,
// and time in lieu (a bank of hours, never merged) last.
func mergeRank(allDay bool, rule string) int {
	switch {
	case allDay:
		return 0
	case rule == RuleTimeInLieu:
		return 2
	}
	return 1
}

// inMergeOrder yields the keys of the grants of all parts in order. Rules return their
// grants sorted by EarliestStart, so the parts are usually merged as they are; when a part
// is out of order, all are sorted.
func inMergeOrder(parts []part) iter.Seq[mergeKey] {
	return func(yield func(mergeKey) bool) {
		sorted := true
		for pi := range parts {
			p := &parts[pi]
			for i := 1; i < p.len() && sorted; i++ {
				a, b := p.key(pi, i-1), p.key(pi, i)
				sorted = a.ns < b.ns || a.ns == b.ns && a.rank <= b.rank
			}
		}
		if !sorted {
			var keys []mergeKey
			for pi := range parts {
				for i := range parts[pi].len() {
					keys = append(keys, parts[pi].key(pi, i))
				}
			}
			slices.SortFunc(keys, compareMergeKeys)
			for _, k := range keys {
				if !yield(k) {
					return
				}
			}
			return
		}
		next := make([]int, len(parts))       // next index in each part
		heads := make([]mergeKey, len(parts)) // the key at next, valid while next < len
		for pi := range parts {
			if parts[pi].len() > 0 {
				heads[pi] = parts[pi].key(pi, 0)
			}
		}
		for {
			best := -1
			for pi := range parts {
				if next[pi] < parts[pi].len() && (best < 0 || compareMergeKeys(heads[pi], heads[best]) < 0) {
					best = pi
				}
			}
			if best < 0 {
				return
			}
			k := heads[best]
			next[best]++
			if next[best] < parts[best].len() {
				heads[best] = parts[best].key(best, next[best])
			}
			if !yield(k) {
				return
			}
		}
	}
}
