package calendar

// Internal tests of the civil-date arithmetic, clocks, windows and weekday sets. The oracle
// for the day arithmetic is the standard library's time package (an independent
// implementation of the proleptic Gregorian calendar); the oracle for clock changes is Python's
// zoneinfo, whose answers are pasted into the tables with the command that produced them.

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"
)

// civilStdDays is the day number (days since 1970-01-01) of y-m-d according to package time.
func civilStdDays(y int, m time.Month, d int) int64 {
	return floorDiv(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix(), secondsPerDay)
}

func civilLoadZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return loc
}

// TestCivilDaysAgainstTime walks every day from 1600-01-01 to 2500-12-31 (both leap rules,
// 1600/2000/2400 leap, 1700/1800/1900/2100/2200/2300 not) and checks daysFromCivil,
// civilFromDays and weekdayOfDays against package time.
func TestCivilDaysAgainstTime(t *testing.T) {
	day := time.Date(1600, time.January, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2501, time.January, 1, 0, 0, 0, 0, time.UTC)
	want := civilStdDays(1600, time.January, 1)
	// Independent anchor: 1600-01-01 is 135140 days before 1970-01-01 (370 years with 90 leap
	// days: 370*365+90 = 135140; Python: (date(1970,1,1)-date(1600,1,1)).days == 135140).
	if want != -135140 {
		t.Fatalf("oracle anchor: got %d, want -135140", want)
	}
	n := 0
	for ; day.Before(end); day = day.AddDate(0, 0, 1) {
		y, m, d := day.Date()
		got := daysFromCivil(int64(y), int(m), d)
		if got != want {
			t.Fatalf("daysFromCivil(%d-%02d-%02d) = %d, want %d", y, m, d, got, want)
		}
		gy, gm, gd := civilFromDays(want)
		if gy != int64(y) || gm != int(m) || gd != d {
			t.Fatalf("civilFromDays(%d) = %d-%02d-%02d, want %d-%02d-%02d", want, gy, gm, gd, y, m, d)
		}
		if w := weekdayOfDays(want); w != day.Weekday() {
			t.Fatalf("weekdayOfDays(%d) (%s) = %s, want %s", want, day.Format(time.DateOnly), w, day.Weekday())
		}
		want++
		n++
	}
	// 901 years: 901*365 + 219 leap days (226 multiples of 4 in 1600..2500 minus the 7
	// centuries 1700, 1800, 1900, 2100, 2200, 2300, 2500); Python: (date(2501,1,1)-date(1600,1,1)).days.
	if n != 329084 {
		t.Fatalf("walked %d days, want 329084", n)
	}
}

// TestCivilDaysRandomFar checks far-away dates (including negative years, which time.Date
// handles with the same proleptic Gregorian rules) and the round trip.
func TestCivilDaysRandomFar(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		y := r.IntN(400001) - 200000
		m := time.Month(r.IntN(12) + 1)
		d := r.IntN(daysInStd(y, m)) + 1
		want := civilStdDays(y, m, d)
		if got := daysFromCivil(int64(y), int(m), d); got != want {
			t.Fatalf("daysFromCivil(%d-%02d-%02d) = %d, want %d", y, m, d, got, want)
		}
		gy, gm, gd := civilFromDays(want)
		if gy != int64(y) || gm != int(m) || gd != d {
			t.Fatalf("civilFromDays(%d) = %d-%d-%d, want %d-%d-%d", want, gy, gm, gd, y, m, d)
		}
		if w, tw := weekdayOfDays(want), time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Weekday(); w != tw {
			t.Fatalf("weekdayOfDays(%d-%02d-%02d) = %s, want %s", y, m, d, w, tw)
		}
	}
}

