package metrics

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"time"

	"github.com/wellrested/oncall/calendar"
)

// prepared holds the pages as columns, read once: times in unix nanoseconds and group
// numbers, so each summary is a few tight loops over arrays instead of a pass over the
// page structs and a map lookup per page.
type prepared struct {
	in   Input
	trig []int64
	ack  []int64 // -1 when never acknowledged
	res  []int64 // -1 when unresolved
	// Groupings of the pages.
	responder, role, service, team grouping
	inc                            incidents
	// byTime lists all pages sorted by trigger.
	byTime []int32
	// byResp lists each responder's pages sorted by trigger; responders in key order of
	// responder grouping.
	byResp [][]int32
	// keys and scratch are the radix sort's two buffers, shared by every sort.
	keys, scratch []keyed
	// period caches the grouping by period of the last periods call.
	period struct {
		p     Period
		loc   *time.Location
		g     grouping
		first int64
	}
}

const none = -1

// prepare checks opt and in and turns in into columns in one pass over the pages.
// Calendars are checked when needCal is set.
func prepare(in Input, opt Options, needCal bool) (*prepared, error) {
	if err := opt.Check(); err != nil {
		return nil, err
	}
	if err := checkShifts(in.Shifts); err != nil {
		return nil, err
	}
	n := len(in.Pages)
	if n > math.MaxInt32 {
		return nil, fmt.Errorf("metrics: %d pages, more than %d: %w", n, math.MaxInt32, ErrInvalidRecord)
	}
	pp := &prepared{in: in, trig: make([]int64, n), ack: make([]int64, n), res: make([]int64, n),
		keys: make([]keyed, n), scratch: make([]keyed, n)}
	resp, role, svc := newInterner(), newInterner(), newInterner()
	pp.responder.group = make([]int32, n)
	pp.role.group = make([]int32, n)
	pp.service.group = make([]int32, n)
	byHash := pp.keys
	seed := maphash.MakeSeed()
	firstPage := []int{} // per responder group: the first page, for error messages
	for i := range in.Pages {
		p := &in.Pages[i]
		if err := checkPage(i, p); err != nil {
			return nil, err
		}
		pp.trig[i] = p.Triggered.UnixNano()
		pp.ack[i], pp.res[i] = unixOrNone(p.Acknowledged), unixOrNone(p.Resolved)
		r := resp.id(p.Responder)
		if int(r) == len(firstPage) {
			firstPage = append(firstPage, i)
		}
		pp.responder.group[i] = r
		pp.role.group[i] = role.id(p.Role)
		pp.service.group[i] = svc.id(p.Service)
		// 32 bits of hash: three radix passes; the rare collisions are split by ID later.
		byHash[i] = keyed{key: maphash.String(seed, p.IncidentID) >> 32, page: int32(i)}
	}
	pp.responder.keys, pp.role.keys, pp.service.keys = resp.keys, role.keys, svc.keys
	if needCal {
		for r, id := range pp.responder.keys {
			if in.Calendars[id] == nil {
				i := firstPage[r]
				return nil, &RecordError{Kind: "page", Index: i, ID: in.Pages[i].IncidentID,
					Err: fmt.Errorf("responder %q: %w", id, ErrNoCalendar)}
			}
		}
	}
	pp.team = pp.teams()
	pp.inc = groupIncidents(in.Pages, radixSort(byHash, pp.scratch))
	pp.byTime = pp.timeOrder()
	pp.byResp = pp.responderPages()
	return pp, nil
}

func unixOrNone(t time.Time) int64 {
	if t.IsZero() {
		return none
	}
	return t.UnixNano()
}

// teams maps the responder grouping to teams without a lookup per page.
func (pp *prepared) teams() grouping {
	t := newInterner()
	of := make([]int32, len(pp.responder.keys))
	for r, id := range pp.responder.keys {
		of[r] = t.id(pp.in.Teams[id])
	}
	g := grouping{keys: t.keys, group: make([]int32, len(pp.responder.group))}
	for i, r := range pp.responder.group {
		g.group[i] = of[r]
	}
	return g
}

// timeOrder sorts the pages by trigger.
func (pp *prepared) timeOrder() []int32 {
	ks := pp.keys[:len(pp.trig)]
	for i, t := range pp.trig {
		ks[i] = keyed{key: uint64(t) ^ 1<<63, page: int32(i)} // flip the sign bit: order as int64
	}
	ks = radixSort(ks, pp.scratch)
	out := make([]int32, len(ks))
	for i, k := range ks {
		out[i] = k.page
	}
	return out
}

