// Command gen writes the sample data set in examples/data: team.json, shifts.csv and
// pages.csv. It is seeded and deterministic: running it again writes the same bytes.
//
//	go run ./examples/data/gen [-out dir]
//
// The team is seven people, four in London and three in New York. The schedule is a weekly
// rotation handing over on Tuesdays at 10:00 London time, in which last week's secondary
// becomes this week's primary and people on leave are skipped. Pages come from five services
// with their own rates and hour-of-week profiles, a few bursts of flapping alerts, and some
// scripted incidents on holidays; each incident pages the primary and escalates to the
// secondary when the primary has not acknowledged within five minutes.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // the same zone rules on every machine that has no zone database

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/internal/teamfile"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	out := flag.String("out", "", "directory to write to (default: examples/data of the enclosing module)")
	flag.Parse()
	dir := *out
	if dir == "" {
		var err error
		if dir, err = defaultDir(); err != nil {
			log.Fatal(err)
		}
	}
	sum, err := generate(dir)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s: %d responders, %d shifts, %d incidents, %d pages (%d escalated, %d never acknowledged, %d open)",
		dir, sum.responders, sum.shifts, sum.incidents, sum.pages, sum.escalated, sum.unacked, sum.open)
}

// defaultDir finds examples/data in the module that holds the working directory.
func defaultDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "examples", "data"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory; give -out")
		}
		dir = parent
	}
}

// summary counts what was generated.
type summary struct {
	responders, shifts, incidents, pages, escalated, unacked, open int
}

// generate writes the three files into dir.
func generate(dir string) (summary, error) {
	files, sum, err := build()
	if err != nil {
		return sum, err
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			return sum, err
		}
	}
	return sum, nil
}

type file struct {
	name string
	data []byte
}

// The seed and the year the data covers: 52 weekly shifts from Tuesday 2 December 2025 10:00
// London time.
const (
	seed1, seed2 = 2025, 1202
	weeks        = 52
)

func build() ([]file, summary, error) {
	var sum summary
	z, err := loadZones()
	if err != nil {
		return nil, sum, err
	}
	team := makeTeam(z)
	start := time.Date(2025, 12, 2, 10, 0, 0, 0, z.london)
	end := start.AddDate(0, 0, 7*weeks)

	sched, err := rotate(team, start)
	if err != nil {
		return nil, sum, err
	}
	rng := rand.New(rand.NewPCG(seed1, seed2))
	g, err := newPager(team, sched, z, start, end, rng)
	if err != nil {
		return nil, sum, err
	}
	pages, psum, err := g.run()
	if err != nil {
		return nil, sum, err
	}
	sum = psum
	sum.responders, sum.shifts = len(team.Responders), len(sched)

	var tb, sb, pb bytes.Buffer
	if err := teamfile.Encode(&tb, team); err != nil {
		return nil, sum, err
	}
	if err := oncall.WriteShifts(&sb, sched); err != nil {
		return nil, sum, err
	}
	if err := oncall.WritePages(&pb, pages); err != nil {
		return nil, sum, err
	}
	return []file{{"team.json", tb.Bytes()}, {"shifts.csv", sb.Bytes()}, {"pages.csv", pb.Bytes()}}, sum, nil
}

type zones struct{ london, newYork *time.Location }

func loadZones() (zones, error) {
	l, err1 := time.LoadLocation("Europe/London")
	n, err2 := time.LoadLocation("America/New_York")
	return zones{l, n}, errors.Join(err1, err2)
}

// person is how the team is written down here; makeTeam turns it into profiles.
type person struct {
	id, name    string
	ny          bool
	days        string
	work, sleep string
	leave       [][2]string // inclusive date ranges
}