// daysInStd is the length of a month according to package time (day 0 of the next month).
func daysInStd(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func TestCivilKnownDays(t *testing.T) {
	tests := []struct {
		y    int64
		m, d int
		want int64
		how  string
	}{
		{1970, 1, 1, 0, "the epoch"},
		{1969, 12, 31, -1, "the day before the epoch"},
		{2000, 3, 1, 11017, "30 years (7 leap: 72..96) = 10957 to 2000-01-01, +31+29 = 11017"},
		{2000, 2, 29, 11016, "one day earlier; 2000 is divisible by 400, a leap year"},
		{2100, 3, 1, 47541, "2000-03-01 + 100 years of 365 days + 24 leap days (2004..2096) = 11017+36524"},
		{2100, 2, 28, 47540, "the day before 2100-03-01: 2100 is not a leap year"},
		{0, 3, 1, -719468, "the constant in Hinnant's algorithm: days from 0000-03-01 to the epoch"},
	}
	for _, tc := range tests {
		if got := daysFromCivil(tc.y, tc.m, tc.d); got != tc.want {
			t.Errorf("daysFromCivil(%d-%02d-%02d) = %d, want %d (%s)", tc.y, tc.m, tc.d, got, tc.want, tc.how)
		}
	}
}

func TestCivilLeapYears(t *testing.T) {
	tests := []struct {
		year int
		leap bool
	}{
		// Gregorian rule: divisible by 4, except centuries, except multiples of 400.
		{2000, true}, {2100, false}, {1900, false}, {2400, true}, {2024, true}, {2026, false}, {2028, true}, {0, true}, {-4, true}, {-100, false},
	}
	for _, tc := range tests {
		d := Date{tc.year, time.February, 29}
		if d.Valid() != tc.leap {
			t.Errorf("Date %v.Valid() = %v, want %v", d, d.Valid(), tc.leap)
		}
		want := 28
		if tc.leap {
			want = 29
		}
		if got := daysIn(tc.year, time.February); got != want {
			t.Errorf("daysIn(%d, February) = %d, want %d", tc.year, got, want)
		}
	}
}

func TestCivilDateValid(t *testing.T) {
	tests := []struct {
		d    Date
		want bool
	}{
		{Date{2026, 1, 31}, true},
		{Date{2026, 4, 31}, false}, // April has 30 days
		{Date{2026, 4, 30}, true},
		{Date{2026, 13, 1}, false},
		{Date{2026, 0, 1}, false},
		{Date{2026, 1, 0}, false},
		{Date{2026, 12, 31}, true},
		{Date{2026, 12, 32}, false},
		{Date{}, false}, // month 0
	}
	for _, tc := range tests {
		if got := tc.d.Valid(); got != tc.want {
			t.Errorf("%v.Valid() = %v, want %v", tc.d, got, tc.want)
		}
	}
}

func TestCivilAddDays(t *testing.T) {
	tests := []struct {
		d    Date
		n    int
		want Date
		how  string
	}{
		{Date{2028, 2, 28}, 1, Date{2028, 2, 29}, "2028 is a leap year"},
		{Date{2028, 2, 28}, 2, Date{2028, 3, 1}, "past the leap day"},
		{Date{2027, 2, 28}, 1, Date{2027, 3, 1}, "2027 is not a leap year"},
		{Date{2000, 2, 28}, 1, Date{2000, 2, 29}, "2000 is a leap year (divisible by 400)"},
		{Date{2100, 2, 28}, 1, Date{2100, 3, 1}, "2100 is not a leap year (century)"},
		{Date{1900, 2, 28}, 1, Date{1900, 3, 1}, "1900 is not a leap year (century)"},
		{Date{2028, 3, 1}, -1, Date{2028, 2, 29}, "backwards onto the leap day"},
		{Date{2100, 3, 1}, -1, Date{2100, 2, 28}, "backwards over the missing leap day"},
		{Date{2028, 2, 29}, 365, Date{2029, 2, 28}, "2029-02-28 is 365 days after 2028-02-29 (no Feb 29 in 2029)"},
		{Date{2028, 2, 29}, 1461, Date{2032, 2, 29}, "four years with one leap day (2032-02-29 itself is the 1461st day: 3*365+366)"},
		{Date{2026, 12, 31}, 1, Date{2027, 1, 1}, "year end"},
		{Date{2026, 1, 1}, -1, Date{2025, 12, 31}, "year start backwards"},
		{Date{1999, 12, 31}, 146097, Date{2399, 12, 31}, "a 400-year cycle is exactly 146097 days"},
		{Date{2026, 6, 8}, 0, Date{2026, 6, 8}, "zero"},
	}
	for _, tc := range tests {
		if got := tc.d.AddDays(tc.n); got != tc.want {
			t.Errorf("%v.AddDays(%d) = %v, want %v (%s)", tc.d, tc.n, got, tc.want, tc.how)
		}
	}
	// Against package time over a range of offsets from a leap day.
	base := time.Date(2028, time.February, 29, 0, 0, 0, 0, time.UTC)
	for n := -3000; n <= 3000; n += 7 {
		want := DateOf(base.AddDate(0, 0, n))
		if got := (Date{2028, 2, 29}).AddDays(n); got != want {
			t.Fatalf("2028-02-29.AddDays(%d) = %v, want %v (time.AddDate)", n, got, want)
		}
	}
}

func TestCivilWeekday(t *testing.T) {
	tests := []struct {
		d    Date
		want time.Weekday
	}{
		// Python: date(y,m,d).strftime("%A")
		{Date{2028, 2, 29}, time.Tuesday},
		{Date{2000, 2, 29}, time.Tuesday},
		{Date{2100, 2, 28}, time.Sunday},
		{Date{1970, 1, 1}, time.Thursday},
		{Date{2026, 7, 4}, time.Saturday},
		{Date{2026, 3, 8}, time.Sunday},
		{Date{1969, 12, 31}, time.Wednesday},
	}
	for _, tc := range tests {
		if got := tc.d.Weekday(); got != tc.want {
			t.Errorf("%v.Weekday() = %s, want %s", tc.d, got, tc.want)
		}
	}
}

func TestCivilDateCompare(t *testing.T) {
	a, b := Date{2028, 2, 29}, Date{2028, 3, 1}
	if a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Errorf("Compare: got %d %d %d, want -1 1 0", a.Compare(b), b.Compare(a), a.Compare(a))
	}
	if !a.Before(b) || b.Before(a) || a.Before(a) {
		t.Errorf("Before: wrong order for %v, %v", a, b)
	}
	// Year dominates month, month dominates day.
	if (Date{2027, 12, 31}).Compare(Date{2028, 1, 1}) != -1 || (Date{2028, 1, 31}).Compare(Date{2028, 2, 1}) != -1 {
		t.Errorf("Compare across month/year boundaries wrong")
	}
}

