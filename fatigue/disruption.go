package fatigue

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/wellrested/oncall/calendar"
)

// DefaultFallAsleep is the time a person needs to fall asleep again after an episode ends.
// Twenty minutes sits in the 10 to 20 minute range of sleep-onset latency that Ohayon et al.
// found for healthy adults in their meta-analysis of 65 polysomnography studies ("Meta-
// analysis of quantitative sleep parameters from childhood to old age in healthy
// individuals", Sleep 27(7):1255-1273, 2004), taken at its upper end because a page leaves
// the person alert. Thirty minutes or more is the usual clinical mark of difficulty falling
// asleep, so the default stays below it.
const DefaultFallAsleep = 20 * time.Minute

// Options set how episodes turn into sleep disruption. The zero value uses the defaults.
type Options struct {
	// FallAsleep is the time to fall asleep again after an episode. Zero means
	// DefaultFallAsleep; negative means none.
	FallAsleep time.Duration
}

func (o Options) fallAsleep() time.Duration {
	switch {
	case o.FallAsleep == 0:
		return DefaultFallAsleep
	case o.FallAsleep < 0:
		return 0
	}
	return o.FallAsleep
}

// Impact is an episode as it landed on its responder.
type Impact struct {
	Episode
	// Class is the class of the episode's first instant in the responder's own zone.
	Class calendar.Class
	// Woke is true when the episode started in the responder's sleep hours while they were
	// asleep: not within an earlier episode or the time it took to fall asleep after it.
	Woke bool
	// InNight is true when the episode touched a sleep window (see Night).
	InNight bool
	// Engaged is the episode's duration split by class.
	Engaged ClassTimes
	// Awake is the stretch this episode kept the person awake that no earlier episode
	// already did: from its start (or the end of the earlier stretch) to its end plus the
	// time to fall asleep again. Empty when an earlier stretch covers it.
	Awake calendar.Interval
	// SleepLost is the part of Awake in sleep hours. Summed over episodes it counts each
	// lost minute once.
	SleepLost time.Duration
	// Night is the local date on which the sleep window this episode disturbed starts, when
	// InNight; an episode that touches no sleep window has InNight false.
	Night calendar.Date
}

// Analyze lays one responder's episodes onto their calendar. Episodes may come in any order;
// impacts come sorted by start. It fails only for instants outside the years 1678-2261.
func Analyze(cal *calendar.Calendar, episodes []Episode, opts Options) ([]Impact, error) {
	byStart := func(a, b Episode) int { return cmp.Or(a.Start.Compare(b.Start), a.End.Compare(b.End)) }
	eps := episodes
	if !slices.IsSortedFunc(eps, byStart) {
		eps = slices.Clone(episodes)
		slices.SortStableFunc(eps, byStart)
	}
	latency := opts.fallAsleep()
	prof := cal.Profile()
	cur := cal.Cursor()
	nf := nightFinder{win: prof.Sleep, zc: zoneCache{loc: prof.Zone}}
	out := make([]Impact, len(eps))
	var awakeUntil time.Time
	for i := range eps {
		e := &eps[i]
		im := &out[i] // zeroed by make: set fields one by one rather than copy a whole Impact
		im.Episode = *e
		// The class of the first stretch is the class of the episode's start.
		first := true
		if err := cur.SplitFunc(e.Start, e.End, func(c calendar.Class, d time.Duration) {
			if first {
				im.Class, first = c, false
			}
			im.Engaged.add(c, d)
		}); err != nil {
			return nil, fmt.Errorf("fatigue: episode %s: %w", e.ID, err)
		}
		if first { // an empty episode
			im.Class = cur.Classify(e.Start)
		}
		asleep := awakeUntil.IsZero() || !e.Start.Before(awakeUntil)
		im.Woke = asleep && im.Class.Band() == calendar.Sleep
		from, to := e.Start, e.End.Add(latency)
		if from.Before(awakeUntil) {
			from = awakeUntil
		}
		// A stretch already covered stays empty at the cursor, so Awake.End never decreases.
		im.Awake = calendar.Interval{Start: from, End: from}
		if to.After(from) {
			im.Awake = calendar.Interval{Start: from, End: to}
			lost, err := sleepIn(cur, im, from, to)
			if err != nil {
				return nil, fmt.Errorf("fatigue: episode %s: %w", e.ID, err)
			}
			im.SleepLost = lost
			awakeUntil = to
		}
		im.Night, im.InNight = nf.night(e.Start, e.End.Add(latency))
	}
	return out, nil
}

