package ingest

import (
	"fmt"
	"time"
)

// timeParser reads vendor times. Times with an offset keep it; times without one are read
// in loc, or rejected when loc is nil. Fixed zones are shared per offset so that many
// records do not carry many identical locations.
type timeParser struct {
	loc   *time.Location
	zones map[int]*time.Location
}

func newTimeParser(loc *time.Location) *timeParser {
	return &timeParser{loc: loc, zones: map[int]*time.Location{}}
}

// Layouts without an offset; RFC 3339 forms with one are tried first.
var localLayouts = []string{"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999"}

// parse reads s; the empty string is the zero time.
func (tp *timeParser) parse(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if hasOffset(s) {
		return tp.parseWithOffset(s)
	}
	for _, layout := range localLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if tp.loc == nil {
			return time.Time{}, ErrNoOffset
		}
		return inZone(t, tp.loc)
	}
	return time.Time{}, ErrTime
}

// hasOffset reports whether s ends like an RFC 3339 offset: "Z" or "±hh:mm".
func hasOffset(s string) bool {
	n := len(s)
	if n > 0 && (s[n-1] == 'Z' || s[n-1] == 'z') {
		return true
	}
	return n >= 6 && (s[n-6] == '+' || s[n-6] == '-') && s[n-3] == ':'
}

func (tp *timeParser) parseWithOffset(s string) (time.Time, error) {
	if len(s) < 20 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') {
		return time.Time{}, ErrTime
	}
	b := []byte(s)
	b[10] = 'T'
	t, err := time.Parse(time.RFC3339Nano, string(b))
	if err != nil {
		return time.Time{}, ErrTime
	}
	last := s[len(s)-1]
	if last == 'Z' || last == 'z' {
		return t.UTC(), nil
	}
	_, off := t.Zone()
	loc, ok := tp.zones[off]
	if !ok {
		loc = time.FixedZone("", off)
		tp.zones[off] = loc
	}
	return t.In(loc), nil
}

// inZone places the wall clock of naive (read as UTC) in loc. A wall clock skipped by a
// daylight-saving change is an error; one that happens twice is the earlier instant, so the
// answer never depends on how time.Date breaks the tie.
func inZone(naive time.Time, loc *time.Location) (time.Time, error) {
	var best time.Time
	found := false
	for _, probe := range []time.Duration{-24 * time.Hour, 0, 24 * time.Hour} {
		_, off := naive.Add(probe).In(loc).Zone()
		t := naive.Add(-time.Duration(off) * time.Second).In(loc)
		if !sameWallClock(t, naive) {
			continue
		}
		if !found || t.Before(best) {
			best, found = t, true
		}
	}
	if !found {
		return time.Time{}, fmt.Errorf("%w: %s in %s", ErrNoSuchLocalTime, naive.Format("2006-01-02T15:04:05"), loc)
	}
	return best, nil
}

func sameWallClock(t, naive time.Time) bool {
	y1, m1, d1 := t.Date()
	y2, m2, d2 := naive.Date()
	return y1 == y2 && m1 == m2 && d1 == d2 && t.Hour() == naive.Hour() && t.Minute() == naive.Minute() &&
		t.Second() == naive.Second() && t.Nanosecond() == naive.Nanosecond()
}