func TestCivilDateString(t *testing.T) {
	tests := []struct {
		d    Date
		want string
	}{
		{Date{2028, 2, 29}, "2028-02-29"},
		{Date{5, 1, 2}, "0005-01-02"},
		{Date{2026, 12, 31}, "2026-12-31"},
	}
	for _, tc := range tests {
		if got := tc.d.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
		b, err := tc.d.MarshalText()
		if err != nil || string(b) != tc.want {
			t.Errorf("MarshalText() = %q, %v; want %q", b, err, tc.want)
		}
		var back Date
		if err := back.UnmarshalText([]byte(tc.want)); err != nil || back != tc.d {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", tc.want, back, err, tc.d)
		}
	}
	var d Date
	if err := d.UnmarshalText([]byte("2026-02-30")); !errors.Is(err, ErrInvalidDate) {
		t.Errorf("UnmarshalText(2026-02-30) error = %v, want ErrInvalidDate", err)
	}
}

func TestCivilFloorDiv(t *testing.T) {
	tests := []struct{ a, b, want int64 }{
		{7, 2, 3}, {-7, 2, -4}, {7, -2, -4}, {-7, -2, 3}, {-8, 2, -4}, {0, 5, 0}, {-1, 86400, -1}, {86399, 86400, 0},
	}
	for _, tc := range tests {
		if got := floorDiv(tc.a, tc.b); got != tc.want {
			t.Errorf("floorDiv(%d, %d) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestCivilWallInstant checks the mapping of a wall-clock reading to an instant across gaps and
// repeated hours. Expected instants come from Python zoneinfo, e.g.
//
//	python3 -c "from zoneinfo import ZoneInfo; from datetime import *; \
//	  print(datetime(2026,11,1,1,30,tzinfo=ZoneInfo('America/New_York'),fold=0).astimezone(timezone.utc))"
//
// (fold=0 is the earlier of two readings; for a gap the answer is the instant of the jump,
// found by listing transitions with astimezone over 2026.)
func TestCivilWallInstant(t *testing.T) {
	tests := []struct {
		zone string
		d    Date
		c    Clock
		want time.Time
		how  string
	}{
		{"America/New_York", Date{2026, 3, 8}, At(2, 30), time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC), "gap 02:00-03:00: first instant at or after 02:30 is the 03:00 EDT jump (07:00Z)"},
		{"America/New_York", Date{2026, 3, 8}, At(1, 59), time.Date(2026, 3, 8, 6, 59, 0, 0, time.UTC), "01:59 EST just before the gap"},
		{"America/New_York", Date{2026, 3, 8}, At(3, 0), time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC), "03:00 EDT"},
		{"America/New_York", Date{2026, 11, 1}, At(1, 30), time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC), "repeated: 01:30 EDT (fold=0) = 05:30Z, not 01:30 EST = 06:30Z"},
		{"America/New_York", Date{2026, 11, 1}, At(2, 0), time.Date(2026, 11, 1, 7, 0, 0, 0, time.UTC), "02:00 EST, after the repeat"},
		{"Europe/London", Date{2026, 3, 29}, At(1, 15), time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC), "gap 01:00-02:00 GMT->BST: the jump at 01:00Z"},
		{"Europe/London", Date{2026, 10, 25}, At(1, 30), time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), "repeated: 01:30 BST = 00:30Z"},
		{"Australia/Sydney", Date{2026, 4, 5}, At(2, 30), time.Date(2026, 4, 4, 15, 30, 0, 0, time.UTC), "repeated: 02:30 AEDT (+11) = 15:30Z the day before"},
		{"Australia/Sydney", Date{2026, 10, 4}, At(2, 30), time.Date(2026, 10, 3, 16, 0, 0, 0, time.UTC), "gap 02:00-03:00: the jump at 16:00Z"},
		{"America/Santiago", Date{2026, 9, 6}, 0, time.Date(2026, 9, 6, 4, 0, 0, 0, time.UTC), "midnight skipped (00:00 -04 -> 01:00 -03): day starts 01:00 -03 = 04:00Z"},
		{"America/Santiago", Date{2026, 4, 4}, At(23, 30), time.Date(2026, 4, 5, 2, 30, 0, 0, time.UTC), "repeated 23:00-24:00 on 4 April: 23:30 -03 = 02:30Z"},
		{"America/Santiago", Date{2026, 4, 5}, 0, time.Date(2026, 4, 5, 4, 0, 0, 0, time.UTC), "midnight after the repeat: 00:00 -04 = 04:00Z"},
		{"America/New_York", Date{2026, 3, 7}, 24 * 3600, time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC), "24:00 is the next midnight (EST)"},
	}
	for _, tc := range tests {
		loc := civilLoadZone(t, tc.zone)
		got := wallInstant(tc.d, tc.c, loc)
		if !got.Equal(tc.want) {
			t.Errorf("wallInstant(%v %v %s) = %v, want %v (%s)", tc.d, tc.c, tc.zone, got.UTC(), tc.want, tc.how)
		}
		if tc.c == 0 {
			if s := tc.d.Start(loc); !s.Equal(tc.want) {
				t.Errorf("%v.Start(%s) = %v, want %v", tc.d, tc.zone, s.UTC(), tc.want)
			}
		}
	}
}

