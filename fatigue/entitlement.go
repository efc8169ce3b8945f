package fatigue

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
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
	return &workCache{cal: s.Calendar, ends: map[int64]time.Time{}}
}

// workCache remembers the calendar's answers for one person. Rules ask about episodes in
// time order, and every instant between one working start and the next has the same next
// working start, so one remembered answer serves most questions.
type workCache struct {
	cal        *calendar.Calendar
	from, next time.Time // NextWorkdayStart(t) == next for t in [from, next)
	ends       map[int64]time.Time
}

func (c *workCache) nextStart(t time.Time) (time.Time, error) {
	if !c.next.IsZero() && !t.Before(c.from) && t.Before(c.next) {
		return c.next, nil
	}
	n, err := c.cal.NextWorkdayStart(t)
	if err != nil {
		return time.Time{}, err
	}
	c.from, c.next = t, n
	return n, nil
}

// dayEnd returns the end of the working period that starts at start.
func (c *workCache) dayEnd(start time.Time) (time.Time, error) {
	k := start.UnixNano()
	if e, ok := c.ends[k]; ok {
		return e, nil
	}
	e, err := workday(c.cal, start)
	if err != nil {
		return time.Time{}, err
	}
	c.ends[k] = e
	return e, nil
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

// dayOff is a working day granted off, built up from several episodes.
type dayOff struct {
	start    time.Time
	episodes []string
}

// daysOff turns (working-day start, episode) pairs into all-day entitlements.
func daysOff(s Subject, rule string, grants []dayOff) ([]Entitlement, error) {
	var out []Entitlement
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

// addDay adds an episode to the day off starting at start (grants are in order of start).
func addDay(grants []dayOff, start time.Time, id string) []dayOff {
	if n := len(grants); n > 0 && grants[n-1].start.Equal(start) {
		if !slices.Contains(grants[n-1].episodes, id) {
			grants[n-1].episodes = append(grants[n-1].episodes, id)
		}
		return grants
	}
	return append(grants, dayOff{start: start, episodes: []string{id}})
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
	wc := s.work()
	for _, im := range s.Impacts {
		if !im.Woke {
			continue
		}
		next, err := wc.nextStart(im.Start)
		if err != nil {
			return nil, fmt.Errorf("fatigue: %s for %s, episode %s: %w", r.Name(), s.Person, im.ID, err)
		}
		grants = addDay(grants, next, im.ID)
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
	var engaged time.Duration
	var pending []string
	var target time.Time
	flush := func() {
		if engaged >= threshold {
			for _, id := range pending {
				grants = addDay(grants, target, id)
			}
		}
		engaged, pending = 0, pending[:0]
	}
	wc := s.work()
	for _, im := range s.Impacts {
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
	wc := s.work()
	for _, im := range s.Impacts {
		next, err := wc.nextStart(im.End)
		if err != nil {
			return nil, fmt.Errorf("fatigue: %s for %s, episode %s: %w", r.Name(), s.Person, im.ID, err)
		}
		late := im.End.Add(rest).Sub(next)
		if late <= 0 || s.Calendar.Classify(im.End).Band() == calendar.Business {
			continue // enough rest, or it ended at work: rest starts after the working day
		}
		end, err := wc.dayEnd(next)
		if err != nil {
			return nil, fmt.Errorf("fatigue: %s for %s, episode %s: %w", r.Name(), s.Person, im.ID, err)
		}
		late = min(late, end.Sub(next))
		if n := len(out); n > 0 && out[n-1].EarliestStart.Equal(next) {
			out[n-1].Amount = max(out[n-1].Amount, late)
			out[n-1].Episodes = append(out[n-1].Episodes, im.ID)
			continue
		}
		out = append(out, Entitlement{Person: s.Person, Rule: r.Name(), Episodes: []string{im.ID}, Amount: late,
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
	out := make([]Entitlement, 0, len(s.Impacts))
	wc := s.work()
	for _, im := range s.Impacts {
		ooh := im.Engaged.Total() - im.Engaged.Band(calendar.Business)
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
		out = append(out, Entitlement{Person: s.Person, Rule: r.Name(), Episodes: []string{im.ID}, Amount: amount,
			EarliestStart: next, Category: Category, Capped: capped})
	}
	slices.SortStableFunc(out, func(a, b Entitlement) int { return a.EarliestStart.Compare(b.EarliestStart) })
	return out, nil
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
	var all []Entitlement
	for _, r := range p.Rules {
		got, err := r.Grant(s)
		if err != nil {
			return nil, err
		}
		all = append(all, got...)
	}
	all = mergeDays(all)
	for i := range all {
		if all[i].Expires.IsZero() && p.ExpiryDays > 0 {
			all[i].Expires = all[i].EarliestStart.In(s.Calendar.Location()).AddDate(0, 0, p.ExpiryDays)
		}
	}
	p.applyCaps(all, s.Calendar.Location())
	return all, nil
}

// mergeDays folds same-day whole days off, and late starts on such days, into one
// entitlement, keeping the first rule's amount.
func mergeDays(all []Entitlement) []Entitlement {
	type key struct {
		ns   int64
		rank int
		i    int
	}
	keys := make([]key, len(all))
	for i, e := range all {
		keys[i] = key{ns: e.EarliestStart.UnixNano(), rank: mergeRank(e), i: i}
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.ns, b.ns), cmp.Compare(a.rank, b.rank), cmp.Compare(a.i, b.i))
	})
	out := make([]Entitlement, 0, len(all))
	for _, k := range keys {
		e := all[k.i]
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
		out = append(out, e)
	}
	return out
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
