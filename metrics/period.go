package metrics

import (
	"fmt"
	"time"

	"github.com/wellrested/oncall/calendar"
)

// Period is the length of a reporting period.
type Period string

// The periods. Weeks are ISO 8601 weeks (Monday to Sunday, labelled "2026-W03"); days and
// months are labelled "2026-01-15" and "2026-01". All begin at local midnight in the zone
// asked for, so a period may be 23 or 25 hours longer or shorter across a clock change.
const (
	Day   Period = "day"
	Week  Period = "week"
	Month Period = "month"
)

func (p Period) orDefault() Period {
	if p == "" {
		return Week
	}
	return p
}

// PeriodCount is the pages and incidents of one period [Start, End).
type PeriodCount struct {
	// Label names the period: "2026-01-15", "2026-W03" or "2026-01".
	Label     string    `json:"label"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Pages     int       `json:"pages"`
	Incidents int       `json:"incidents"`
}

// periodOfDay numbers periods so consecutive periods have consecutive numbers, from the
// local civil day number (days since 1970-01-01).
func periodOfDay(p Period, day int64) int64 {
	switch p {
	case Month:
		d := dateOfDays(day)
		return int64(d.Year)*12 + int64(d.Month) - 1
	case Day:
		return day
	default:
		// Day 0 (1970-01-01) was a Thursday; shift so weeks start on Monday.
		return floorDiv(day+3, 7)
	}
}

// periodBounds returns the label and local start and end of period number k.
func periodBounds(p Period, k int64, loc *time.Location) (string, time.Time, time.Time) {
	switch p {
	case Month:
		y, m := int(floorDiv(k, 12)), time.Month(k-floorDiv(k, 12)*12+1)
		start := calendar.Date{Year: y, Month: m, Day: 1}
		end := calendar.Date{Year: y, Month: m + 1, Day: 1}
		if m == 12 {
			end = calendar.Date{Year: y + 1, Month: 1, Day: 1}
		}
		return fmt.Sprintf("%04d-%02d", y, int(m)), start.Start(loc), end.Start(loc)
	case Day:
		d := dateOfDays(k)
		return d.String(), d.Start(loc), d.AddDays(1).Start(loc)
	default:
		d := dateOfDays(k*7 - 3)
		y, w := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w), d.Start(loc), d.AddDays(7).Start(loc)
	}
}

func dateOfDays(k int64) calendar.Date {
	return calendar.DateOf(time.Unix(k*86400, 0).UTC())
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