var people = []person{
	{id: "amara.okafor@example.com", name: "Amara Okafor", days: "Mon-Fri", work: "09:00-17:30", sleep: "23:00-07:00",
		leave: [][2]string{{"2025-12-22", "2026-01-02"}, {"2026-05-26", "2026-05-29"}, {"2026-08-03", "2026-08-14"}}},
	{id: "ben.hughes@example.com", name: "Ben Hughes", days: "Mon-Thu", work: "09:00-17:30", sleep: "22:30-06:30",
		leave: [][2]string{{"2026-02-16", "2026-02-19"}, {"2026-04-07", "2026-04-09"}, {"2026-07-27", "2026-08-06"}}},
	{id: "chloe.martin@example.com", name: "Chloé Martin", days: "Mon-Fri", work: "09:30-18:00", sleep: "23:30-07:30",
		leave: [][2]string{{"2026-03-23", "2026-03-27"}, {"2026-06-15", "2026-06-26"}, {"2026-10-26", "2026-10-30"}}},
	{id: "dev.patel@example.com", name: "Dev Patel", days: "Mon-Fri", work: "08:30-17:00", sleep: "22:30-06:30",
		leave: [][2]string{{"2025-12-29", "2026-01-09"}, {"2026-05-04", "2026-05-08"}, {"2026-08-24", "2026-09-04"}}},
	{id: "elena.garcia@example.com", name: "Elena García", ny: true, days: "Mon-Fri", work: "09:00-17:30", sleep: "23:00-07:00",
		leave: [][2]string{{"2025-12-24", "2026-01-01"}, {"2026-06-29", "2026-07-10"}, {"2026-10-12", "2026-10-16"}}},
	{id: "frank.obrien@example.com", name: "Frank O'Brien", ny: true, days: "Mon-Fri", work: "10:00-19:00", sleep: "00:00-08:00",
		leave: [][2]string{{"2026-03-02", "2026-03-06"}, {"2026-07-27", "2026-08-07"}, {"2026-11-23", "2026-11-25"}}},
	{id: "grace.kim@example.com", name: "Grace Kim", ny: true, days: "Mon-Fri", work: "08:00-16:30", sleep: "22:00-06:00",
		leave: [][2]string{{"2026-01-19", "2026-01-23"}, {"2026-05-18", "2026-05-29"}, {"2026-09-08", "2026-09-11"}}},
}

// rotationOrder alternates the offices so that the pair on call spans both.
var rotationOrder = []string{
	"amara.okafor@example.com", "elena.garcia@example.com", "ben.hughes@example.com",
	"frank.obrien@example.com", "chloe.martin@example.com", "grace.kim@example.com",
	"dev.patel@example.com",
}

