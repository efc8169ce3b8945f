package calendar_test

// The outputs below were worked out by hand from the rules (default bands: business
// 08:00-18:00 Monday to Friday, sleep 22:00-08:00 every day, off otherwise; US federal
// holidays with both the actual and the observed date), with New York on EDT (UTC-4) in June
// and July 2026. 4 July 2026 is a Saturday, so Independence Day is observed on Friday 3 July.

import (
	"errors"
	"fmt"
	"time"

	"github.com/wellrested/oncall/calendar"
)

func ExampleNew() {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	c, err := calendar.New(calendar.Profile{Zone: ny, Region: "US"})
	if err != nil {
		panic(err)
	}
	p := c.Profile() // the zero fields are filled in with the defaults
	fmt.Println(p.WorkingDays, p.WorkingHours, p.Sleep)

	friday := calendar.Date{Year: 2026, Month: time.July, Day: 3}
	fmt.Println(friday.Weekday(), "is a workday:", c.IsWorkday(friday))
	for _, h := range c.HolidaysOn(friday) {
		fmt.Println(h.Name, "observed:", h.Observed)
	}

	_, err = calendar.New(calendar.Profile{Region: "XX"})
	fmt.Println(errors.Is(err, calendar.ErrUnknownRegion))
	// Output:
	// Mon,Tue,Wed,Thu,Fri 08:00-18:00 22:00-08:00
	// Friday is a workday: false
	// Independence Day observed: true
	// true
}

// A page at 03:00 on a Saturday in New York, resolved at 09:15: five hours of sleep time
// (03:00-08:00) and an hour and a quarter of off hours, all on a weekend.
func ExampleCalendar_Split() {
	ny, _ := time.LoadLocation("America/New_York")
	c, _ := calendar.New(calendar.Profile{Zone: ny, Region: "US"})
	start := time.Date(2026, time.June, 13, 3, 0, 0, 0, ny) // Saturday
	end := time.Date(2026, time.June, 13, 9, 15, 0, 0, ny)
	b, err := c.Split(start, end)
	if err != nil {
		panic(err)
	}
	for class, d := range b.All() {
		fmt.Println(class, d)
	}
	fmt.Println("sleep:", b.Band(calendar.Sleep), "weekend:", b.With(calendar.FlagWeekend), "total:", b.Total())
	// Output:
	// off+weekend 1h15m0s
	// sleep+weekend 5h0m0s
	// sleep: 5h0m0s weekend: 6h15m0s total: 6h15m0s
}

// From Thursday evening before the Independence Day weekend, the next working period starts
// on Monday morning: Friday is the observed holiday, Saturday the holiday itself.
func ExampleCalendar_NextWorkdayStart() {
	ny, _ := time.LoadLocation("America/New_York")
	c, _ := calendar.New(calendar.Profile{Zone: ny, Region: "US"})
	next, err := c.NextWorkdayStart(time.Date(2026, time.July, 2, 19, 0, 0, 0, ny))
	if err != nil {
		panic(err)
	}
	fmt.Println(next.Format("Mon 2006-01-02 15:04 MST"))
	// Output:
	// Mon 2026-07-06 08:00 EDT
}

func ExampleCalendar_Classify() {
	ny, _ := time.LoadLocation("America/New_York")
	c, _ := calendar.New(calendar.Profile{Zone: ny, Region: "US"})
	for _, at := range []time.Time{
		time.Date(2026, time.July, 2, 10, 0, 0, 0, ny), // Thursday
		time.Date(2026, time.July, 2, 19, 0, 0, 0, ny),
		time.Date(2026, time.July, 3, 10, 0, 0, 0, ny), // Friday, observed holiday
		time.Date(2026, time.July, 4, 3, 0, 0, 0, ny),  // Saturday, the holiday itself
		time.Date(2026, time.July, 6, 7, 59, 0, 0, ny), // Monday
	} {
		fmt.Println(at.Format("Mon 15:04"), c.Classify(at))
	}
	// Output:
	// Thu 10:00 business
	// Thu 19:00 off
	// Fri 10:00 off+holiday
	// Sat 03:00 sleep+weekend+holiday
	// Mon 07:59 sleep
}

// On the night New York falls back (1 November 2026) the hour from 01:00 to 02:00 happens
// twice, and each pass is classified by its wall clock: with sleep from 01:30, the first
// 01:00-01:30 (EDT) is off, 01:30-02:00 EDT is sleep, the clock goes back to 01:00 EST, and
// 01:00-01:30 EST is off again.
func ExampleCalendar_Segments() {
	ny, _ := time.LoadLocation("America/New_York")
	c, _ := calendar.New(calendar.Profile{
		Zone:  ny,
		Sleep: calendar.Window{From: calendar.At(1, 30), To: calendar.At(8, 0)},
	})
	start := time.Date(2026, time.November, 1, 4, 0, 0, 0, time.UTC) // 00:00 EDT
	end := time.Date(2026, time.November, 1, 14, 0, 0, 0, time.UTC)  // 09:00 EST
	segs, err := c.Segments(start, end)
	if err != nil {
		panic(err)
	}
	for s := range segs {
		fmt.Println(s.Start.Format("15:04 MST"), "-", s.End.Format("15:04 MST"), s.End.Sub(s.Start), s.Class)
	}
	// Output:
	// 00:00 EDT - 01:30 EDT 1h30m0s off+weekend
	// 01:30 EDT - 01:00 EST 30m0s sleep+weekend
	// 01:00 EST - 01:30 EST 30m0s off+weekend
	// 01:30 EST - 08:00 EST 6h30m0s sleep+weekend
	// 08:00 EST - 09:00 EST 1h0m0s off+weekend
}