// sleepIn returns the sleep hours in [from, to), reusing the episode's own split when the
// stretch starts with the episode.
func sleepIn(cur *calendar.Cursor, im *Impact, from, to time.Time) (time.Duration, error) {
	if from.Equal(im.Start) {
		after, err := sleepBetween(cur, im.End, to)
		return im.Engaged.Band(calendar.Sleep) + after, err
	}
	return sleepBetween(cur, from, to)
}

// sleepBetween returns the sleep hours in [from, to), as the Sleep band of the calendar's
// split of it.
func sleepBetween(cur *calendar.Cursor, from, to time.Time) (time.Duration, error) {
	var d time.Duration
	err := cur.SplitFunc(from, to, func(c calendar.Class, x time.Duration) {
		if c.Band() == calendar.Sleep {
			d += x
		}
	})
	return d, err
}

// nightFinder finds the sleep window an awake stretch disturbs, remembering the zone's
// offset and the last window start it worked out (stretches come in time order).
type nightFinder struct {
	win      calendar.Window
	zc       zoneCache
	lastDay  int64 // day number of the cached window start, or 0 when none
	lastFrom int64
}

// night finds the sleep window that [start, end) overlaps first: the one in which start
// falls, or else the next one if the stretch reaches it.
func (nf *nightFinder) night(start, end time.Time) (calendar.Date, bool) {
	w := nf.win
	if w.From == w.To || !inNanoRange(start) || !inNanoRange(end) {
		return nightOf(w, nf.zc.loc, start, end)
	}
	day, todNs := nf.zc.day(start.UnixNano())
	tod := calendar.Clock(todNs / int64(time.Second))
	if w.Contains(tod) {
		if w.Crosses() && tod < w.To {
			return dateOfDay(day - 1), true
		}
		return dateOfDay(day), true
	}
	if !w.Crosses() && tod >= w.To {
		day++ // today's window is over; the next starts tomorrow
	}
	if nf.lastDay != day || nf.lastFrom == 0 {
		nf.lastDay, nf.lastFrom = day, nf.zc.at(dateOfDay(day), w.From)
	}
	if end.UnixNano() > nf.lastFrom {
		return dateOfDay(day), true
	}
	return calendar.Date{}, false
}

// dateOfDay returns the date of a day number.
func dateOfDay(day int64) calendar.Date { return epoch.AddDays(int(day)) }

// inNanoRange reports whether t can be held as int64 unix nanoseconds (years 1678-2261).
func inNanoRange(t time.Time) bool {
	return !t.Before(time.Unix(0, math.MinInt64)) && !t.After(time.Unix(0, math.MaxInt64))
}

// nightOf is nightFinder.night without the caches, for windows of any kind.
func nightOf(w calendar.Window, loc *time.Location, start, end time.Time) (calendar.Date, bool) {
	if w.From == w.To {
		return calendar.Date{}, false
	}
	lt := start.In(loc)
	d := calendar.DateOf(lt)
	h, m, s := lt.Clock()
	tod := calendar.Clock(h*3600 + m*60 + s)
	if w.Contains(tod) {
		if w.Crosses() && tod < w.To {
			return d.AddDays(-1), true
		}
		return d, true
	}
	if !w.Crosses() && tod >= w.To {
		d = d.AddDays(1) // today's window is over; the next starts tomorrow
	}
	if end.After(d.At(w.From, loc)) {
		return d, true
	}
	return calendar.Date{}, false
}

