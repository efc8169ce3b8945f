package fatigue

import (
	"cmp"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	oncall "github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"pgregory.net/rapid"
)

// genBusyCal draws a calendar with public holidays, a half-day and leave, so that working
// starts move around.
func genBusyCal(t *rapid.T) *calendar.Calendar {
	zones := []struct{ zone, region string }{{"Europe/London", "GB"}, {"America/New_York", "US"}, {"Asia/Tokyo", "JP"}, {"Australia/Sydney", "AU-NSW"}, {"UTC", ""}}
	z := rapid.SampledFrom(zones).Draw(t, "zone")
	loc, err := time.LoadLocation(z.zone)
	if err != nil {
		t.Fatal(err)
	}
	p := calendar.Profile{Zone: loc, Region: z.region,
		WorkingHours: calendar.Window{From: calendar.At(rapid.IntRange(0, 23).Draw(t, "work from"), 0), To: calendar.At(rapid.IntRange(0, 23).Draw(t, "work to"), 30)},
		HalfDays:     []calendar.HalfDay{{Date: calendar.Date{Year: 2026, Month: time.December, Day: 24}, Until: calendar.At(12, 0)}}}
	if rapid.Bool().Draw(t, "leave") {
		d := rapid.IntRange(1, 300).Draw(t, "leave day")
		from := calendar.Date{Year: 2026, Month: 1, Day: 1}.AddDays(d)
		p.Leave = []calendar.Interval{calendar.LeaveDays(from, from.AddDays(rapid.IntRange(0, 20).Draw(t, "leave days")), loc)}
	}
	cal, err := calendar.New(p)
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

// genImpacts draws a year of episodes (sorted, not overlapping) and analyzes them.
func genImpacts(t *rapid.T, cal *calendar.Calendar) []Impact {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.IntRange(0, 600).Draw(t, "first")) * time.Hour)
	var eps []Episode
	for i := range rapid.IntRange(1, 60).Draw(t, "episodes") {
		at = at.Add(time.Duration(rapid.IntRange(1, 200*60).Draw(t, "gap minutes")) * time.Minute)
		end := at.Add(time.Duration(rapid.IntRange(1, 300).Draw(t, "minutes")) * time.Minute)
		eps = append(eps, ep(string(rune('a'+i%26))+at.Format(time.RFC3339), at, end))
		at = end
	}
	ims, err := Analyze(cal, eps, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ims
}

// TestWorkCacheListMatchesCalendar: the working starts listed once for a person's impacts
// answer every question the rules ask exactly as the calendar does when asked each time.
func TestWorkCacheListMatchesCalendar(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cal := genBusyCal(t)
		ims := genImpacts(t, cal)
		fast := newWorkCache(cal)
		fast.prepare(ims)
		if fast.starts == nil {
			t.Fatalf("no list prepared")
		}
		for i := range ims {
			for _, at := range []time.Time{ims[i].Start, ims[i].End} {
				want, werr := cal.NextWorkdayStart(at)
				got, gerr := fast.nextStart(at)
				if (werr != nil) != (gerr != nil) || got != want {
					t.Fatalf("next start after %v: got %v (%v), calendar %v (%v)", at, got, gerr, want, werr)
				}
				if werr != nil {
					continue
				}
				wantEnd, werr := workday(cal, want)
				gotEnd, gerr := fast.dayEnd(got)
				if (werr != nil) != (gerr != nil) || !gotEnd.Equal(wantEnd) {
					t.Fatalf("end of the working day from %v: got %v (%v), calendar %v (%v)", got, gotEnd, gerr, wantEnd, werr)
				}
			}
		}
	})
}

