package fatigue

import (
	"math"
	"time"

	"github.com/wellrested/oncall/calendar"
)

// zoneCache remembers one stretch of constant UTC offset of a zone, so that reading the
// local wall clock of an instant near the last one costs an addition instead of a zone
// lookup. The hot loops here walk a person's time in order, so the stretch rarely changes.
type zoneCache struct {
	loc      *time.Location
	from, to int64 // [from, to) in unix ns; to == 0 means nothing cached yet
	off      int64 // ns
}

const nsPerDay = int64(24 * time.Hour)

// margin keeps the fast wall-clock conversion away from clock changes: no zone moves its
// clock by more than a day at once, so an instant this far inside a stretch of constant
// offset is the only one showing its wall-clock reading.
const margin = 2 * nsPerDay

// offset returns the zone's UTC offset at ns, in ns.
func (zc *zoneCache) offset(ns int64) int64 {
	if zc.to == 0 || ns < zc.from || ns >= zc.to {
		zc.load(ns)
	}
	return zc.off
}

func (zc *zoneCache) load(ns int64) {
	loc := zc.loc
	if loc == nil {
		loc = time.UTC
	}
	t := time.Unix(0, ns).In(loc)
	_, off := t.Zone()
	start, end := t.ZoneBounds()
	zc.off = int64(off) * int64(time.Second)
	zc.from, zc.to = math.MinInt64, math.MaxInt64
	if !start.IsZero() {
		zc.from = start.UnixNano()
	}
	if !end.IsZero() {
		zc.to = end.UnixNano()
	}
	if zc.from > ns || zc.to <= ns {
		// ZoneBounds can misreport the stretch late in some years: cache this instant only.
		zc.from, zc.to = ns, ns+1
	}
}

// wall returns the local wall clock at ns, as ns since 1970-01-01 00:00 wall time.
func (zc *zoneCache) wall(ns int64) int64 { return ns + zc.offset(ns) }

// day returns the local day number at ns (days since 1970-01-01 on the wall clock) and the
// time of day in ns.
func (zc *zoneCache) day(ns int64) (day, tod int64) {
	w := zc.wall(ns)
	day = w / nsPerDay
	tod = w - day*nsPerDay
	if tod < 0 {
		day--
		tod += nsPerDay
	}
	return day, tod
}

// epoch is day 0 of the day numbers.
var epoch = calendar.Date{Year: 1970, Month: time.January, Day: 1}

// dayNumber returns d's day number.
func dayNumber(d calendar.Date) int64 { return int64(epoch.DaysUntil(d)) }

// at returns d.At(c, loc): the first instant whose wall clock reads date d at clock c. Away
// from clock changes that is the wall reading minus the cached offset; near one, or in an
// extreme year, it asks the calendar package.
func (zc *zoneCache) at(d calendar.Date, c calendar.Clock) int64 {
	if c >= 0 && c < 24*3600 && d.Year > 1680 && d.Year < 2260 {
		w := dayNumber(d)*nsPerDay + int64(c)*int64(time.Second)
		if zc.to != 0 {
			if t := w - zc.off; t-margin >= zc.from && t+margin < zc.to {
				return t
			}
		}
		zc.load(w - zc.offset(w))
		if t := w - zc.off; t-margin >= zc.from && t+margin < zc.to {
			return t
		}
	}
	return d.At(c, zc.loc).UnixNano()
}

// local returns ns as a time in the cache's zone.
func (zc *zoneCache) local(ns int64) time.Time {
	loc := zc.loc
	if loc == nil {
		loc = time.UTC
	}
	return time.Unix(0, ns).In(loc)
}
