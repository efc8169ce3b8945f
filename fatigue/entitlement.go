package fatigue

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/wellrested/oncall/calendar"
)

// Category is the kind of time off every entitlement is booked as, so that it lands in the
// calendar system as its own kind of absence.
const Category = "on-call recovery"

// Rule names, as used in entitlements and in policy files.
const (
	RuleWoken      = "woken-in-sleep-hours"
	RuleWeekend    = "weekend-or-holiday-work"
	RuleRest       = "daily-rest"
	RuleTimeInLieu = "time-in-lieu"
)

// Entitlement is recovery time a person is owed.
type Entitlement struct {
	Person string
	// Rule names the rule that granted it; rules that granted the same day off are joined
	// with "+".
	Rule string
	// Episodes are the IDs of the episodes that triggered it.
	Episodes []string
	// Amount is the time owed. For a day off it is the length of that working day.
	Amount time.Duration
	// AllDay marks a whole working day off (the person may use all of it, work from home or
	// start late); otherwise the time starts at EarliestStart.
	AllDay bool
	// EarliestStart is when the time off can start: the start of the working day it is for.
	EarliestStart time.Time
	// Expires is when it can no longer be taken; zero means never.
	Expires time.Time
	// Category is always Category.
	Category string
	// Capped is the time a period cap removed from Amount.
	Capped time.Duration
}

// Subject is what a policy needs to know about one person.
type Subject struct {
	Person   string
	Calendar *calendar.Calendar
	// Impacts are the person's episodes as returned by Analyze.
	Impacts []Impact

	cache *workCache // shared by the rules of one Policy.Grant
}

// work returns the calendar answers cache for the subject.
func (s Subject) work() *workCache {
	if s.cache != nil {
		return s.cache
	}
	return newWorkCache(s.Calendar)
}

// workCache remembers the calendar's answers for one person. Rules ask about episodes in
// time order, and every instant between one working start and the next has the same next
// working start, so a short list of remembered answers serves nearly every question.
type workCache struct {
	cal   *calendar.Calendar
	cur   *calendar.Cursor
	prof  calendar.Profile
	zc    zoneCache
	known []nextWork
	hint  int // index in known of the last answer // sorted by from, then next
}

// nextWork records NextWorkdayStart(t) == next for every t in [from, next), and the end of
// the working period that starts at next once asked for.
type nextWork struct {
	from, next int64
	start, end time.Time
	haveEnd    bool
}

func newWorkCache(cal *calendar.Calendar) *workCache {
	prof := cal.Profile()
	return &workCache{cal: cal, cur: cal.Cursor(), prof: prof, zc: zoneCache{loc: prof.Zone}}
}

func (c *workCache) nextStart(t time.Time) (time.Time, error) {
	if !inNanoRange(t) {
		return c.cal.NextWorkdayStart(t) // the calendar explains why not
	}
	ns := t.UnixNano()
	// Questions come in time order, so the answer is usually the last one given or the next.
	for _, j := range [2]int{c.hint, c.hint + 1} {
		if j < len(c.known) && c.known[j].from <= ns && ns < c.known[j].next {
			c.hint = j
			return c.known[j].start, nil
		}
	}
	i := sort.Search(len(c.known), func(i int) bool { return c.known[i].from > ns })
	if i > 0 && ns < c.known[i-1].next {
		c.hint = i - 1
		return c.known[i-1].start, nil
	}
	c.hint = i
	n, err := c.cal.NextWorkdayStart(t)
	if err != nil {
		return time.Time{}, err
	}
	if i < len(c.known) && c.known[i].next == n.UnixNano() {
		// The answer only grows with t: everything from t to the known stretch shares it.
		c.known[i].from = ns
		return n, nil
	}
	c.known = slices.Insert(c.known, i, nextWork{from: ns, next: n.UnixNano(), start: n})
	return n, nil
}

// dayEnd returns the end of the working period that starts at start.
func (c *workCache) dayEnd(start time.Time) (time.Time, error) {
	ns := start.UnixNano()
	i := sort.Search(len(c.known), func(i int) bool { return c.known[i].next >= ns })
	if i < len(c.known) && c.known[i].next == ns && c.known[i].haveEnd {
		return c.known[i].end, nil
	}
	e, err := c.workday(start)
	if err != nil {
		return time.Time{}, err
	}
	for ; i < len(c.known) && c.known[i].next == ns; i++ {
		c.known[i].end, c.known[i].haveEnd = e, true
	}
	return e, nil
}