func mustDate(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func mustWindow(s string) calendar.Window {
	w, err := calendar.ParseWindow(s)
	if err != nil {
		panic(err)
	}
	return w
}

func makeTeam(z zones) *teamfile.Team {
	team := &teamfile.Team{
		Name: "payments",
		Roles: []oncall.Role{
			{Name: oncall.Primary, AckSLA: 5 * time.Minute, ResolveSLA: 4 * time.Hour},
			{Name: oncall.Secondary, AckSLA: 30 * time.Minute},
		},
	}
	wellbeing := calendar.Holiday{Date: mustDate("2026-09-25"), Name: "Company wellbeing day"}
	for _, p := range people {
		days, err := calendar.ParseWeekdays(p.days)
		if err != nil {
			panic(err)
		}
		prof := calendar.Profile{
			Zone: z.london, Region: "GB", WorkingDays: days,
			WorkingHours: mustWindow(p.work), Sleep: mustWindow(p.sleep),
			Holidays: []calendar.Holiday{wellbeing},
			HalfDays: []calendar.HalfDay{{Date: mustDate("2025-12-24"), Name: "Christmas Eve", Until: calendar.At(13, 0)}},
		}
		if p.ny {
			prof.Zone, prof.Region, prof.HalfDays = z.newYork, "US", nil
			prof.Holidays = append(prof.Holidays, calendar.Holiday{Date: mustDate("2026-11-27"), Name: "Day after Thanksgiving"})
		}
		for _, l := range p.leave {
			prof.Leave = append(prof.Leave, calendar.LeaveDays(mustDate(l[0]), mustDate(l[1]), prof.Zone))
		}
		team.Responders = append(team.Responders, oncall.Responder{ID: p.id, Name: p.name, Team: team.Name, Profile: prof})
	}
	return team
}

// rotate builds the weekly schedule: the primary is last week's secondary when they are free
// all week, otherwise the next free person in rotation order; the secondary is the next free
// person after that. Free means no leave overlapping the week.
func rotate(team *teamfile.Team, start time.Time) (oncall.Schedule, error) {
	free := func(id string, from, to time.Time) bool {
		r, _ := team.Responder(id)
		for _, l := range r.Profile.Leave {
			if l.Start.Before(to) && from.Before(l.End) {
				return false
			}
		}
		return true
	}
	var sched oncall.Schedule
	cursor, prevSecondary := 0, ""
	next := func(from, to time.Time, not string) (string, error) {
		for range rotationOrder {
			id := rotationOrder[cursor%len(rotationOrder)]
			cursor++
			if id != not && free(id, from, to) {
				return id, nil
			}
		}
		return "", fmt.Errorf("nobody free in the week from %s", from.Format(time.DateOnly))
	}
	for w := range weeks {
		// AddDate keeps the wall clock, so the handover stays at 10:00 London across DST.
		from, to := start.AddDate(0, 0, 7*w), start.AddDate(0, 0, 7*(w+1))
		primary := prevSecondary
		if primary == "" || !free(primary, from, to) {
			var err error
			if primary, err = next(from, to, ""); err != nil {
				return nil, err
			}
		}
		secondary, err := next(from, to, primary)
		if err != nil {
			return nil, err
		}
		sched = append(sched,
			oncall.Shift{Responder: primary, Role: oncall.Primary, Start: from, End: to},
			oncall.Shift{Responder: secondary, Role: oncall.Secondary, Start: from, End: to})
		prevSecondary = secondary
	}
	sched.Sort()
	if err := sched.Validate(); err != nil {
		return nil, err
	}
	end := start.AddDate(0, 0, 7*weeks)
	for _, role := range []string{oncall.Primary, oncall.Secondary} {
		if gaps := sched.Gaps(role, start, end); len(gaps) > 0 {
			return nil, fmt.Errorf("schedule has %d gaps in role %s", len(gaps), role)
		}
	}
	if o := sched.Overlaps(); len(o) > 0 {
		return nil, fmt.Errorf("schedule has %d overlaps", len(o))
	}
	return sched, nil
}

// service is a source of incidents.
type service struct {
	name string
	// perWeek is the mean number of incidents a week outside bursts.
	perWeek float64
	// shape gives the relative rate at an instant; it is scaled to average 1 over the year.
	shape func(t time.Time) float64
	// low is the fraction of low-urgency incidents, which never escalate.
	low float64
	// resolve is the median time from acknowledgement to resolution.
	resolve time.Duration
}

// incident is one generated incident before it becomes pages.
type incident struct {
	at      time.Time
	service *service
	burst   bool
}

// pager turns incidents into pages.
type pager struct {
	team       *teamfile.Team
	sched      oncall.Schedule
	cals       map[string]*calendar.Calendar
	start, end time.Time
	rng        *rand.Rand
	services   []*service
	z          zones
	gbOffice   *calendar.Calendar
	usOffice   *calendar.Calendar
}

func newPager(team *teamfile.Team, sched oncall.Schedule, z zones, start, end time.Time, rng *rand.Rand) (*pager, error) {
	g := &pager{team: team, sched: sched, cals: map[string]*calendar.Calendar{}, start: start, end: end, rng: rng, z: z}
	for _, r := range team.Responders {
		c, err := r.Calendar()
		if err != nil {
			return nil, err
		}
		g.cals[r.ID] = c
	}
	var err1, err2 error
	office := mustWindow("09:00-17:30")
	g.gbOffice, err1 = calendar.New(calendar.Profile{Zone: z.london, Region: "GB", WorkingHours: office})
	g.usOffice, err2 = calendar.New(calendar.Profile{Zone: z.newYork, Region: "US", WorkingHours: office})
	if err := errors.Join(err1, err2); err != nil {
		return nil, err
	}
	g.services = []*service{
		{name: "payments-api", perWeek: 9, low: 0.08, resolve: 25 * time.Minute,
			shape: func(t time.Time) float64 { return g.traffic(t, 0.8) * g.deploys(t) }},
		{name: "checkout-web", perWeek: 7, low: 0.15, resolve: 20 * time.Minute,
			shape: func(t time.Time) float64 { return g.traffic(t, 1.3) * g.deploys(t) }},
		{name: "ledger", perWeek: 4, low: 0.05, resolve: 45 * time.Minute,
			shape: func(t time.Time) float64 { return g.deploys(t) }},
		{name: "batch-settlement", perWeek: 3, low: 0.02, resolve: 60 * time.Minute, shape: g.batch},
		{name: "auth", perWeek: 2.5, low: 0.1, resolve: 15 * time.Minute,
			shape: func(t time.Time) float64 { return g.traffic(t, 1) }},
	}
	return g, nil
}

// activity is how busy customers are at a local hour of the day.
func activity(hour int) float64 {
	switch {
	case hour < 6:
		return 0.25
	case hour < 9:
		return 0.6
	case hour < 21:
		return 1
	}
	return 0.6
}

// traffic is customer activity, half in Britain and half in the United States; weekend scales
// Saturdays and Sundays.
func (g *pager) traffic(t time.Time, weekend float64) float64 {
	l, n := t.In(g.z.london), t.In(g.z.newYork)
	a := 0.5*activity(l.Hour()) + 0.5*activity(n.Hour())
	if wd := l.Weekday(); wd == time.Saturday || wd == time.Sunday {
		a *= weekend
	}
	return a
}

// deploys raises the rate in either office's working hours, when changes ship.
func (g *pager) deploys(t time.Time) float64 {
	f := 0.6
	if g.gbOffice.Classify(t).Band() == calendar.Business {
		f += 1.2
	}
	if g.usOffice.Classify(t).Band() == calendar.Business {
		f += 1.2
	}
	return f
}

// batch is the settlement run: 01:00-04:00 London every night, heavier at month end.
func (g *pager) batch(t time.Time) float64 {
	l := t.In(g.z.london)
	f := 0.15
	if h := l.Hour(); h >= 1 && h < 4 {
		f = 5
	}
	if l.AddDate(0, 0, 2).Month() != l.Month() {
		f *= 3
	}
	return f
}

// scripted incidents make sure the sample has pages at the moments people remember.
func (g *pager) scripted() []incident {
	svc := func(name string) *service {
		for _, s := range g.services {
			if s.name == name {
				return s
			}
		}
		panic("no service " + name)
	}
	at := func(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, loc)
	}
	l, n := g.z.london, g.z.newYork
	out := []incident{
		{at: at(l, 2025, 12, 25, 3, 12), service: svc("batch-settlement")},  // Christmas night
		{at: at(l, 2025, 12, 25, 14, 41), service: svc("checkout-web")},     // Christmas Day sales
		{at: at(n, 2025, 12, 25, 19, 5), service: svc("payments-api")},      // Christmas evening, New York
		{at: at(l, 2026, 4, 3, 15, 7), service: svc("ledger")},              // Good Friday
		{at: at(l, 2026, 4, 5, 9, 22), service: svc("payments-api")},        // Easter Sunday
		{at: at(l, 2026, 4, 6, 2, 36), service: svc("batch-settlement")},    // Easter Monday night
		{at: at(n, 2026, 7, 3, 10, 0), service: svc("payments-api")},        // Independence Day observed
		{at: at(n, 2026, 7, 5, 11, 16), service: svc("auth")},               // the Sunday after
		{at: at(l, 2026, 12, 1, 9, 4), service: svc("ledger")},              // still open at the end
		{at: at(l, 2026, 12, 1, 9, 48), service: svc("payments-api")},       // still open at the end
		{at: at(n, 2026, 11, 26, 21, 40), service: svc("checkout-web")},     // Thanksgiving evening
		{at: at(l, 2026, 8, 31, 11, 30), service: svc("payments-api")},      // August bank holiday
		{at: at(n, 2026, 9, 7, 4, 10), service: svc("ledger")},              // Labor Day, small hours
		{at: at(l, 2026, 9, 25, 16, 20), service: svc("checkout-web")},      // company wellbeing day
		{at: at(n, 2026, 1, 19, 13, 0), service: svc("auth")},               // Martin Luther King Jr. Day
		{at: at(l, 2026, 5, 25, 23, 55), service: svc("ledger")},            // spring bank holiday, late
		{at: at(n, 2026, 5, 25, 8, 30), service: svc("payments-api")},       // Memorial Day
		{at: at(l, 2026, 1, 1, 0, 20), service: svc("checkout-web")},        // New Year, just after midnight
		{at: at(n, 2026, 1, 1, 0, 5), service: svc("payments-api")},         // and in New York
		{at: at(l, 2026, 3, 29, 0, 45), service: svc("batch-settlement")},   // the night the clocks go forward
		{at: at(l, 2026, 10, 25, 1, 30), service: svc("batch-settlement")},  // the night they go back
		{at: at(n, 2026, 3, 8, 3, 15), service: svc("ledger")},              // New York spring forward
		{at: at(n, 2026, 11, 1, 1, 30), service: svc("auth")},               // New York fall back
		{at: at(l, 2026, 12, 1, 9, 58), service: svc("checkout-web")},       // minutes before the export
		{at: at(n, 2026, 11, 30, 23, 59), service: svc("batch-settlement")}, // last night
	}
	// Fireworks on the evening of 4 July: checkout flaps for two hours.
	for i := range 8 {
		out = append(out, incident{at: at(n, 2026, 7, 4, 21, 30).Add(time.Duration(i) * 15 * time.Minute), service: svc("checkout-web"), burst: true})
	}
	return out
}

