package calendar_test

import (
	"testing"
	"time"

	"github.com/wellrested/oncall/calendar"
)

func TestLeaveIn(t *testing.T) {
	lon, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	// Leave Monday 3 to Friday 7 August 2026, whole days in London (BST, UTC+1).
	c, err := calendar.New(calendar.Profile{Zone: lon, Leave: []calendar.Interval{
		calendar.LeaveDays(calendar.Date{Year: 2026, Month: 8, Day: 3}, calendar.Date{Year: 2026, Month: 8, Day: 7}, lon),
	}})
	if err != nil {
		t.Fatal(err)
	}
	at := func(d, h int) time.Time { return time.Date(2026, 8, d, h, 0, 0, 0, lon) }
	cases := []struct {
		name       string
		start, end time.Time
		want       bool
	}{
		{"week before, ends at leave start", at(1, 0), at(3, 0), false},
		{"touches the last hour", at(7, 23), at(9, 0), true},
		{"starts when leave ends", at(8, 0), at(9, 0), false},
		{"covers all of it", at(1, 0), at(10, 0), true},
		{"empty interval inside leave", at(4, 0), at(4, 0), false},
	}
	for _, c2 := range cases {
		if got := c.LeaveIn(c2.start, c2.end); got != c2.want {
			t.Errorf("%s: got %v, want %v", c2.name, got, c2.want)
		}
	}
}