// workday returns the end of the working period that starts at start: where the working
// hours end on the clock when nothing can cut them short, else walked on the calendar.
func (c *workCache) workday(start time.Time) (time.Time, error) {
	d := calendar.DateOf(start.In(c.prof.Zone))
	if !inNanoRange(start) {
		return workday(c.cal, start)
	}
	if end, ok := plainWorkEnd(c.prof, &c.zc, d, start); ok {
		return end, nil
	}
	return workday(c.cal, start)
}

// Rule grants entitlements to one person. Rules are independent; a Policy combines them.
type Rule interface {
	// Name is the rule's name as it appears in entitlements.
	Name() string
	// Grant returns the entitlements the subject earned, in order of EarliestStart.
	Grant(s Subject) ([]Entitlement, error)
}

// workday returns the working period that starts at start: its end, from the calendar.
func workday(cal *calendar.Calendar, start time.Time) (time.Time, error) {
	segs, err := cal.Segments(start, start.Add(36*time.Hour))
	if err != nil {
		return time.Time{}, err
	}
	end := start
	for s := range segs {
		if s.Class.Band() != calendar.Business {
			break
		}
		end = s.End
	}
	return end, nil
}

// idLists builds many short lists of episode IDs in one shared array: a year of
// entitlements costs a few allocations instead of one each. Each list is capped, so that
// an append by the caller copies instead of writing into the next list.
type idLists struct {
	buf   []string
	first int // where the list being built starts
}

func newIDLists(n int) idLists { return idLists{buf: make([]string, 0, n)} }

// start begins a new list with id.
func (l *idLists) start(id string) []string {
	l.first = len(l.buf)
	return l.add(id)
}

// add appends id to the list being built.
func (l *idLists) add(id string) []string {
	l.buf = append(l.buf, id)
	return l.buf[l.first:len(l.buf):len(l.buf)]
}

// dayOff is a working day granted off, built up from several episodes.
type dayOff struct {
	start    time.Time
	episodes []string
}

// daysOff turns (working-day start, episode) pairs into all-day entitlements.
func daysOff(s Subject, rule string, grants []dayOff) ([]Entitlement, error) {
	out := make([]Entitlement, 0, len(grants))
	wc := s.work()
	for _, g := range grants {
		end, err := wc.dayEnd(g.start)
		if err != nil {
			return nil, fmt.Errorf("fatigue: %s for %s: %w", rule, s.Person, err)
		}
		out = append(out, Entitlement{Person: s.Person, Rule: rule, Episodes: g.episodes, Amount: end.Sub(g.start),
			AllDay: true, EarliestStart: g.start, Expires: end, Category: Category})
	}
	return out, nil
}

// addDay adds an episode to the day off starting at start (grants are in order of start,
// and the last grant's episodes are the list ids is building).
func addDay(grants []dayOff, ids *idLists, start time.Time, id string) []dayOff {
	if n := len(grants); n > 0 && grants[n-1].start.Equal(start) {
		if !slices.Contains(grants[n-1].episodes, id) {
			grants[n-1].episodes = ids.add(id)
		}
		return grants
	}
	return append(grants, dayOff{start: start, episodes: ids.start(id)})
}

// WokenDayOff grants the next working day off to a person woken in their sleep hours: the
// working day that follows the awakening, whatever its band (weekend, holiday and leave are
// skipped). Several awakenings before the same working day grant it once.
type WokenDayOff struct{}

// Name returns RuleWoken.
func (WokenDayOff) Name() string { return RuleWoken }

// Grant implements Rule.
func (r WokenDayOff) Grant(s Subject) ([]Entitlement, error) {
	var grants []dayOff
	ids := newIDLists(len(s.Impacts))
	wc := s.work()
	for i := range s.Impacts {
		im := &s.Impacts[i]
		if !im.Woke {
			continue
		}
		next, err := wc.nextStart(im.Start)
		if err != nil {
			return nil, fmt.Errorf("fatigue: %s for %s, episode %s: %w", r.Name(), s.Person, im.ID, err)
		}
		grants = addDay(grants, &ids, next, im.ID)
	}
	return daysOff(s, r.Name(), grants)
}

