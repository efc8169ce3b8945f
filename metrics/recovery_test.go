package metrics

import (
	"errors"
	"testing"
	"time"

	"github.com/wellrested/oncall/calendar"
	"pgregory.net/rapid"
)

// Hand-worked: ana is owed 4 h (5-19 Jan), 8 h (10 Jan-10 Feb) and 2 h (from 20 Jan, no
// expiry). She takes 6 h on 12 Jan: 4 h to the entitlement expiring first, 2 h to the next.
// She takes 3 h on 25 Jan: to the 8 h entitlement (6 h left, 3 h remain). As of 1 March the
// remaining 3 h have lapsed and 2 h are outstanding. ben takes 5 h on 3 Jan with nothing owed.
// Team: owed 14 h, taken 14 h, credited 9 h, unmatched 5 h, outstanding 2 h, lapsed 3 h.
func TestRecoveryHandWorked(t *testing.T) {
	d := func(s string) time.Time { return at(s + "T09:00:00Z") }
	owed := []Owed{
		{Responder: "ana", Amount: 8 * time.Hour, Earliest: d("2026-01-10"), Expires: d("2026-02-10")},
		{Responder: "ana", Amount: 2 * time.Hour, Earliest: d("2026-01-20")},
		{Responder: "ana", Amount: 4 * time.Hour, Earliest: d("2026-01-05"), Expires: d("2026-01-19")},
	}
	taken := []TimeOff{
		{Responder: "ana", Start: d("2026-01-25"), Amount: 3 * time.Hour},
		{Responder: "ana", Start: d("2026-01-12"), Amount: 6 * time.Hour},
		{Responder: "ben", Start: d("2026-01-03"), Amount: 5 * time.Hour},
	}
	r, err := RecoveryOf(owed, taken, d("2026-03-01"))
	if err != nil {
		t.Fatal(err)
	}
	h := func(x float64) Float { return Float(x * 3600) }
	wantAna := RecoveryBalance{ID: "ana", OwedSeconds: h(14), TakenSeconds: h(9), CreditedSeconds: h(9),
		UnmatchedSeconds: 0, OutstandingSeconds: h(2), LapsedSeconds: h(3), TakenShare: Float(9.0 / 14)}
	if len(r.ByResponder) != 2 || r.ByResponder[0] != wantAna {
		t.Errorf("ana %+v\nwant %+v", r.ByResponder[0], wantAna)
	}
	if ben := r.ByResponder[1]; ben.ID != "ben" || ben.UnmatchedSeconds != h(5) || !ben.TakenShare.IsNaN() {
		t.Errorf("ben %+v", ben)
	}
	tm := r.Team
	if tm.OwedSeconds != h(14) || tm.TakenSeconds != h(14) || tm.CreditedSeconds != h(9) || tm.UnmatchedSeconds != h(5) ||
		tm.OutstandingSeconds != h(2) || tm.LapsedSeconds != h(3) {
		t.Errorf("team %+v", tm)
	}
	// Before 10 February nothing has lapsed: the 3 h are still outstanding.
	early, _ := RecoveryOf(owed, taken, d("2026-02-01"))
	if early.Team.LapsedSeconds != 0 || early.Team.OutstandingSeconds != h(5) {
		t.Errorf("as of 1 Feb: %+v", early.Team)
	}
	_, err = RecoveryOf([]Owed{{Responder: "x", Amount: time.Hour, Earliest: d("2026-01-02"), Expires: d("2026-01-01")}}, nil, d("2026-03-01"))
	var re *RecordError
	if !errors.Is(err, ErrInvalidRecord) || !errors.As(err, &re) || re.Kind != "owed" || re.Index != 0 {
		t.Errorf("bad entitlement: %v", err)
	}
}

// Hand-worked: a London week of leave, Monday 30 March to Sunday 5 April 2026 (the clocks
// went forward on 29 March). Good Friday, 3 April, is an English bank holiday, so the leave
// removes four working days of 08:00-18:00: 40 hours.
func TestTimeOffFromLeave(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	leave := calendar.LeaveDays(calendar.Date{Year: 2026, Month: 3, Day: 30}, calendar.Date{Year: 2026, Month: 4, Day: 5}, london)
	c := mustCal(t, calendar.Profile{Zone: london, Region: "GB", Leave: []calendar.Interval{leave}})
	offs, err := TimeOffFromLeave("ana", c)
	if err != nil {
		t.Fatal(err)
	}
	if len(offs) != 1 || offs[0].Amount != 40*time.Hour || !offs[0].Start.Equal(leave.Start) || offs[0].Responder != "ana" {
		t.Errorf("time off %+v", offs)
	}
}

// Conservation: every hour owed ends up credited, outstanding or lapsed, and every hour taken
// is credited or unmatched.
func TestRecoveryConserves(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		base := at("2026-01-01T00:00:00Z")
		hours := func(label string) time.Duration {
			return time.Duration(rapid.IntRange(0, 40).Draw(rt, label)) * time.Hour
		}
		var owed []Owed
		for range rapid.IntRange(0, 8).Draw(rt, "owed") {
			e := base.Add(hours("earliest") * 10)
			o := Owed{Responder: rapid.SampledFrom([]string{"a", "b"}).Draw(rt, "who"), Amount: hours("amount"), Earliest: e}
			if rapid.Bool().Draw(rt, "expires") {
				o.Expires = e.Add(hours("window")*10 + time.Hour)
			}
			owed = append(owed, o)
		}
		var taken []TimeOff
		for range rapid.IntRange(0, 8).Draw(rt, "taken") {
			taken = append(taken, TimeOff{Responder: rapid.SampledFrom([]string{"a", "b", "c"}).Draw(rt, "who"),
				Start: base.Add(hours("start") * 12), Amount: hours("amount")})
		}
		r, err := RecoveryOf(owed, taken, base.Add(hours("asof")*15))
		if err != nil {
			rt.Fatal(err)
		}
		for _, b := range append(r.ByResponder, r.Team) {
			if b.CreditedSeconds+b.OutstandingSeconds+b.LapsedSeconds != b.OwedSeconds ||
				b.CreditedSeconds+b.UnmatchedSeconds != b.TakenSeconds {
				rt.Fatalf("%+v does not add up", b)
			}
		}
	})
}
