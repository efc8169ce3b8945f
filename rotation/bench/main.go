// Command bench compares rotation.Generate with plain rotations and, optionally, with an
// exact MILP solver on the LP file the package writes.
//
//	go run ./rotation/bench                 # generator vs round robin vs least recently on call
//	go run ./rotation/bench -cbc 600        # also solve each LP with CBC, 600 s limit each
//	go run ./rotation/bench -cbc 600 -only "1 year"   # one instance
//	go run ./rotation/bench -only "6 people" -budget 20000000   # a larger exact search
//	go run ./rotation/bench -only "6 people" -solution sol.txt  # judge CBC's schedule too
//
// A solution file is CBC's "solu" output for the instance's LP file (written with -cbc, or by
// hand: cbc rotation-0.lp sec 150 solve solu sol.txt quit); the bench turns it back into
// shifts and judges them with the package's own Check and Ledger.
//
// For each instance it prints the largest load of each schedule, its ratio to the
// instance's lower bound, rule violations, and with -cbc the solver's best objective and
// bound. CBC is Debian's coinor-cbc; it is not needed by the package or its tests.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/rotation"
)

type instance struct {
	name string
	pr   rotation.Problem
}

func loc(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

func member(id, zone, region string) rotation.Member {
	return rotation.Member{Responder: oncall.Responder{ID: id, Profile: calendar.Profile{Zone: loc(zone), Region: region}}}
}

func leave(m *rotation.Member, from time.Time, days int) {
	m.Responder.Profile.Leave = append(m.Responder.Profile.Leave, calendar.Interval{Start: from, End: from.AddDate(0, 0, days)})
}

func instances() []instance {
	var out []instance
	// Six people in London, 26 weeks over Christmas, chained, one half-timer, some leave.
	{
		start := time.Date(2026, 9, 1, 10, 0, 0, 0, loc("Europe/London"))
		var tm []rotation.Member
		for i := 0; i < 6; i++ {
			tm = append(tm, member(fmt.Sprintf("uk%d", i), "Europe/London", "GB"))
		}
		tm[5].Capacity = 0.5
		leave(&tm[1], start.AddDate(0, 0, 50), 14)
		leave(&tm[3], time.Date(2026, 12, 21, 0, 0, 0, 0, time.UTC), 12)
		out = append(out, instance{"6 people, 26 weeks, chained, Christmas", rotation.Problem{Team: tm, From: start, To: start.AddDate(0, 0, 26*7),
			Spec: rotation.Spec{Zone: loc("Europe/London"), Chain: true, MinCyclesOff: 1}, Seed: 1}})
	}
	// Twelve people across three zones, 26 weeks, primary and secondary.
	{
		start := time.Date(2026, 1, 6, 10, 0, 0, 0, time.UTC)
		zones := [][2]string{{"Europe/Berlin", "DE"}, {"America/Chicago", "US"}, {"Australia/Sydney", "AU-NSW"}}
		var tm []rotation.Member
		for i := 0; i < 12; i++ {
			z := zones[i%3]
			tm = append(tm, member(fmt.Sprintf("z%d-%d", i%3, i), z[0], z[1]))
		}
		leave(&tm[4], start.AddDate(0, 0, 30), 10)
		out = append(out, instance{"12 people, 3 zones, 26 weeks", rotation.Problem{Team: tm, From: start, To: start.AddDate(0, 0, 26*7),
			Spec: rotation.Spec{MinCyclesOff: 2}, Seed: 1}})
	}
	// Twelve people in three regions following the sun: daily cycles for two weeks, each
	// region's role held 08:00-16:00 local by its own four people, a day off between stints,
	// one week of leave; small enough for CBC to prove the optimum.
	{
		start := time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)
		regions := []struct{ role, zone, region string }{{"emea", "Europe/London", "GB"}, {"amer", "America/New_York", "US"}, {"apac", "Asia/Tokyo", "JP"}}
		var roles []rotation.RoleSpec
		for _, r := range regions {
			roles = append(roles, rotation.RoleSpec{Name: r.role, Coverage: &rotation.Coverage{Zone: loc(r.zone), Hours: calendar.Window{From: calendar.At(8, 0), To: calendar.At(16, 0)}}})
		}
		var tm []rotation.Member
		for i := 0; i < 12; i++ {
			r := regions[i%3]
			m := member(fmt.Sprintf("%s%d", r.role, i/3), r.zone, r.region)
			m.Roles = []string{r.role}
			tm = append(tm, m)
		}
		leave(&tm[4], start.AddDate(0, 0, 5), 7)
		tm[6].Capacity = 0.5
		out = append(out, instance{"12 people, 3 zones following the sun, 2 weeks daily", rotation.Problem{Team: tm, From: start, To: start.AddDate(0, 0, 14),
			Spec: rotation.Spec{CycleDays: 1, Handoff: &rotation.Handoff{Day: time.Tuesday, At: 0}, Roles: roles, MinCyclesOff: 1}, Seed: 1}})
	}
	// Twelve people, a year, carried balances, leave, two juniors.
	{
		start := time.Date(2026, 1, 6, 10, 0, 0, 0, time.UTC)
		var tm []rotation.Member
		carried := map[string]float64{}
		for i := 0; i < 12; i++ {
			m := member(fmt.Sprintf("y%02d", i), []string{"Europe/London", "America/New_York"}[i%2], []string{"GB", "US"}[i%2])
			leave(&m, start.AddDate(0, 0, 19*i+5), 7+i%3*4)
			carried[m.Responder.ID] = float64((i*137)%600 - 300)
			tm = append(tm, m)
		}
		tm[10].Roles, tm[11].Roles = []string{oncall.Secondary}, []string{oncall.Secondary}
		tm[9].Capacity = 0.5
		out = append(out, instance{"12 people, 1 year, carried balances", rotation.Problem{Team: tm, From: start, To: start.AddDate(0, 0, 52*7),
			Carried: carried, Spec: rotation.Spec{Chain: true, MinCyclesOff: 1}, Seed: 1}})
	}
	return out
}

