package fatigue

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"math"
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
	// starts are the working starts in [lo, hi) (unix ns), when prepared; hintStart is
	// where the last search of them ended.
	starts    []listedStart
	lo, hi    int64
	hintStart int
}

// listedStart is a working start and, once asked for, the end of its working period.
type listedStart struct{ at, end int64 }

// nextWork records NextWorkdayStart(t) == next for every t in [from, next), and the end of
// the working period that starts at next once asked for; all in unix ns, so that the list
// holds no pointers for the garbage collector to follow.
type nextWork struct {
	from, next, end int64
	haveEnd         bool
}

func newWorkCache(cal *calendar.Calendar) *workCache {
	prof := cal.Profile()
	return &workCache{cal: cal, cur: cal.Cursor(), prof: prof, zc: zoneCache{loc: prof.Zone}}
}

// prepare lists the working starts over the impacts' time in one walk of the calendar
// (calendar.WorkStarts), so that nextStart answers from the list instead of walking the
// calendar once per question. The rules ask about the impacts' starts and ends only.
func (c *workCache) prepare(impacts []Impact) {
	if len(impacts) == 0 || c.starts != nil {
		return
	}
	lo, hi := impacts[0].Start, impacts[0].End
	for i := range impacts {
		lo, hi = minTime(lo, impacts[i].Start), maxTime(hi, impacts[i].End)
	}
	// Past the last end far enough to hold the working start after it, bar long leave;
	// questions the list cannot answer go to the calendar.
	hi = hi.Add(10 * 24 * time.Hour)
	if !inNanoRange(lo) || !inNanoRange(hi) || hi.Sub(lo) > 5*366*24*time.Hour {
		return
	}
	starts, err := c.cal.WorkStarts(lo, hi)
	if err != nil {
		return
	}
	c.lo, c.hi = lo.UnixNano(), hi.UnixNano()
	c.starts = make([]listedStart, len(starts))
	for i, t := range starts {
		c.starts[i].at = t.UnixNano()
	}
}

// listed returns the index in starts of the first working start after ns, if the list
// answers for ns.
func (c *workCache) listed(ns int64) (int, bool) {
	if c.starts == nil || ns < c.lo || ns >= c.hi {
		return 0, false
	}
	// Questions come roughly in time order: look near the last answer first.
	i := c.hintStart
	if i > len(c.starts) || i > 0 && c.starts[i-1].at > ns {
		i = sort.Search(len(c.starts), func(j int) bool { return c.starts[j].at > ns })
	}
	for i < len(c.starts) && c.starts[i].at <= ns {
		i++
	}
	c.hintStart = i
	return i, i < len(c.starts)
}