func TestCivilDayLengths(t *testing.T) {
	// Python: (datetime(y,m,d+1,tzinfo=z) - datetime(y,m,d,tzinfo=z)) with the aware-subtraction
	// done in UTC (astimezone(timezone.utc) on both ends).
	tests := []struct {
		zone string
		d    Date
		want time.Duration
	}{
		{"America/New_York", Date{2026, 3, 8}, 23 * time.Hour},
		{"America/New_York", Date{2026, 11, 1}, 25 * time.Hour},
		{"Europe/London", Date{2026, 3, 29}, 23 * time.Hour},
		{"Europe/London", Date{2026, 10, 25}, 25 * time.Hour},
		{"Australia/Sydney", Date{2026, 4, 5}, 25 * time.Hour},
		{"Australia/Sydney", Date{2026, 10, 4}, 23 * time.Hour},
		// 6 Sep starts at 01:00 -03 (04:00Z, midnight is skipped) and 7 Sep at 00:00 -03 (03:00Z).
		{"America/Santiago", Date{2026, 9, 6}, 23 * time.Hour},
		{"America/Santiago", Date{2026, 4, 4}, 25 * time.Hour},
		{"Asia/Kolkata", Date{2028, 2, 29}, 24 * time.Hour},
		{"Pacific/Chatham", Date{2026, 4, 5}, 25 * time.Hour},
	}
	for _, tc := range tests {
		loc := civilLoadZone(t, tc.zone)
		if got := tc.d.AddDays(1).Start(loc).Sub(tc.d.Start(loc)); got != tc.want {
			t.Errorf("%s %v: day length %v, want %v", tc.zone, tc.d, got, tc.want)
		}
	}
}