// TestGrantPreparedMatchesRules: Policy.Grant (whose rules of this package share a prepared
// list of working starts and are merged in their compact form) grants what the rules grant
// one by one, asking the calendar every time, merged by referenceMerge; with a rule from
// elsewhere among them too.
func TestGrantPreparedMatchesRules(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cal := genBusyCal(t)
		s := Subject{Person: "p", Calendar: cal, Impacts: genImpacts(t, cal)}
		policy := Combine(AutomaticDayOff(), EURestRule(), TimeInLieuPolicy())
		if rapid.Bool().Draw(t, "rule from elsewhere") {
			policy.Rules = append(policy.Rules, everyThird{})
		}
		policy.Rules = rapid.Permutation(policy.Rules).Draw(t, "rule order")
		got, err := policy.Grant(s)
		if err != nil {
			t.Fatal(err)
		}
		parts := make([][]Entitlement, len(policy.Rules))
		for i, r := range policy.Rules {
			if parts[i], err = r.Grant(s); err != nil {
				t.Fatal(err)
			}
		}
		want := referenceMerge(parts)
		for i := range want {
			if want[i].Expires.IsZero() {
				want[i].Expires = want[i].EarliestStart.In(cal.Location()).AddDate(0, 0, DefaultLieuExpiryDays)
			}
		}
		if len(got) != len(want) {
			t.Fatalf("%d entitlements, want %d", len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.Person != w.Person || g.Rule != w.Rule || g.Amount != w.Amount || g.AllDay != w.AllDay || g.EarliestStart != w.EarliestStart ||
				g.Expires != w.Expires || g.Category != w.Category || g.Capped != w.Capped || !slices.Equal(g.Episodes, w.Episodes) {
				t.Fatalf("entitlement %d: got %+v, want %+v", i, g, w)
			}
		}
	})
}

// everyThird is a rule from outside the package: a whole day off at the working start
// after every third episode.
type everyThird struct{}

func (everyThird) Name() string { return "every-third" }

func (everyThird) Grant(s Subject) ([]Entitlement, error) {
	var out []Entitlement
	for i := 0; i < len(s.Impacts); i += 3 {
		next, err := s.Calendar.NextWorkdayStart(s.Impacts[i].End)
		if err != nil {
			return nil, err
		}
		if n := len(out); n > 0 && out[n-1].EarliestStart.Equal(next) {
			continue
		}
		out = append(out, Entitlement{Person: s.Person, Rule: "every-third", Episodes: []string{s.Impacts[i].ID},
			Amount: time.Hour, AllDay: true, EarliestStart: next, Category: Category})
	}
	return out, nil
}

// referenceMerge is the merge of Policy.Grant written plainly: every grant sorted by start,
// whole days first and time in lieu last, then rule order; then each whole day takes in the
// grants (other than time in lieu) that follow it at the same start.
func referenceMerge(parts [][]Entitlement) []Entitlement {
	type item struct {
		e         Entitlement
		part, idx int
	}
	rank := func(e Entitlement) int {
		switch {
		case e.AllDay:
			return 0
		case e.Rule == RuleTimeInLieu:
			return 2
		}
		return 1
	}
	var all []item
	for p := range parts {
		for i, e := range parts[p] {
			all = append(all, item{e, p, i})
		}
	}
	slices.SortFunc(all, func(a, b item) int {
		return cmp.Or(a.e.EarliestStart.Compare(b.e.EarliestStart), cmp.Compare(rank(a.e), rank(b.e)),
			cmp.Compare(a.part, b.part), cmp.Compare(a.idx, b.idx))
	})
	var out []Entitlement
	for _, it := range all {
		e := it.e
		if n := len(out); n > 0 && out[n-1].AllDay && e.Rule != RuleTimeInLieu && out[n-1].EarliestStart.Equal(e.EarliestStart) {
			d := &out[n-1]
			d.Episodes = slices.Clone(d.Episodes)
			if !slices.Contains(strings.Split(d.Rule, "+"), e.Rule) {
				d.Rule += "+" + e.Rule
			}
			for _, id := range e.Episodes {
				if !slices.Contains(d.Episodes, id) {
					d.Episodes = append(d.Episodes, id)
				}
			}
			continue
		}
		out = append(out, e)
	}
	return out
}

