package fatigue

import (
	"time"

	"github.com/wellrested/oncall/calendar"
)

// sleepWindow returns the habitual sleep window that starts on local date d.
func sleepWindow(p calendar.Profile, d calendar.Date) (time.Time, time.Time) {
	zc := zoneCache{loc: p.Zone}
	s, e := windowNs(&zc, p.Sleep, d)
	return zc.local(s), zc.local(e)
}

// windowNs returns the clock window w that starts on local date d, in unix ns. A window
// that ends at or before its start on the clock ends the next day; an empty one is empty.
func windowNs(zc *zoneCache, w calendar.Window, d calendar.Date) (int64, int64) {
	from := zc.at(d, w.From)
	if w.From == w.To {
		return from, from
	}
	endDay := d
	if w.To <= w.From {
		endDay = d.AddDays(1)
	}
	return from, zc.at(endDay, w.To)
}