func TestCivilWindow(t *testing.T) {
	tests := []struct {
		w       Window
		c       Clock
		want    bool
		crosses bool
		dur     time.Duration
	}{
		{Window{At(8, 0), At(18, 0)}, At(8, 0), true, false, 10 * time.Hour},   // From is inside
		{Window{At(8, 0), At(18, 0)}, At(18, 0), false, false, 10 * time.Hour}, // To is outside
		{Window{At(8, 0), At(18, 0)}, At(17, 59) + 59, true, false, 10 * time.Hour},
		{Window{At(8, 0), At(18, 0)}, At(7, 59), false, false, 10 * time.Hour},
		{Window{At(22, 0), At(8, 0)}, At(22, 0), true, true, 10 * time.Hour}, // crossing: 2h + 8h
		{Window{At(22, 0), At(8, 0)}, At(23, 59), true, true, 10 * time.Hour},
		{Window{At(22, 0), At(8, 0)}, 0, true, true, 10 * time.Hour},
		{Window{At(22, 0), At(8, 0)}, At(7, 59), true, true, 10 * time.Hour},
		{Window{At(22, 0), At(8, 0)}, At(8, 0), false, true, 10 * time.Hour},
		{Window{At(22, 0), At(8, 0)}, At(12, 0), false, true, 10 * time.Hour},
		{Window{At(22, 0), At(8, 0)}, At(21, 59), false, true, 10 * time.Hour},
		{Window{0, At(24, 0)}, 0, true, false, 24 * time.Hour}, // whole day
		{Window{0, At(24, 0)}, At(23, 59) + 59, true, false, 24 * time.Hour},
		{Window{At(9, 0), At(9, 0)}, At(9, 0), false, false, 0}, // empty
		{Window{At(9, 0), At(9, 0)}, At(3, 0), false, false, 0},
		{Window{At(18, 0), 0}, At(23, 0), true, true, 6 * time.Hour}, // to midnight
		{Window{At(18, 0), 0}, 0, false, true, 6 * time.Hour},
	}
	for _, tc := range tests {
		if got := tc.w.Contains(tc.c); got != tc.want {
			t.Errorf("%v.Contains(%v) = %v, want %v", tc.w, tc.c, got, tc.want)
		}
		if got := tc.w.containsNs(int64(tc.c) * nsPerSecond); got != tc.want {
			t.Errorf("%v.containsNs(%v) = %v, want %v", tc.w, tc.c, got, tc.want)
		}
		if got := tc.w.Crosses(); got != tc.crosses {
			t.Errorf("%v.Crosses() = %v, want %v", tc.w, got, tc.crosses)
		}
		if got := tc.w.Duration(); got != tc.dur {
			t.Errorf("%v.Duration() = %v, want %v", tc.w, got, tc.dur)
		}
	}
	// Nanosecond precision at the edges: one nanosecond before To is inside.
	w := Window{At(22, 0), At(8, 0)}
	if !w.containsNs(int64(At(8, 0))*nsPerSecond - 1) {
		t.Errorf("containsNs(07:59:59.999999999) = false, want true")
	}
	if w.containsNs(int64(At(22, 0))*nsPerSecond - 1) {
		t.Errorf("containsNs(21:59:59.999999999) = true, want false")
	}
}