// TestClassTimesAgreesWithBreakdown: ClassTimes answers every question as the Breakdown it
// was made from, in memory and in JSON, with few classes and with many.
func TestClassTimesAgreesWithBreakdown(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var b calendar.Breakdown
		var ct ClassTimes
		for range rapid.IntRange(0, 2*calendar.NumClasses).Draw(t, "entries") {
			c := calendar.Class(rapid.IntRange(0, calendar.NumClasses-1).Draw(t, "class"))
			d := time.Duration(rapid.Int64Range(1, int64(48*time.Hour)).Draw(t, "duration"))
			b.Add(c, d)
			ct.add(c, d)
		}
		if ct.Breakdown() != b {
			t.Fatalf("round trip: %v, want %v", ct.Breakdown(), b)
		}
		for i := range calendar.NumClasses {
			if c := calendar.Class(i); ct.Of(c) != b.Of(c) {
				t.Fatalf("Of(%v) = %v, want %v", c, ct.Of(c), b.Of(c))
			}
		}
		for _, x := range calendar.Bands() {
			if ct.Band(x) != b.Band(x) {
				t.Fatalf("Band(%v) = %v, want %v", x, ct.Band(x), b.Band(x))
			}
		}
		for f := calendar.Flags(0); f < 8; f++ {
			if ct.With(f) != b.With(f) {
				t.Fatalf("With(%v) = %v, want %v", f, ct.With(f), b.With(f))
			}
			// anyOf: inclusion-exclusion over the breakdown's With.
			var want time.Duration
			for g := calendar.Flags(1); g < 8; g++ {
				if g&f != g {
					continue
				}
				sign := time.Duration(-1)
				if bits(uint8(g))%2 == 1 {
					sign = 1
				}
				want += sign * b.With(g)
			}
			if got := ct.anyOf(f); got != want {
				t.Fatalf("anyOf(%v) = %v, want %v", f, got, want)
			}
		}
		if ct.Total() != b.Total() {
			t.Fatalf("Total = %v, want %v", ct.Total(), b.Total())
		}
		var sum calendar.Breakdown
		ct.addTo(&sum)
		if sum != b {
			t.Fatalf("addTo: %v, want %v", sum, b)
		}
		gj, _ := json.Marshal(ct)
		wj, _ := json.Marshal(b)
		if string(gj) != string(wj) {
			t.Fatalf("JSON %s, want %s", gj, wj)
		}
	})
}

func bits(v uint8) int {
	n := 0
	for ; v > 0; v &= v - 1 {
		n++
	}
	return n
}

// TestDaysMatchesDayByDay: Scorer.Days, which carries its searches of the impacts from one
// day to the next, scores every day as a fresh start on that day alone does.
func TestDaysMatchesDayByDay(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cal := genBusyCal(t)
		ims := genImpacts(t, cal)
		m := Model{Params: IngreParams()}
		if rapid.Bool().Draw(t, "debt") {
			m.Debt = DefaultDebt()
		}
		from := calendar.Date{Year: 2026, Month: 1, Day: 1}
		fc, err := m.Forecast(cal, ims, from, from.AddDays(rapid.IntRange(0, 60).Draw(t, "days")))
		if err != nil {
			t.Fatal(err)
		}
		days, err := Scorer{}.Days(fc, ims)
		if err != nil {
			t.Fatal(err)
		}
		for _, got := range days {
			scr := dayScratch{cur: cal.Cursor()}
			want, err := Scorer{}.day(fc, ims, got.Date, map[statsKey]baseDay{}, &scr)
			if err != nil {
				t.Fatal(err)
			}
			if got.Score != want.Score || got.SleepLost != want.SleepLost || got.ExtraSleepy != want.ExtraSleepy ||
				got.ExtraSleepiness != want.ExtraSleepiness || len(got.Contributions) != len(want.Contributions) {
				t.Fatalf("%s: %+v, day alone %+v", got.Date, got, want)
			}
			for i := range got.Contributions {
				if got.Contributions[i] != want.Contributions[i] {
					t.Fatalf("%s contribution %d: %+v, day alone %+v", got.Date, i, got.Contributions[i], want.Contributions[i])
				}
			}
		}
	})
}

// TestSortByTimeMatchesSort: the radix sort of pages by time orders them exactly as sorting
// with the comparison does, ties in time (by incident ID, then index) included.
func TestSortByTimeMatchesSort(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 400).Draw(t, "pages")
		spread := rapid.SampledFrom([]int64{1, 10, int64(time.Hour), int64(366 * 24 * time.Hour), math.MaxInt64 / 4}).Draw(t, "spread")
		base := rapid.Int64Range(math.MinInt64/4, math.MaxInt64/4).Draw(t, "base")
		pages := make([]oncall.Page, n)
		keys := make([]pageKey, n)
		for i := range keys {
			pages[i].IncidentID = rapid.SampledFrom([]string{"a", "b", "c"}).Draw(t, "incident")
			keys[i] = pageKey{ns: base + rapid.Int64Range(0, spread).Draw(t, "offset"), idx: i}
		}
		byTime := func(a, b pageKey) int {
			if a.ns != b.ns {
				return cmp.Compare(a.ns, b.ns)
			}
			return cmp.Or(cmp.Compare(pages[a.idx].IncidentID, pages[b.idx].IncidentID), cmp.Compare(a.idx, b.idx))
		}
		want := slices.Clone(keys)
		slices.SortFunc(want, byTime)
		sortByTime(keys, byTime)
		if !slices.Equal(keys, want) {
			t.Fatalf("radix order %v, want %v", keys, want)
		}
	})
}
