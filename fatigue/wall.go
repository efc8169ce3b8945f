package fatigue

import (
	"time"

	"github.com/wellrested/oncall/calendar"
)

// sleepWindow returns the habitual sleep window that starts on local date d.
func sleepWindow(p calendar.Profile, d calendar.Date) (time.Time, time.Time) {
	from := d.At(p.Sleep.From, p.Zone)
	if p.Sleep.From == p.Sleep.To {
		return from, from
	}
	endDay := d
	if p.Sleep.To <= p.Sleep.From {
		endDay = d.AddDays(1)
	}
	return from, endDay.At(p.Sleep.To, p.Zone)
}