// poisson draws from a Poisson distribution with a small mean (Knuth's method).
func (g *pager) poisson(lambda float64) int {
	limit, p, k := math.Exp(-lambda), 1.0, 0
	for {
		p *= g.rng.Float64()
		if p <= limit {
			return k
		}
		k++
	}
}

// lognormal draws a duration with the given median and spread, rounded to a whole second and
// at least one second.
func (g *pager) lognormal(median time.Duration, sigma float64) time.Duration {
	d := time.Duration(float64(median) * math.Exp(sigma*g.rng.NormFloat64()))
	return max(d.Round(time.Second), time.Second)
}

// incidents draws the background incidents hour by hour, then the bursts.
func (g *pager) incidents() []incident {
	hours := int(g.end.Sub(g.start) / time.Hour)
	means := make([]float64, len(g.services))
	for i, s := range g.services {
		total := 0.0
		for h := range hours {
			total += s.shape(g.start.Add(time.Duration(h)*time.Hour + 30*time.Minute))
		}
		means[i] = total / float64(hours)
	}
	var out []incident
	for h := range hours {
		t0 := g.start.Add(time.Duration(h) * time.Hour)
		for i, s := range g.services {
			lambda := s.perWeek / 168 * s.shape(t0.Add(30*time.Minute)) / means[i]
			for range g.poisson(lambda) {
				out = append(out, incident{at: t0.Add(time.Duration(g.rng.IntN(3600)) * time.Second), service: s})
			}
		}
	}
	// Bursts: about one week in four, one service flaps for one to four hours.
	weights := []float64{0.35, 0.25, 0.2, 0.05, 0.15}
	for w := range weeks {
		if g.rng.Float64() >= 0.25 {
			continue
		}
		s := g.services[pick(g.rng.Float64(), weights)]
		from := g.start.AddDate(0, 0, 7*w).Add(time.Duration(g.rng.IntN(7*24*3600)) * time.Second)
		length := time.Hour + time.Duration(g.rng.IntN(3*3600))*time.Second
		n := 6 + g.rng.IntN(14)
		for range n {
			at := from.Add(time.Duration(g.rng.Int64N(int64(length/time.Second))) * time.Second)
			if at.Before(g.end) {
				out = append(out, incident{at: at, service: s, burst: true})
			}
		}
	}
	return out
}