func TestCivilWeekdays(t *testing.T) {
	if MondayToFriday != WeekdaysOf(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday) {
		t.Errorf("MondayToFriday = %08b", MondayToFriday)
	}
	// Bits: Sunday=0 .. Saturday=6, so Monday..Friday is 0b0111110 = 62.
	if MondayToFriday != 62 {
		t.Errorf("MondayToFriday = %d, want 62", MondayToFriday)
	}
	if got := MondayToFriday.String(); got != "Mon,Tue,Wed,Thu,Fri" {
		t.Errorf("String() = %q", got)
	}
	w := WeekdaysOf(time.Sunday, time.Saturday)
	if got := w.String(); got != "Sun,Sat" {
		t.Errorf("String() = %q, want Sun,Sat", got)
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		want := d == time.Sunday || d == time.Saturday
		if w.Has(d) != want {
			t.Errorf("Has(%s) = %v, want %v", d, w.Has(d), want)
		}
		if MondayToFriday.Has(d) == want {
			t.Errorf("MondayToFriday.Has(%s) = %v", d, MondayToFriday.Has(d))
		}
	}
	if got := Weekdays(0).String(); got != "" {
		t.Errorf("empty String() = %q", got)
	}
}

func TestCivilClockString(t *testing.T) {
	tests := []struct {
		c    Clock
		want string
	}{
		{0, "00:00"}, {At(8, 5), "08:05"}, {At(24, 0), "24:00"}, {At(23, 59) + 59, "23:59:59"}, {At(1, 0) + 1, "01:00:01"},
	}
	for _, tc := range tests {
		if got := tc.c.String(); got != tc.want {
			t.Errorf("Clock(%d).String() = %q, want %q", int(tc.c), got, tc.want)
		}
		var back Clock
		if err := back.UnmarshalText([]byte(tc.want)); err != nil || back != tc.c {
			t.Errorf("UnmarshalText(%q) = %d, %v", tc.want, back, err)
		}
	}
	if got := (Window{At(22, 0), At(6, 30)}).String(); got != "22:00-06:30" {
		t.Errorf("Window.String() = %q", got)
	}
}

func TestDateAt(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		d    Date
		c    Clock
		want time.Time
	}{
		// Ordinary: 2026-03-07 23:00 EST = 2026-03-08 04:00Z.
		{Date{2026, 3, 7}, At(23, 0), time.Date(2026, 3, 8, 4, 0, 0, 0, time.UTC)},
		// Gap: 02:30 does not exist on 2026-03-08; first instant at or after it is 03:00 EDT = 07:00Z.
		{Date{2026, 3, 8}, At(2, 30), time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC)},
		// Repeat: 01:30 happens twice on 2026-11-01; the first is 01:30 EDT = 05:30Z.
		{Date{2026, 11, 1}, At(1, 30), time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC)},
		// 24:00 is the next day's start: 2026-11-02 00:00 EST = 05:00Z.
		{Date{2026, 11, 1}, At(24, 0), time.Date(2026, 11, 2, 5, 0, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		if got := c.d.At(c.c, ny); !got.Equal(c.want) {
			t.Errorf("%v at %v: got %v, want %v", c.d, c.c, got.UTC(), c.want)
		}
	}
}

func TestDaysUntil(t *testing.T) {
	// 2028 is a leap year: 2028-02-28 to 2028-03-01 is 2 days; 2027-12-31 to 2029-01-01 is 367.
	cases := []struct {
		a, b Date
		want int
	}{
		{Date{2028, 2, 28}, Date{2028, 3, 1}, 2},
		{Date{2027, 2, 28}, Date{2027, 3, 1}, 1},
		{Date{2027, 12, 31}, Date{2029, 1, 1}, 367},
		{Date{2026, 7, 4}, Date{2026, 7, 3}, -1},
	}
	for _, c := range cases {
		if got := c.a.DaysUntil(c.b); got != c.want {
			t.Errorf("%v to %v: got %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