func (c *workCache) nextStart(t time.Time) (time.Time, error) {
	if !inNanoRange(t) {
		return c.cal.NextWorkdayStart(t) // the calendar explains why not
	}
	ns := t.UnixNano()
	if i, ok := c.listed(ns); ok {
		return c.zc.local(c.starts[i].at), nil
	}
	// Questions come in time order, so the answer is usually the last one given or the next.
	for _, j := range [2]int{c.hint, c.hint + 1} {
		if j < len(c.known) && c.known[j].from <= ns && ns < c.known[j].next {
			c.hint = j
			return c.zc.local(c.known[j].next), nil
		}
	}
	i := sort.Search(len(c.known), func(i int) bool { return c.known[i].from > ns })
	if i > 0 && ns < c.known[i-1].next {
		c.hint = i - 1
		return c.zc.local(c.known[i-1].next), nil
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
	c.known = slices.Insert(c.known, i, nextWork{from: ns, next: n.UnixNano()})
	return n, nil
}

// dayEnd returns the end of the working period that starts at start.
func (c *workCache) dayEnd(start time.Time) (time.Time, error) {
	ns := start.UnixNano()
	if i, ok := c.listed(ns - 1); ok && c.starts[i].at == ns {
		if c.starts[i].end == 0 {
			e, err := c.workday(start)
			if err != nil {
				return time.Time{}, err
			}
			c.starts[i].end = e.UnixNano()
		}
		return c.zc.local(c.starts[i].end), nil
	}
	i := sort.Search(len(c.known), func(i int) bool { return c.known[i].next >= ns })
	if i < len(c.known) && c.known[i].next == ns && c.known[i].haveEnd {
		return c.zc.local(c.known[i].end), nil
	}
	e, err := c.workday(start)
	if err != nil {
		return time.Time{}, err
	}
	for ; i < len(c.known) && c.known[i].next == ns; i++ {
		c.known[i].end, c.known[i].haveEnd = e.UnixNano(), true
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

// WokenDayOff grants the next working day off to a person woken in their sleep hours: the
// working day that follows the awakening, whatever its band (weekend, holiday and leave are
// skipped). Several awakenings before the same working day grant it once.
type WokenDayOff struct{}

// Name returns RuleWoken.
func (WokenDayOff) Name() string { return RuleWoken }

// Grant implements Rule.
func (r WokenDayOff) Grant(s Subject) ([]Entitlement, error) { return grantAlone(r, s) }

func (r WokenDayOff) decide(s Subject, wc *workCache) (decisions, error) {
	n := 0
	for i := range s.Impacts {
		if s.Impacts[i].Woke {
			n++
		}
	}
	d := decisions{rule: r.Name(), grants: make([]grant, 0, n), ids: make([]int32, 0, n)}
	for i := range s.Impacts {
		im := &s.Impacts[i]
		if !im.Woke {
			continue
		}
		next, err := wc.nextStart(im.Start)
		if err != nil {
			return decisions{}, fmt.Errorf("fatigue: %s for %s, episode %s: %w", r.Name(), s.Person, im.ID, err)
		}
		d.addDay(s.Impacts, next.UnixNano(), i)
	}
	return d, d.daysOff(s, wc)
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
func (r WeekendWork) Grant(s Subject) ([]Entitlement, error) { return grantAlone(r, s) }

func (r WeekendWork) decide(s Subject, wc *workCache) (decisions, error) {
	threshold := r.Threshold
	if threshold <= 0 {
		threshold = DefaultSignificantWork
	}
	n := 0
	for i := range s.Impacts {
		if s.Impacts[i].Engaged.anyOf(calendar.FlagWeekend|calendar.FlagHoliday) > 0 {
			n++
		}
	}
	d := decisions{rule: r.Name(), ids: make([]int32, 0, n)}
	var engaged time.Duration
	var pending []int // impacts since the last change of target
	target := int64(math.MinInt64)
	flush := func() {
		if engaged >= threshold {
			for _, i := range pending {
				d.addDay(s.Impacts, target, i)
			}
		}
		engaged, pending = 0, pending[:0]
	}
	for i := range s.Impacts {
		im := &s.Impacts[i]
		off := im.Engaged.anyOf(calendar.FlagWeekend | calendar.FlagHoliday)
		if off == 0 {
			continue
		}
		next, err := wc.nextStart(im.End)
		if err != nil {
			return decisions{}, fmt.Errorf("fatigue: %s for %s, episode %s: %w", r.Name(), s.Person, im.ID, err)
		}
		if next.UnixNano() != target {
			flush()
			target = next.UnixNano()
		}
		engaged += off
		pending = append(pending, i)
	}
	flush()
	return d, d.daysOff(s, wc)
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
func (r RestRule) Grant(s Subject) ([]Entitlement, error) { return grantAlone(r, s) }

func (r RestRule) decide(s Subject, wc *workCache) (decisions, error) {
	rest := r.MinRest
	if rest <= 0 {
		rest = DefaultMinRest
	}
	late, days, err := r.lateStarts(s, wc, rest)
	if err != nil {
		return decisions{}, err
	}
	d := decisions{rule: r.Name(), grants: make([]grant, 0, days), ids: make([]int32, 0, len(late))}
	for _, l := range late {
		if n := len(d.grants); n > 0 && d.grants[n-1].start == l.next {
			d.grants[n-1].amount = max(d.grants[n-1].amount, l.late)
			d.join(l.impact)
			continue
		}
		d.open(grant{start: l.next, expires: l.end, hasExpiry: true, amount: l.late}, l.impact)
	}
	return d, nil
}

// lateStart is an episode that left too little rest before the working period starting at
// next (unix ns) and ending at end: the start must move late by late.
type lateStart struct {
	impact    int
	next, end int64
	late      time.Duration
}

// lateStarts lists the episodes that call for a late start, in order, and counts the
// working days they fall on.
func (r RestRule) lateStarts(s Subject, wc *workCache, rest time.Duration) ([]lateStart, int, error) {
	out := make([]lateStart, 0, len(s.Impacts))
	days := 0
	for i := range s.Impacts {
		im := &s.Impacts[i]
		next, err := wc.nextStart(im.End)
		if err != nil {
			return nil, 0, fmt.Errorf("fatigue: %s for %s, episode %s: %w", r.Name(), s.Person, im.ID, err)
		}
		late := im.End.Add(rest).Sub(next)
		if late <= 0 || wc.cur.Classify(im.End).Band() == calendar.Business {
			continue // enough rest, or it ended at work: rest starts after the working day
		}
		end, err := wc.dayEnd(next)
		if err != nil {
			return nil, 0, fmt.Errorf("fatigue: %s for %s, episode %s: %w", r.Name(), s.Person, im.ID, err)
		}
		l := lateStart{impact: i, next: next.UnixNano(), end: end.UnixNano(), late: min(late, end.Sub(next))}
		if n := len(out); n == 0 || out[n-1].next != l.next {
			days++
		}
		out = append(out, l)
	}
	return out, days, nil
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
func (r TimeInLieu) Grant(s Subject) ([]Entitlement, error) { return grantAlone(r, s) }

func (r TimeInLieu) decide(s Subject, wc *workCache) (decisions, error) {
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
	d := decisions{rule: r.Name(), grants: make([]grant, 0, n), ids: make([]int32, 0, n)}
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
			return decisions{}, fmt.Errorf("fatigue: %s for %s, episode %s: %w", r.Name(), s.Person, im.ID, err)
		}
		d.open(grant{start: next.UnixNano(), amount: amount, capped: capped}, i)
	}
	byStart := func(a, b grant) int { return cmp.Compare(a.start, b.start) }
	if !slices.IsSortedFunc(d.grants, byStart) {
		slices.SortStableFunc(d.grants, byStart)
	}
	return d, nil
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
	s.cache.prepare(s.Impacts)
	parts := make([]part, len(p.Rules))
	decided := make([]decisions, len(p.Rules))
	for i, r := range p.Rules {
		if d, ok := r.(decider); ok {
			var err error
			if decided[i], err = d.decide(s, s.cache); err != nil {
				return nil, err
			}
			parts[i].dec = &decided[i]
			continue
		}
		got, err := r.Grant(s)
		if err != nil {
			return nil, err
		}
		parts[i].ents = got
	}
	all := merge(s, &s.cache.zc, parts)
	for i := range all {
		if all[i].Expires.IsZero() && p.ExpiryDays > 0 {
			all[i].Expires = all[i].EarliestStart.In(s.Calendar.Location()).AddDate(0, 0, p.ExpiryDays)
		}
	}
	p.applyCaps(all, s.Calendar.Location())
	return all, nil
}

// joinedNames remembers the "+"-joined rule names made so far: a year of merged days uses
// the same few, and each need be built once.
type joinedNames []struct{ a, b, joined string }

func (j *joinedNames) join(a, b string) string {
	for _, x := range *j {
		if x.a == a && x.b == b {
			return x.joined
		}
	}
	s := a + "+" + b
	*j = append(*j, struct{ a, b, joined string }{a, b, s})
	return s
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