func pick(u float64, weights []float64) int {
	for i, w := range weights {
		if u < w {
			return i
		}
		u -= w
	}
	return len(weights) - 1
}

func (g *pager) onCall(role string, t time.Time) (string, error) {
	s := g.sched.OnCall(role, t)
	if len(s) != 1 {
		return "", fmt.Errorf("%d people on call as %s at %s", len(s), role, t.Format(time.RFC3339))
	}
	return s[0].Responder, nil
}

// run makes the pages of every incident, in trigger order.
func (g *pager) run() ([]oncall.Page, summary, error) {
	var sum summary
	incs := append(g.incidents(), g.scripted()...)
	slices.SortStableFunc(incs, func(a, b incident) int { return a.at.Compare(b.at) })
	var pages []oncall.Page
	for i, inc := range incs {
		ps, err := g.pages(fmt.Sprintf("INC-%05d", 10001+i), inc)
		if err != nil {
			return nil, sum, err
		}
		for _, p := range ps {
			if err := p.Validate(); err != nil {
				return nil, sum, fmt.Errorf("generated an invalid page %+v: %w", p, err)
			}
		}
		sum.incidents++
		sum.pages += len(ps)
		if len(ps) > 1 {
			sum.escalated++
		}
		if ps[0].Acknowledged.IsZero() {
			sum.unacked++
		}
		if ps[0].Resolved.IsZero() {
			sum.open++
		}
		pages = append(pages, ps...)
	}
	slices.SortStableFunc(pages, func(a, b oncall.Page) int {
		if c := a.Triggered.Compare(b.Triggered); c != 0 {
			return c
		}
		return strings.Compare(a.IncidentID, b.IncidentID)
	})
	return pages, sum, nil
}