// roundRobin hands slots out in a fixed order, ignoring everything (as a plain layer does).
func roundRobin(m *rotation.Model) oncall.Schedule {
	spec, tm := m.Spec(), m.Team()
	var s oncall.Schedule
	for _, sl := range m.Slots() {
		k := sl.Cycle
		if spec.Chain && sl.Role == spec.Roles[1].Name {
			k++
		} else if !spec.Chain && sl.Role != spec.Roles[0].Name {
			k += len(tm) / 2
		}
		who := tm
		if sl.Parts != nil {
			// A regional layer rotates its own people.
			who = nil
			for _, mem := range tm {
				if eligible(mem, sl.Role) {
					who = append(who, mem)
				}
			}
			k = sl.Cycle
		}
		s = append(s, shiftsOf(sl, who[k%len(who)].Responder.ID)...)
	}
	return s
}

// shiftsOf is slot sl held by id: the whole cycle, or each coverage window.
func shiftsOf(sl rotation.Slot, id string) oncall.Schedule {
	if sl.Parts == nil {
		return oncall.Schedule{{Responder: id, Role: sl.Role, Start: sl.Start, End: sl.End}}
	}
	var s oncall.Schedule
	for _, p := range sl.Parts {
		s = append(s, oncall.Shift{Responder: id, Role: sl.Role, Start: p.Start, End: p.End})
	}
	return s
}

// leastRecent gives each slot to the eligible person not on leave who was on call longest
// ago (ties by team order), the common "fair" heuristic.
func leastRecent(m *rotation.Model) oncall.Schedule {
	spec, tm := m.Spec(), m.Team()
	cals := make([]*calendar.Calendar, len(tm))
	for i, mem := range tm {
		cals[i], _ = calendar.New(mem.Responder.Profile)
	}
	last := make([]time.Time, len(tm))
	var s oncall.Schedule
	busy := map[string]time.Time{}
	for _, sl := range m.Slots() {
		best := -1
		for p, mem := range tm {
			if !eligible(mem, sl.Role) || busy[mem.Responder.ID].After(sl.Start) {
				continue
			}
			if b, _ := cals[p].Split(sl.Start, sl.End); b.With(calendar.FlagLeave) > 0 {
				continue
			}
			if best < 0 || last[p].Before(last[best]) {
				best = p
			}
		}
		if best < 0 {
			best = sl.Cycle % len(tm)
		}
		last[best], busy[tm[best].Responder.ID] = sl.End, sl.End
		s = append(s, shiftsOf(sl, tm[best].Responder.ID)...)
	}
	_ = spec
	return s
}

func eligible(m rotation.Member, role string) bool {
	if m.Roles == nil {
		return true
	}
	for _, r := range m.Roles {
		if r == role {
			return true
		}
	}
	return false
}

