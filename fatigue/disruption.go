package fatigue

import (
	"cmp"
	"fmt"
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
	// Engaged is the episode's duration split by class.
	Engaged calendar.Breakdown
	// Woke is true when the episode started in the responder's sleep hours while they were
	// asleep: not within an earlier episode or the time it took to fall asleep after it.
	Woke bool
	// Awake is the stretch this episode kept the person awake that no earlier episode
	// already did: from its start (or the end of the earlier stretch) to its end plus the
	// time to fall asleep again. Empty when an earlier stretch covers it.
	Awake calendar.Interval
	// SleepLost is the part of Awake in sleep hours. Summed over episodes it counts each
	// lost minute once.
	SleepLost time.Duration
	// Night is the local date on which the sleep window this episode disturbed starts, when
	// InNight; an episode that touches no sleep window has InNight false.
	Night   calendar.Date
	InNight bool
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
	out := make([]Impact, len(eps))
	var awakeUntil time.Time
	for i, e := range eps {
		im := Impact{Episode: e, Class: cal.Classify(e.Start)}
		if err := cal.SplitInto(&im.Engaged, e.Start, e.End); err != nil {
			return nil, fmt.Errorf("fatigue: episode %s: %w", e.ID, err)
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
			lost, err := sleepIn(cal, &im, from, to)
			if err != nil {
				return nil, fmt.Errorf("fatigue: episode %s: %w", e.ID, err)
			}
			im.SleepLost = lost
			awakeUntil = to
		}
		im.Night, im.InNight = nightOf(prof, e.Start, e.End.Add(latency))
		out[i] = im
	}
	return out, nil
}

// sleepIn returns the sleep hours in [from, to), reusing the episode's own breakdown when
// the stretch starts with the episode.
func sleepIn(cal *calendar.Calendar, im *Impact, from, to time.Time) (time.Duration, error) {
	var b calendar.Breakdown
	if from.Equal(im.Start) {
		if err := cal.SplitInto(&b, im.End, to); err != nil {
			return 0, err
		}
		return im.Engaged.Band(calendar.Sleep) + b.Band(calendar.Sleep), nil
	}
	if err := cal.SplitInto(&b, from, to); err != nil {
		return 0, err
	}
	return b.Band(calendar.Sleep), nil
}

// nightOf finds the sleep window that [start, end) overlaps first: the one in which start
// falls, or else the next one if the stretch reaches it.
func nightOf(p calendar.Profile, start, end time.Time) (calendar.Date, bool) {
	w := p.Sleep
	if w.From == w.To {
		return calendar.Date{}, false
	}
	lt := start.In(p.Zone)
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
	if end.After(d.At(w.From, p.Zone)) {
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
	// fall asleep after one.
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
	out := make([]Night, 0, daysBetween(from, to)+1)
	for d := from; !to.Before(d); d = d.AddDays(1) {
		n, err := night(cal, prof, impacts, d)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

func night(cal *calendar.Calendar, prof calendar.Profile, impacts []Impact, d calendar.Date) (Night, error) {
	ws, we := sleepWindow(prof, d)
	n := Night{Date: d, Start: ws, End: we}
	// impacts are sorted by start and their Awake stretches do not overlap, so the ones that
	// can touch the window start at the first whose stretch ends after the window starts
	// (Awake.End never decreases, and is never before the episode's end).
	i := sort.Search(len(impacts), func(i int) bool { return impacts[i].Awake.End.After(ws) })
	cursor := ws
	for ; i < len(impacts) && impacts[i].Start.Before(we); i++ {
		im := impacts[i]
		if im.Woke && !im.Start.Before(ws) {
			n.Awakenings++
		}
		touched := im.End.After(ws) || im.Woke
		a := im.Awake
		if a.End.After(a.Start) && a.End.After(ws) && a.Start.Before(we) {
			s, e := maxTime(a.Start, ws), minTime(a.End, we)
			lost := im.SleepLost // all of it, when the stretch lies inside the window
			if !s.Equal(a.Start) || !e.Equal(a.End) {
				b, err := cal.Split(s, e)
				if err != nil {
					return Night{}, fmt.Errorf("fatigue: night %s: %w", d, err)
				}
				lost = b.Band(calendar.Sleep)
			}
			n.SleepLost += lost
			n.LongestSleep = max(n.LongestSleep, s.Sub(cursor))
			cursor = maxTime(cursor, e)
			touched = true
		}
		if touched {
			n.Episodes = append(n.Episodes, im.ID)
		}
	}
	n.LongestSleep = max(n.LongestSleep, we.Sub(cursor))
	return n, nil
}

// daysBetween counts the days from a to b.
func daysBetween(a, b calendar.Date) int {
	return int(b.Start(time.UTC).Sub(a.Start(time.UTC)) / (24 * time.Hour))
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
	loc := cal.Location()
	for _, im := range impacts {
		d := calendar.DateOf(im.Start.In(loc))
		if d.Before(from) || to.Before(d) {
			continue
		}
		s.Episodes++
		s.Engaged.Merge(im.Engaged)
	}
	return s, nights, nil
}