// DefaultSignificantWork is the engaged time on a weekend or holiday date that earns the
// next working day off.
const DefaultSignificantWork = 60 * time.Minute

// WeekendWork grants the next working day off after significant work on weekends or public
// holidays: engaged time on non-working days adding up, over the days before one working
// day (a weekend, a long holiday weekend), to at least Threshold.
type WeekendWork struct {
	// Threshold is the engaged time that counts as significant; zero means
	// DefaultSignificantWork.
	Threshold time.Duration
}

// Name returns RuleWeekend.
func (WeekendWork) Name() string { return RuleWeekend }

// Grant implements Rule.
func (r WeekendWork) Grant(s Subject) ([]Entitlement, error) {
	threshold := r.Threshold
	if threshold <= 0 {
		threshold = DefaultSignificantWork
	}
	var grants []dayOff
	ids := newIDLists(len(s.Impacts))
	var engaged time.Duration
	var pending []string
	var target time.Time
	flush := func() {
		if engaged >= threshold {
			for _, id := range pending {
				grants = addDay(grants, &ids, target, id)
			}
		}
		engaged, pending = 0, pending[:0]
	}
	wc := s.work()
	for i := range s.Impacts {
		im := &s.Impacts[i]
		b := im.Engaged
		off := b.With(calendar.FlagWeekend) + b.With(calendar.FlagHoliday) - b.With(calendar.FlagWeekend|calendar.FlagHoliday)
		if off == 0 {
			continue
		}
		next, err := wc.nextStart(im.End)
		if err != nil {
			return nil, fmt.Errorf("fatigue: %s for %s, episode %s: %w", r.Name(), s.Person, im.ID, err)
		}
		if !next.Equal(target) {
			flush()
			target = next
		}
		engaged += off
		pending = append(pending, im.ID)
	}
	flush()
	return daysOff(s, r.Name(), grants)
}

// DefaultMinRest is the daily rest of the EU Working Time Directive (2003/88/EC, article 3):
// eleven consecutive hours in every 24.
const DefaultMinRest = 11 * time.Hour

// RestRule grants a late start when an episode outside working hours leaves less than
// MinRest before the next working start. The amount is the late start needed, at most the
// working day.
type RestRule struct {
	// MinRest is the rest owed; zero means DefaultMinRest.
	MinRest time.Duration
}

// Name returns RuleRest.
func (RestRule) Name() string { return RuleRest }

// Grant implements Rule.
func (r RestRule) Grant(s Subject) ([]Entitlement, error) {
	rest := r.MinRest
	if rest <= 0 {
		rest = DefaultMinRest
	}
	var out []Entitlement
	ids := newIDLists(len(s.Impacts))
	wc := s.work()
	for i := range s.Impacts {
		im := &s.Impacts[i]
		next, err := wc.nextStart(im.End)
		if err != nil {
			return nil, fmt.Errorf("fatigue: %s for %s, episode %s: %w", r.Name(), s.Person, im.ID, err)
		}
		late := im.End.Add(rest).Sub(next)
		if late <= 0 || wc.cur.Classify(im.End).Band() == calendar.Business {
			continue // enough rest, or it ended at work: rest starts after the working day
		}
		end, err := wc.dayEnd(next)
		if err != nil {
			return nil, fmt.Errorf("fatigue: %s for %s, episode %s: %w", r.Name(), s.Person, im.ID, err)
		}
		late = min(late, end.Sub(next))
		if n := len(out); n > 0 && out[n-1].EarliestStart.Equal(next) {
			out[n-1].Amount = max(out[n-1].Amount, late)
			out[n-1].Episodes = ids.add(im.ID)
			continue
		}
		out = append(out, Entitlement{Person: s.Person, Rule: r.Name(), Episodes: ids.start(im.ID), Amount: late,
			EarliestStart: next, Expires: end, Category: Category})
	}
	return out, nil
}