type result struct {
	name string
	max  float64
	viol int
	took time.Duration
	err  error
}

func judge(m *rotation.Model, name string, s oncall.Schedule, took time.Duration) result {
	l, err := m.Ledger(s)
	if err != nil {
		return result{name: name, err: err}
	}
	vs, _ := m.Check(s)
	return result{name: name, max: l.Indices.Max, viol: len(vs), took: took}
}

var objRE = regexp.MustCompile(`Objective value:\s+(-?[0-9.e+]+)`)
var boundRE = regexp.MustCompile(`(?i)lower bound:\s+(-?[0-9.e+]+)`)

func runCBC(lp string, limit int) (obj, bound float64, status string, took time.Duration, err error) {
	t0 := time.Now()
	out, err := exec.Command("cbc", lp, "sec", strconv.Itoa(limit), "solve", "quit").CombinedOutput()
	took = time.Since(t0)
	if err != nil {
		return 0, 0, "", took, fmt.Errorf("cbc: %v: %s", err, out)
	}
	sc := bufio.NewScanner(bytesReader(out))
	obj, bound = nanF(), nanF()
	for sc.Scan() {
		line := sc.Text()
		if m := objRE.FindStringSubmatch(line); m != nil {
			obj, _ = strconv.ParseFloat(m[1], 64)
		}
		if m := boundRE.FindStringSubmatch(line); m != nil {
			bound, _ = strconv.ParseFloat(m[1], 64)
		}
		if len(line) > 7 && line[:7] == "Result " {
			status = line
		}
	}
	if math.IsNaN(bound) && strings.Contains(status, "Optimal") {
		bound = obj // proven optimal: CBC prints no separate bound
	}
	return obj, bound, status, took, nil
}

func main() {
	cbcLimit := flag.Int("cbc", 0, "seconds for CBC per instance; 0 skips CBC")
	dir := flag.String("dir", os.TempDir(), "where to write the LP files")
	only := flag.String("only", "", "run only the instances whose name contains this text")
	budget := flag.Int("budget", 0, "exact-search budget for the generator (0: the package default)")
	solution := flag.String("solution", "", "a CBC solution file (cbc ... solu FILE) for the -only instance, judged beside the others")
	flag.Parse()
	for i, in := range instances() {
		if !strings.Contains(in.name, *only) {
			continue
		}
		if *budget > 0 {
			in.pr.ExactBudget = *budget
		}
		m, err := rotation.Compile(in.pr)
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		lb := m.LowerBound()
		fmt.Printf("%s (lower bound %.1f)\n", in.name, lb)
		t0 := time.Now()
		plan, err := m.Generate()
		took := time.Since(t0)
		if err != nil {
			fmt.Println("  generate:", err)
			continue
		}
		rows := []result{judge(m, "generate", plan.Shifts, took), judge(m, "round robin", roundRobin(m), 0), judge(m, "least recently on call", leastRecent(m), 0)}
		if *solution != "" {
			f, err := os.Open(*solution)
			if err != nil {
				fmt.Println(" ", err)
				os.Exit(1)
			}
			s, err := solutionShifts(m, f)
			f.Close()
			if err != nil {
				fmt.Println("  solution:", err)
				os.Exit(1)
			}
			rows = append(rows, judge(m, "solver's schedule", s, 0))
		}
		best := math.NaN()
		if *cbcLimit > 0 {
			lp := filepath.Join(*dir, fmt.Sprintf("rotation-%d.lp", i))
			f, err := os.Create(lp)
			if err == nil {
				err = m.WriteLP(f)
				f.Close()
			}
			if err != nil {
				fmt.Println("  lp:", err)
				continue
			}
			obj, bound, status, took, err := runCBC(lp, *cbcLimit)
			if err != nil {
				fmt.Println(" ", err)
				continue
			}
			best = obj
			fmt.Printf("  %-22s best %11.3f  bound %11.3f  %v  %s\n", "cbc", obj, bound, took.Round(time.Millisecond), status)
		}
		for _, r := range rows {
			if r.err != nil {
				fmt.Printf("  %-22s %v\n", r.name, r.err)
				continue
			}
			fmt.Printf("  %-22s max load %11.3f  ratio to bound %.4f", r.name, r.max, r.max/lb)
			if !math.IsNaN(best) {
				fmt.Printf("  ratio to cbc best %.4f", r.max/best)
			}
			fmt.Printf("  violations %3d  %v\n", r.viol, r.took.Round(time.Microsecond))
		}
	}
}
