package calendar_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/wellrested/oncall/calendar"
)

func TestReadHolidays(t *testing.T) {
	in := "\ufeffdate,name,until\n" +
		"# India, 2026 (gazetted holidays, from the Government of India list)\n" +
		"2026-01-26,Republic Day,\n" +
		"2026-08-15,Independence Day,\n" +
		"2026-10-02,Gandhi Jayanti,\n" +
		"2026-12-24,Christmas Eve,13:00\n"
	hols, halves, err := calendar.ReadHolidays(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(hols) != 3 || len(halves) != 1 {
		t.Fatalf("got %d holidays, %d half-days", len(hols), len(halves))
	}
	kol, _ := time.LoadLocation("Asia/Kolkata")
	c, err := calendar.New(calendar.Profile{Zone: kol, Holidays: hols, HalfDays: halves})
	if err != nil {
		t.Fatal(err)
	}
	// 2026-10-02 is a Friday: a holiday, so 10:00 is off hours with the holiday flag.
	if got, want := c.Classify(time.Date(2026, 10, 2, 10, 0, 0, 0, kol)), calendar.MakeClass(calendar.Off, calendar.FlagHoliday); got != want {
		t.Errorf("Gandhi Jayanti 10:00: got %v, want %v", got, want)
	}
	// 2026-12-24 is a Thursday: business until 13:00, holiday after.
	if got := c.Classify(time.Date(2026, 12, 24, 12, 59, 0, 0, kol)); got != calendar.MakeClass(calendar.Business, 0) {
		t.Errorf("Christmas Eve 12:59: got %v", got)
	}
	if got := c.Classify(time.Date(2026, 12, 24, 13, 0, 0, 0, kol)); got != calendar.MakeClass(calendar.Off, calendar.FlagHoliday) {
		t.Errorf("Christmas Eve 13:00: got %v", got)
	}
}

func TestReadHolidaysErrors(t *testing.T) {
	cases := []struct {
		name, in   string
		line       int
		field, val string
	}{
		{"empty", "", 1, "", ""},
		{"bad header", "day,name\n", 1, "", "day,name"},
		{"bad date", "date,name\n2026-02-30,Nope\n", 2, "date", "2026-02-30"},
		{"no name", "date,name\n2026-02-03,\n", 2, "name", ""},
		{"bad until", "date,name,until\n2026-02-03,Half,25:00\n", 2, "until", "25:00"},
		{"field count", "date,name\n2026-02-03,A,B\n", 2, "", ""},
		{"bad quote", "date,name\n2026-02-03,\"A\n", 2, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := calendar.ReadHolidays(strings.NewReader(c.in))
			var he *calendar.HolidayFileError
			if !errors.As(err, &he) {
				t.Fatalf("got %v, want *HolidayFileError", err)
			}
			if he.Line != c.line || he.Field != c.field || he.Value != c.val {
				t.Errorf("got line %d field %q value %q, want %d %q %q", he.Line, he.Field, he.Value, c.line, c.field, c.val)
			}
		})
	}
}

func FuzzReadHolidays(f *testing.F) {
	f.Add("date,name,until\n2026-01-26,Republic Day,\n2026-12-24,Eve,12:00\n")
	f.Add("date,name\n# comment\n2028-02-29,Leap\n")
	f.Add("date,name\n\"x\n")
	f.Fuzz(func(t *testing.T, in string) {
		hols, halves, err := calendar.ReadHolidays(strings.NewReader(in))
		if err != nil {
			var he *calendar.HolidayFileError
			if !errors.As(err, &he) {
				t.Fatalf("error %v is not a *HolidayFileError", err)
			}
			return
		}
		if _, err := calendar.New(calendar.Profile{Holidays: hols, HalfDays: halves}); err != nil {
			t.Fatalf("accepted file gives an unusable profile: %v", err)
		}
	})
}