// DefaultLieuMultiplier weighs out-of-hours engaged time for time off in lieu: pages are
// unplanned work, which the usual practice pays at double time (planned out-of-hours work at
// one and a half).
const DefaultLieuMultiplier = 2.0

// TimeInLieu grants time off for engaged time outside business hours (off and sleep hours,
// weekends, holidays, leave), multiplied, one entitlement per episode.
type TimeInLieu struct {
	// Multiplier weighs the engaged time; zero means DefaultLieuMultiplier.
	Multiplier float64
	// MaxPerEpisode caps each grant; zero means no cap.
	MaxPerEpisode time.Duration
}

// Name returns RuleTimeInLieu.
func (TimeInLieu) Name() string { return RuleTimeInLieu }

// Grant implements Rule.
func (r TimeInLieu) Grant(s Subject) ([]Entitlement, error) {
	mult := r.Multiplier
	if mult <= 0 {
		mult = DefaultLieuMultiplier
	}
	n := 0
	for i := range s.Impacts {
		if outOfHours(&s.Impacts[i]) > 0 {
			n++
		}
	}
	out := make([]Entitlement, 0, n)
	ids := newIDLists(n)
	wc := s.work()
	for i := range s.Impacts {
		im := &s.Impacts[i]
		ooh := outOfHours(im)
		if ooh <= 0 {
			continue
		}
		amount := time.Duration(float64(ooh) * mult)
		var capped time.Duration
		if r.MaxPerEpisode > 0 && amount > r.MaxPerEpisode {
			amount, capped = r.MaxPerEpisode, amount-r.MaxPerEpisode
		}
		next, err := wc.nextStart(im.End)
		if err != nil {
			return nil, fmt.Errorf("fatigue: %s for %s, episode %s: %w", r.Name(), s.Person, im.ID, err)
		}
		out = append(out, Entitlement{Person: s.Person, Rule: r.Name(), Episodes: ids.start(im.ID), Amount: amount,
			EarliestStart: next, Category: Category, Capped: capped})
	}
	byStart := func(a, b Entitlement) int { return a.EarliestStart.Compare(b.EarliestStart) }
	if !slices.IsSortedFunc(out, byStart) {
		slices.SortStableFunc(out, byStart)
	}
	return out, nil
}

// outOfHours is the episode's engaged time outside business hours.
func outOfHours(im *Impact) time.Duration {
	return im.Engaged.Total() - im.Engaged.Band(calendar.Business)
}

// Period is the span a cap applies to.
type Period string

// The periods, in the person's own zone; weeks are ISO weeks (Monday to Sunday).
const (
	Week  Period = "week"
	Month Period = "month"
	Year  Period = "year"
)

// key names the period holding t in loc.
func (p Period) key(t time.Time) (string, bool) {
	switch p {
	case Week:
		y, w := t.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w), true
	case Month:
		return t.Format("2006-01"), true
	case Year:
		return t.Format("2006"), true
	}
	return "", false
}

// Cap limits the time granted per period, by one rule or (Rule empty) by all.
type Cap struct {
	Rule   string
	Period Period
	Max    time.Duration
}

// Policy is a set of rules with expiry and caps. The zero Policy grants nothing.
type Policy struct {
	Rules []Rule
	// ExpiryDays is how many calendar days (in the person's zone) after EarliestStart an
	// entitlement without its own expiry can be taken; zero means it does not expire.
	// Day-off and late-start grants expire at the end of the working day they are for.
	ExpiryDays int
	// Caps limit grants per period (by EarliestStart, in the person's zone); entitlements
	// are capped in order of EarliestStart, and keep the removed time in Capped.
	Caps []Cap
}

// ErrPolicy reports a policy that cannot be applied.
var ErrPolicy = errors.New("invalid policy")

// Validate reports every problem with the policy's own settings.
func (p Policy) Validate() error {
	var errs []error
	for i, c := range p.Caps {
		if _, ok := c.Period.key(time.Time{}); !ok {
			errs = append(errs, fmt.Errorf("fatigue: cap %d: period %q: want week, month or year: %w", i, c.Period, ErrPolicy))
		}
		if c.Max < 0 {
			errs = append(errs, fmt.Errorf("fatigue: cap %d: max %v is negative: %w", i, c.Max, ErrPolicy))
		}
	}
	for i, r := range p.Rules {
		if r == nil {
			errs = append(errs, fmt.Errorf("fatigue: rule %d is nil: %w", i, ErrPolicy))
		}
	}
	if p.ExpiryDays < 0 {
		errs = append(errs, fmt.Errorf("fatigue: expiry of %d days is negative: %w", p.ExpiryDays, ErrPolicy))
	}
	return errors.Join(errs...)
}

