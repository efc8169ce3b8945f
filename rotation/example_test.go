package rotation_test

import (
	"fmt"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/rotation"
)

// Three people in UTC share four weeks of primary duty; bea is away in the third week. A
// week on call costs 303 burden units (see Weights). Each week bea is around is owed a third
// each (101); her week away is owed by ana and cai alone (151.5 each). Someone must take two
// weeks: ana or cai, who owe more, rather than bea; and that person's two weeks are as far
// apart as the horizon allows (the first and the last), because stints are spread evenly.
func ExampleModel_Generate() {
	person := func(id string) rotation.Member {
		return rotation.Member{Responder: oncall.Responder{ID: id, Profile: calendar.Profile{Zone: time.UTC}}}
	}
	team := []rotation.Member{person("ana"), person("bea"), person("cai")}
	start := time.Date(2026, 1, 6, 10, 0, 0, 0, time.UTC) // a Tuesday
	team[1].Responder.Profile.Leave = []calendar.Interval{{Start: start.AddDate(0, 0, 14), End: start.AddDate(0, 0, 21)}}

	m, err := rotation.Compile(rotation.Problem{
		Team: team,
		Spec: rotation.Spec{Roles: []rotation.RoleSpec{{Name: oncall.Primary}}},
		From: start, To: start.AddDate(0, 0, 28),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	plan, err := m.Generate()
	if err != nil {
		fmt.Println(err)
		return
	}
	for sh := range plan.All() {
		fmt.Println(sh.Start.Format("Jan 02"), sh.Responder)
	}
	for _, a := range plan.Ledger.Accounts {
		fmt.Printf("%s burden %.0f share %.1f\n", a.Responder, a.Burden, a.Share)
	}
	// Output:
	// Jan 06 ana
	// Jan 13 bea
	// Jan 20 cai
	// Jan 27 ana
	// ana burden 606 share 454.5
	// bea burden 303 share 303.0
	// cai burden 303 share 454.5
}

// The judging API works on any schedule. Here bea holds two weeks back to back, breaking a
// one-cycle rest rule, and carries 606 burden units to ana's 303: the mean is 454.5, the
// largest load 606 is a third above it and above the lower bound (909 units over two
// people).
func ExampleModel_Check() {
	person := func(id string) rotation.Member {
		return rotation.Member{Responder: oncall.Responder{ID: id}}
	}
	start := time.Date(2026, 1, 6, 10, 0, 0, 0, time.UTC)
	m, _ := rotation.Compile(rotation.Problem{
		Team: []rotation.Member{person("ana"), person("bea")},
		Spec: rotation.Spec{Roles: []rotation.RoleSpec{{Name: oncall.Primary}}, MinCyclesOff: 1},
		From: start, To: start.AddDate(0, 0, 21),
	})
	var s oncall.Schedule
	for w, who := range []string{"ana", "bea", "bea"} {
		s = append(s, oncall.Shift{Responder: who, Role: oncall.Primary, Start: start.AddDate(0, 0, 7*w), End: start.AddDate(0, 0, 7*w+7)})
	}
	vs, _ := m.Check(s)
	for _, v := range vs {
		fmt.Println(v.Rule, v.Responder, v.Start.Format("Jan 02"), v.Detail)
	}
	l, _ := m.Ledger(s)
	fmt.Printf("max %.1f, max/mean %.3f, bound %.1f\n", l.Indices.Max, l.Indices.MaxOverMean, l.LowerBound)
	// Output:
	// rest bea Jan 20 0 whole cycles after the previous stint; 1 needed
	// max 606.0, max/mean 1.333, bound 454.5
}