// Night is one sleep window of one person: the habitual window that starts on Date.
type Night struct {
	Date  calendar.Date
	Start time.Time
	End   time.Time
	// Awakenings counts the episodes that woke the person in this window.
	Awakenings int
	// SleepLost is the time in the window the person was kept awake (sleep hours only).
	SleepLost time.Duration
	// LongestSleep is the longest stretch of the window without an episode or the time to
	// fall asleep after one. Working hours that reach into the window (work from 07:00 with
	// sleep until 08:00, say) are not sleep, so they break it too; on days off they do not.
	LongestSleep time.Duration
	// Episodes are the IDs of the episodes that touched the window.
	Episodes []string
}

// Disturbed reports whether anything cost sleep or woke the person this night.
func (n Night) Disturbed() bool { return n.Awakenings > 0 || n.SleepLost > 0 }

// Nights returns one Night per local date from..to (inclusive), for the impacts of one
// person (as returned by Analyze for cal).
func Nights(cal *calendar.Calendar, impacts []Impact, from, to calendar.Date) ([]Night, error) {
	if to.Before(from) {
		return nil, fmt.Errorf("fatigue: nights %s to %s: %w", from, to, calendar.ErrInvalidInterval)
	}
	prof := cal.Profile()
	nb := nightBuilder{cal: cal, cur: cal.Cursor(), prof: prof, zc: zoneCache{loc: prof.Zone},
		workInSleep: overlaps(prof.WorkingHours, prof.Sleep)}
	if n := impactsIn(&nb.zc, prof.Sleep, impacts, from, to); n > 0 {
		nb.ids = make([]string, 0, n+n/8) // most episodes touch one night at most
	}
	out := make([]Night, 0, from.DaysUntil(to)+1)
	for d := from; !to.Before(d); d = d.AddDays(1) {
		n, err := nb.night(impacts, d)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// impactsIn counts the impacts that start between the first night's start and the last
// night's end, the ones the nights can list (or about as many: it sizes the list).
func impactsIn(zc *zoneCache, w calendar.Window, impacts []Impact, from, to calendar.Date) int {
	if !inNanoRange(from.Start(time.UTC)) || !inNanoRange(to.AddDays(2).Start(time.UTC)) {
		return 0
	}
	first, _ := windowNs(zc, w, from)
	_, last := windowNs(zc, w, to)
	lo := sort.Search(len(impacts), func(i int) bool { return impacts[i].Awake.End.UnixNano() > first })
	hi := sort.Search(len(impacts), func(i int) bool { return impacts[i].Start.UnixNano() >= last })
	return max(0, hi-lo)
}

// overlaps reports whether two clock windows share any time of day.
func overlaps(a, b calendar.Window) bool {
	if a.From == a.To || b.From == b.To {
		return false
	}
	return a.Contains(b.From) || b.Contains(a.From)
}

// nightBuilder works out the nights of one person in date order, reusing its zone and
// calendar lookups and one array for the nights' episode lists.
type nightBuilder struct {
	cal  *calendar.Calendar
	cur  *calendar.Cursor
	prof calendar.Profile
	zc   zoneCache
	// workInSleep is true when the working hours reach into the sleep window on the clock,
	// so that some nights hold working time that is not sleep.
	workInSleep bool
	ids         []string
	blocked     []stretch
	next        int // the first impact whose awake stretch ends after the last night's start
}

// stretch is [s, e) in unix ns.
type stretch struct{ s, e int64 }

func (nb *nightBuilder) night(impacts []Impact, d calendar.Date) (Night, error) {
	wsNs, weNs := windowNs(&nb.zc, nb.prof.Sleep, d)
	ws, we := nb.zc.local(wsNs), nb.zc.local(weNs)
	n := Night{Date: d, Start: ws, End: we}
	nb.blocked = nb.blocked[:0]
	ids := len(nb.ids)
	// impacts are sorted by start and their Awake stretches do not overlap, so the ones that
	// can touch the window start at the first whose stretch ends after the window starts
	// (Awake.End never decreases, and is never before the episode's end).
	// Nights come in date order, so the search moves on from where the last one started.
	if nb.next > len(impacts) || nb.next > 0 && impacts[nb.next-1].Awake.End.After(ws) {
		nb.next = 0
	}
	for nb.next < len(impacts) && !impacts[nb.next].Awake.End.After(ws) {
		nb.next++
	}
	for i := nb.next; i < len(impacts) && impacts[i].Start.Before(we); i++ {
		im := &impacts[i]
		if im.Woke && !im.Start.Before(ws) {
			n.Awakenings++
		}
		touched := im.End.After(ws) || im.Woke
		a := im.Awake
		if a.End.After(a.Start) && a.End.After(ws) && a.Start.Before(we) {
			s, e := maxTime(a.Start, ws), minTime(a.End, we)
			lost := im.SleepLost // all of it, when the stretch lies inside the window
			if !s.Equal(a.Start) || !e.Equal(a.End) {
				var err error
				if lost, err = sleepBetween(nb.cur, s, e); err != nil {
					return Night{}, fmt.Errorf("fatigue: night %s: %w", d, err)
				}
			}
			n.SleepLost += lost
			nb.blocked = append(nb.blocked, stretch{s.UnixNano(), e.UnixNano()})
			touched = true
		}
		if touched {
			nb.ids = append(nb.ids, im.ID)
		}
	}
	if len(nb.ids) > ids {
		n.Episodes = nb.ids[ids:len(nb.ids):len(nb.ids)]
	}
	if nb.workInSleep {
		if err := nb.addWork(ws, we); err != nil {
			return Night{}, fmt.Errorf("fatigue: night %s: %w", d, err)
		}
	}
	n.LongestSleep = time.Duration(longestGap(wsNs, weNs, nb.blocked))
	return n, nil
}

// addWork adds the window's working time to the blocked stretches, keeping them sorted by
// start.
func (nb *nightBuilder) addWork(ws, we time.Time) error {
	segs, err := nb.cal.Segments(ws, we)
	if err != nil {
		return err
	}
	for seg := range segs {
		if seg.Class.Band() == calendar.Business {
			nb.blocked = append(nb.blocked, stretch{seg.Start.UnixNano(), seg.End.UnixNano()})
		}
	}
	slices.SortFunc(nb.blocked, func(a, b stretch) int { return cmp.Compare(a.s, b.s) })
	return nil
}

// longestGap returns the longest stretch of [from, to) outside the blocked stretches, which
// are sorted by start and may overlap.
func longestGap(from, to int64, blocked []stretch) int64 {
	var best int64
	cursor := from
	for _, b := range blocked {
		best = max(best, min(b.s, to)-cursor)
		cursor = max(cursor, b.e)
	}
	return max(best, to-cursor)
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// Summary is one person's sleep disruption over a run of nights.
type Summary struct {
	From, To        calendar.Date
	Nights          int
	NightsDisturbed int
	Awakenings      int
	SleepLost       time.Duration
	// ShortestLongestSleep is the worst night's longest unbroken sleep.
	ShortestLongestSleep time.Duration
	// Episodes counts the episodes that started in the period (local dates From..To), and
	// Engaged splits their time by class.
	Episodes int
	Engaged  calendar.Breakdown
}

// Summarize totals the nights from..to and the episodes that started on those local dates.
func Summarize(cal *calendar.Calendar, impacts []Impact, from, to calendar.Date) (Summary, []Night, error) {
	nights, err := Nights(cal, impacts, from, to)
	if err != nil {
		return Summary{}, nil, err
	}
	s := Summary{From: from, To: to, Nights: len(nights)}
	for i, n := range nights {
		if n.Disturbed() {
			s.NightsDisturbed++
		}
		s.Awakenings += n.Awakenings
		s.SleepLost += n.SleepLost
		if i == 0 || n.LongestSleep < s.ShortestLongestSleep {
			s.ShortestLongestSleep = n.LongestSleep
		}
	}
	zc := zoneCache{loc: cal.Location()}
	first, last := dayNumber(from), dayNumber(to)
	for i := range impacts {
		im := &impacts[i]
		if !inNanoRange(im.Start) {
			continue // Analyze accepts no such episode
		}
		if d, _ := zc.day(im.Start.UnixNano()); d < first || d > last {
			continue
		}
		s.Episodes++
		im.Engaged.addTo(&s.Engaged)
	}
	return s, nights, nil
}
