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
// one-cycle rest rule, and carries 606 burden units to ana's 303: the mean is 454.5 and the
// largest load 606 a third above it. The lower bound is 606 too: two people cannot share
// three weeks without one of them holding two (606 units), so an even split is out of reach.
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
	// max 606.0, max/mean 1.333, bound 606.0
}

// Four weeks of history saw three pages each Saturday between 03:00 and 04:00 in the
// rotation's zone, and none at other times: that hour expects three pages. At 5 burden
// units a page, a week on call, which holds one Saturday 03:00, costs 15 units more than
// the 303 its hours cost.
func ExamplePageLoad() {
	start := time.Date(2026, 1, 6, 10, 0, 0, 0, time.UTC) // a Tuesday
	learnFrom := start.AddDate(0, 0, -28)
	var pages []oncall.Page
	for w := 0; w < 4; w++ {
		saturday := time.Date(2026, 1, 3-7*w, 3, 0, 0, 0, time.UTC)
		for k := 0; k < 3; k++ {
			pages = append(pages, oncall.Page{IncidentID: fmt.Sprint(w, k), Responder: "ana", Role: oncall.Primary, Triggered: saturday.Add(time.Duration(k) * 10 * time.Minute)})
		}
	}
	person := func(id string) rotation.Member {
		return rotation.Member{Responder: oncall.Responder{ID: id, Profile: calendar.Profile{Zone: time.UTC}}}
	}
	m, err := rotation.Compile(rotation.Problem{
		Team: []rotation.Member{person("ana"), person("bea")},
		Spec: rotation.Spec{Roles: []rotation.RoleSpec{{Name: oncall.Primary}}},
		From: start, To: start.AddDate(0, 0, 7),
		PageLoad: rotation.PageLoad{Weight: 5, Pages: pages, From: learnFrom, To: start},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	l, _ := m.Ledger(oncall.Schedule{{Responder: "ana", Role: oncall.Primary, Start: start, End: start.AddDate(0, 0, 7)}})
	fmt.Printf("burden %.0f\n", l.Accounts[0].Burden)
	// Output:
	// burden 318
}

// Validate reports every unusable field at once, before anything is priced.
func ExampleProblem_Validate() {
	err := rotation.Problem{
		Team: []rotation.Member{{Responder: oncall.Responder{ID: "ana"}, Capacity: -1}},
		Spec: rotation.Spec{MinCyclesOff: -1},
	}.Validate()
	fmt.Println(err)
	// Output:
	// rotation: spec min cycles off -1: must not be negative: invalid rotation problem
	// rotation: member 0 (ana) capacity -1: must be a positive number: invalid rotation problem
	// rotation: horizon 0001-01-01T00:00:00Z to 0001-01-01T00:00:00Z: needs From before To: invalid rotation problem
}