// pages plays one incident out: the primary is paged; a high-urgency page not acknowledged
// within five minutes pages the secondary too. Acknowledging or resolving the incident does
// so for every page of it. Anything after the end of the year is not known yet.
func (g *pager) pages(id string, inc incident) ([]oncall.Page, error) {
	t := inc.at.Truncate(time.Second)
	primary, err := g.onCall(oncall.Primary, t)
	if err != nil {
		return nil, err
	}
	urgency := "high"
	if g.rng.Float64() < inc.service.low {
		urgency = "low"
	}
	asleep := g.cals[primary].Classify(t).Band() == calendar.Sleep
	// Most acknowledge within a couple of minutes; woken people take longer.
	median := 90 * time.Second
	if asleep {
		median = 200 * time.Second
	}
	if urgency == "low" {
		median = 12 * time.Minute
	}
	ackAfter := g.lognormal(median, 0.9)
	never := g.rng.Float64() < 0.012
	var ack time.Time
	if !never {
		ack = t.Add(ackAfter)
	}
	var secondaryAt time.Time
	if urgency == "high" && (never || ackAfter > 5*time.Minute) {
		secondaryAt = t.Add(5 * time.Minute)
		if !never {
			if byTwo := secondaryAt.Add(g.lognormal(4*time.Minute, 0.8)); byTwo.Before(ack) {
				ack = byTwo
			}
		}
	}
	var resolved time.Time
	switch {
	case never:
		// Unacknowledged alerts that cleared themselves.
		resolved = t.Add(time.Duration(3+g.rng.IntN(40)) * time.Minute)
		if !secondaryAt.IsZero() && resolved.Before(secondaryAt) {
			secondaryAt = time.Time{}
		}
	case inc.burst:
		resolved = ack.Add(g.lognormal(6*time.Minute, 0.7))
	default:
		// From a minute to a few hours: draw again rather than pile up at a cap.
		d := g.lognormal(inc.service.resolve, 1.0)
		for d > 5*time.Hour {
			d = g.lognormal(inc.service.resolve, 1.0)
		}
		resolved = ack.Add(max(d, time.Minute))
	}
	if !ack.Before(g.end) {
		ack = time.Time{}
	}
	if !resolved.Before(g.end) {
		resolved = time.Time{}
	}
	// Some sources export UTC, others the responder's own offset; one choice per incident.
	local := g.rng.Float64() < 0.4
	page := func(who, role string, level int, at time.Time) oncall.Page {
		in := func(x time.Time) time.Time {
			if x.IsZero() {
				return x
			}
			if local {
				return x.In(g.cals[who].Location())
			}
			return x.UTC()
		}
		return oncall.Page{
			IncidentID: id, Service: inc.service.name, Urgency: urgency, Responder: who, Role: role,
			EscalationLevel: level, Triggered: in(at), Acknowledged: in(ack), Resolved: in(resolved),
		}
	}
	out := []oncall.Page{page(primary, oncall.Primary, 1, t)}
	if !secondaryAt.IsZero() && secondaryAt.Before(g.end) {
		secondary, err := g.onCall(oncall.Secondary, secondaryAt)
		if err != nil {
			return nil, err
		}
		out = append(out, page(secondary, oncall.Secondary, 2, secondaryAt))
	}
	return out, nil
}
