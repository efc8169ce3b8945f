package metrics

import (
	"cmp"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"pgregory.net/rapid"
)

// The single walk through each calendar must classify every page exactly as
// calendar.Calendar.Classify does, and split engaged time exactly as Split of the merged
// intervals does, in zones on both sides of UTC and across clock changes.
func TestWalkAgreesWithClassifyAndSplit(t *testing.T) {
	zones := []string{"America/New_York", "Asia/Tokyo", "Australia/Lord_Howe", "Europe/London", "Asia/Kolkata"}
	cals := map[string]*calendar.Calendar{}
	for _, z := range zones {
		loc, err := time.LoadLocation(z)
		if err != nil {
			t.Fatal(err)
		}
		cals[z] = mustCal(t, calendar.Profile{Zone: loc, Sleep: calendar.Window{From: calendar.At(23, 30), To: calendar.At(7, 0)},
			Leave: []calendar.Interval{{Start: at("2026-03-28T00:00:00Z"), End: at("2026-04-02T00:00:00Z")}}})
	}
	base := at("2026-03-01T00:00:00Z") // spans the March and April clock changes
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(1, 40).Draw(rt, "n")
		in := Input{Calendars: cals}
		for i := range n {
			trig := base.Add(time.Duration(rapid.Int64Range(0, int64(60*24*time.Hour)).Draw(rt, "t")))
			p := oncall.Page{IncidentID: "i", Responder: rapid.SampledFrom(zones).Draw(rt, "who"), Triggered: trig}
			if rapid.Bool().Draw(rt, "resolved") {
				p.Resolved = trig.Add(time.Duration(rapid.Int64Range(0, int64(30*time.Hour)).Draw(rt, "d")))
			}
			_ = i
			in.Pages = append(in.Pages, p)
		}
		pp, err := prepare(in, Options{}, true)
		if err != nil {
			rt.Fatal(err)
		}
		w, err := pp.walkCalendars()
		if err != nil {
			rt.Fatal(err)
		}
		for i, p := range in.Pages {
			if want := cals[p.Responder].Classify(p.Triggered); w.classes[i] != want {
				rt.Fatalf("page %d at %v: class %v, Classify says %v", i, p.Triggered, w.classes[i], want)
			}
		}
		for r, idx := range pp.byResp {
			ivs, _ := pp.engagedIntervals(idx, nil)
			var want calendar.Breakdown
			for _, iv := range ivs {
				if err := cals[pp.responder.keys[r]].SplitInto(&want, time.Unix(0, iv[0]), time.Unix(0, iv[1])); err != nil {
					rt.Fatal(err)
				}
			}
			if w.engaged[r] != want {
				rt.Fatalf("responder %s: engaged %v, Split says %v", pp.responder.keys[r], w.engaged[r], want)
			}
		}
	})
}

func TestRadixSortIsStableSort(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		keys := rapid.SliceOf(rapid.Uint64Range(0, 1<<50)).Draw(rt, "keys")
		if rapid.Bool().Draw(rt, "small") {
			for i := range keys {
				keys[i] %= 7 // many ties
			}
		}
		xs := make([]keyed, len(keys))
		for i, k := range keys {
			xs[i] = keyed{key: k, page: int32(i)}
		}
		want := slices.Clone(xs)
		slices.SortStableFunc(want, func(a, b keyed) int { return cmp.Compare(a.key, b.key) })
		if got := radixSort(xs, nil); !slices.Equal(got, want) {
			rt.Fatalf("radix %v, want %v", got, want)
		}
	})
}

// groupStats must give exactly what describeSorted gives on each group's own sorted sample,
// for every quantile method, with ties and tiny groups.
func TestGroupStatsEqualsDescribe(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(0, 200).Draw(rt, "n")
		groups := rapid.IntRange(1, 6).Draw(rt, "groups")
		m := QuantileMethod(rapid.IntRange(0, 9).Draw(rt, "m"))
		g := grouping{keys: make([]string, groups), group: make([]int32, n)}
		var ks []keyed
		for i := range n {
			g.group[i] = int32(rapid.IntRange(0, groups-1).Draw(rt, "g"))
			ks = append(ks, keyed{key: uint64(rapid.IntRange(0, 50).Draw(rt, "v")) * 1e8, page: int32(i)})
		}
		ks = radixSort(ks, nil)
		ts := sortedTimes{}
		per := make([][]float64, groups)
		for _, k := range ks {
			secs := time.Duration(k.key).Seconds()
			ts.pages, ts.secs = append(ts.pages, k.page), append(ts.secs, secs)
			per[g.group[k.page]] = append(per[g.group[k.page]], secs)
		}
		got := groupStats(g, ts, m)
		for x := range groups {
			want := describeSorted(per[x], m)
			if fmt.Sprint(got[x]) != fmt.Sprint(want) {
				rt.Fatalf("group %d: %+v, want %+v", x, got[x], want)
			}
		}
	})
}