// Grant applies every rule to the subject, merges whole days off granted by several rules
// for the same day (a late start on a day already off joins it too), sets expiry and
// applies the caps. The result is sorted by EarliestStart, then rule.
func (p Policy) Grant(s Subject) ([]Entitlement, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if s.Calendar == nil {
		return nil, fmt.Errorf("fatigue: grant for %q: no calendar: %w", s.Person, ErrPolicy)
	}
	s.cache = s.work()
	parts := make([][]Entitlement, len(p.Rules))
	for i, r := range p.Rules {
		got, err := r.Grant(s)
		if err != nil {
			return nil, err
		}
		parts[i] = got
	}
	all := mergeDays(parts)
	for i := range all {
		if all[i].Expires.IsZero() && p.ExpiryDays > 0 {
			all[i].Expires = all[i].EarliestStart.In(s.Calendar.Location()).AddDate(0, 0, p.ExpiryDays)
		}
	}
	p.applyCaps(all, s.Calendar.Location())
	return all, nil
}

// mergeDays puts the rules' grants in order of EarliestStart (whole days first, time in
// lieu last, then rule order), folding same-day whole days off, and late starts on such
// days, into one entitlement that keeps the first rule's amount.
func mergeDays(parts [][]Entitlement) []Entitlement {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make([]Entitlement, 0, n)
	for e := range inMergeOrder(parts) {
		if n := len(out); n > 0 && out[n-1].AllDay && e.Rule != RuleTimeInLieu && out[n-1].EarliestStart.Equal(e.EarliestStart) {
			d := &out[n-1]
			d.Episodes = slices.Clip(d.Episodes) // appends below must not write into a rule's slice
			if !hasRule(d.Rule, e.Rule) {
				d.Rule += "+" + e.Rule
			}
			for _, id := range e.Episodes {
				if !slices.Contains(d.Episodes, id) {
					d.Episodes = append(d.Episodes, id)
				}
			}
			continue
		}
		out = append(out, *e)
	}
	return out
}

// mergeKey orders entitlements for mergeDays; part and index break ties by rule order.
type mergeKey struct {
	ns        int64
	rank      int
	part, idx int
}

func compareMergeKeys(a, b mergeKey) int {
	return cmp.Or(cmp.Compare(a.ns, b.ns), cmp.Compare(a.rank, b.rank), cmp.Compare(a.part, b.part), cmp.Compare(a.idx, b.idx))
}

func keyOf(parts [][]Entitlement, part, idx int) mergeKey {
	e := &parts[part][idx]
	return mergeKey{ns: e.EarliestStart.UnixNano(), rank: mergeRank(*e), part: part, idx: idx}
}

// inMergeOrder yields the entitlements of all parts in mergeKey order. Rules return their
// grants sorted by EarliestStart, so the parts are usually merged as they are; a part out
// of order is sorted first.
func inMergeOrder(parts [][]Entitlement) iter.Seq[*Entitlement] {
	return func(yield func(*Entitlement) bool) {
		var keys []mergeKey
		sorted := true
		for p := range parts {
			for i := 1; i < len(parts[p]) && sorted; i++ {
				a, b := keyOf(parts, p, i-1), keyOf(parts, p, i)
				sorted = a.ns < b.ns || a.ns == b.ns && a.rank <= b.rank
			}
		}
		if !sorted {
			for p := range parts {
				for i := range parts[p] {
					keys = append(keys, keyOf(parts, p, i))
				}
			}
			slices.SortFunc(keys, compareMergeKeys)
			for _, k := range keys {
				if !yield(&parts[k.part][k.idx]) {
					return
				}
			}
			return
		}
		next := make([]int, len(parts))       // next index in each part
		heads := make([]mergeKey, len(parts)) // the key at next, valid while next < len
		for p := range parts {
			if len(parts[p]) > 0 {
				heads[p] = keyOf(parts, p, 0)
			}
		}
		for {
			best := -1
			for p := range parts {
				if next[p] < len(parts[p]) && (best < 0 || compareMergeKeys(heads[p], heads[best]) < 0) {
					best = p
				}
			}
			if best < 0 {
				return
			}
			i := next[best]
			next[best]++
			if next[best] < len(parts[best]) {
				heads[best] = keyOf(parts, best, next[best])
			}
			if !yield(&parts[best][i]) {
				return
			}
		}
	}
}