// responderPages buckets the time-ordered pages by responder with a stable counting sort, so
// each responder's list comes out in trigger order.
func (pp *prepared) responderPages() [][]int32 {
	ordered := make([]int32, len(pp.byTime))
	for i, p := range pp.byTime {
		ordered[i] = pp.responder.group[p]
	}
	lists := bucket(ordered, len(pp.responder.keys))
	for i, pos := range lists.pages {
		lists.pages[i] = pp.byTime[pos]
	}
	out := make([][]int32, len(pp.responder.keys))
	for r := range out {
		out[r] = lists.pages[lists.start[r]:lists.start[r+1]]
	}
	return out
}

// responderOrder returns responder group numbers sorted by ID.
func (pp *prepared) responderOrder() []int {
	order := make([]int, len(pp.responder.keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(pp.responder.keys[a], pp.responder.keys[b]) })
	return order
}

// walked is what one walk through a responder's calendar finds.
type walked struct {
	classes    []calendar.Class // per page of Input.Pages
	engaged    []calendar.Breakdown
	unresolved []int
}

// walkCalendars classifies every page and splits every engaged interval by walking each
// responder's calendar once, over the span of their pages, merging the calendar's segments
// with the sorted pages. One walk per person is far cheaper than a lookup per page.
func (pp *prepared) walkCalendars() (walked, error) {
	w := walked{classes: make([]calendar.Class, len(pp.trig)),
		engaged: make([]calendar.Breakdown, len(pp.byResp)), unresolved: make([]int, len(pp.byResp))}
	var ivs [][2]int64 // reused: one responder's intervals at a time
	for r, idx := range pp.byResp {
		id := pp.responder.keys[r]
		var unresolved int
		ivs, unresolved = pp.engagedIntervals(idx, ivs[:0])
		w.unresolved[r] = unresolved
		if err := walkOne(pp.in.Calendars[id], pp.trig, idx, ivs, w.classes, &w.engaged[r]); err != nil {
			return walked{}, fmt.Errorf("metrics: responder %q: %w", id, err)
		}
	}
	return w, nil
}

// engagedIntervals merges the resolved pages' [trigger, resolve) intervals of one responder
// (idx sorted by trigger) into disjoint intervals, appended to out, and counts the
// unresolved pages.
func (pp *prepared) engagedIntervals(idx []int32, out [][2]int64) ([][2]int64, int) {
	unresolved := 0
	for _, i := range idx {
		s, e := pp.trig[i], pp.res[i]
		if e == none {
			unresolved++
			continue
		}
		if k := len(out) - 1; k >= 0 && s <= out[k][1] {
			out[k][1] = max(out[k][1], e)
			continue
		}
		out = append(out, [2]int64{s, e})
	}
	return out, unresolved
}

func walkOne(c *calendar.Calendar, trig []int64, idx []int32, ivs [][2]int64, classes []calendar.Class, bd *calendar.Breakdown) error {
	if len(idx) == 0 {
		return nil
	}
	from, to := trig[idx[0]], trig[idx[len(idx)-1]]+1
	if len(ivs) > 0 {
		to = max(to, ivs[len(ivs)-1][1])
	}
	segs, err := c.Segments(time.Unix(0, from), time.Unix(0, to))
	if err != nil {
		return err
	}
	pi, vi := 0, 0
	for seg := range segs {
		s, e := seg.Start.UnixNano(), seg.End.UnixNano()
		for pi < len(idx) && trig[idx[pi]] < e {
			classes[idx[pi]] = seg.Class
			pi++
		}
		for vi < len(ivs) && ivs[vi][0] < e {
			lo, hi := max(ivs[vi][0], s), min(ivs[vi][1], e)
			if hi > lo {
				bd.Add(seg.Class, time.Duration(hi-lo))
			}
			if ivs[vi][1] > e {
				break
			}
			vi++
		}
	}
	return nil
}

// inNanoRange bounds the instants whose unix nanoseconds fit in an int64, as the calendar
// does (years 1678 to 2261).
func inNanoRange(t time.Time) bool {
	const limit = math.MaxInt64/int64(time.Second) - 1
	return t.Unix() > -limit && t.Unix() < limit
}