// hasRule reports whether the "+"-joined rule names include name.
func hasRule(joined, name string) bool {
	for part := range strings.SplitSeq(joined, "+") {
		if part == name {
			return true
		}
	}
	return false
}

// mergeRank orders same-start entitlements: whole days first, so that late starts can join
// them, and time in lieu (a bank of hours, never merged) last.
func mergeRank(e Entitlement) int {
	switch {
	case e.AllDay:
		return 0
	case e.Rule == RuleTimeInLieu:
		return 2
	}
	return 1
}

func (p Policy) applyCaps(all []Entitlement, loc *time.Location) {
	for _, c := range p.Caps {
		used := map[string]time.Duration{}
		for i := range all {
			e := &all[i]
			if c.Rule != "" && !hasRule(e.Rule, c.Rule) {
				continue
			}
			k, _ := c.Period.key(e.EarliestStart.In(loc))
			room := max(0, c.Max-used[k])
			if e.Amount > room {
				e.Capped += e.Amount - room
				e.Amount = room
				e.AllDay = false // what is left is a stretch from the start of the day
			}
			used[k] += e.Amount
		}
	}
}

// Combine joins policies: all their rules and caps, and the longest expiry.
func Combine(ps ...Policy) Policy {
	var out Policy
	for _, p := range ps {
		out.Rules = append(out.Rules, p.Rules...)
		out.Caps = append(out.Caps, p.Caps...)
		out.ExpiryDays = max(out.ExpiryDays, p.ExpiryDays)
	}
	return out
}

// AutomaticDayOff is the policy that grants the next working day off, automatically, to
// anyone woken in their sleep hours or doing significant work on a weekend or holiday.
func AutomaticDayOff() Policy {
	return Policy{Rules: []Rule{WokenDayOff{}, WeekendWork{}}}
}

// EURestRule is the policy of the EU Working Time Directive's daily rest: eleven hours
// between the end of an episode and the next working start, or a late start.
func EURestRule() Policy {
	return Policy{Rules: []Rule{RestRule{}}}
}

// DefaultLieuExpiryDays is how long time off in lieu stays available in the
// TimeInLieuPolicy preset: ninety days, a common company practice (the law sets none).
const DefaultLieuExpiryDays = 90

// TimeInLieuPolicy grants out-of-hours engaged time at double time, to be taken within
// DefaultLieuExpiryDays; add Caps to limit it per period.
func TimeInLieuPolicy() Policy {
	return Policy{Rules: []Rule{TimeInLieu{}}, ExpiryDays: DefaultLieuExpiryDays}
}

// Policies chooses the policy per person: the one in Override under the person's responder
// ID, else Default. The zero Policies grants nothing.
type Policies struct {
	Default  Policy
	Override map[string]Policy
}

// For returns the policy that applies to person.
func (ps Policies) For(person string) Policy {
	if p, ok := ps.Override[person]; ok {
		return p
	}
	return ps.Default
}

// Validate reports every problem with the default and the overrides, the overrides' naming
// the person, in order of responder ID.
func (ps Policies) Validate() error {
	errs := []error{ps.Default.Validate()}
	for _, person := range slices.Sorted(maps.Keys(ps.Override)) {
		if err := ps.Override[person].Validate(); err != nil {
			errs = append(errs, fmt.Errorf("fatigue: policy for %q: %w", person, err))
		}
	}
	return errors.Join(errs...)
}

// Grant applies the subject's policy (see For) to the subject.
func (ps Policies) Grant(s Subject) ([]Entitlement, error) {
	p := ps.For(s.Person)
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("fatigue: policy for %q: %w", s.Person, err)
	}
	return p.Grant(s)
}
