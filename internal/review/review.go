// Package review assembles a period's review for people, the input of report.HTML, from a
// team, its pages and its schedule: the summaries (metrics), the rotation's burden ledger,
// fatigue scores and recovery owed (fatigue), and the worst night's sleepiness timeline. The
// CLI's report command and the sample report both use it.
package review

import (
	"fmt"
	"slices"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/fatigue"
	"github.com/wellrested/oncall/internal/teamfile"
	"github.com/wellrested/oncall/metrics"
	"github.com/wellrested/oncall/report"
	"github.com/wellrested/oncall/rotation"
)

// trendWeeks is how many whole weeks before the end of the period the trend picture shows.
const trendWeeks = 26

// Build assembles the review of [from, to), with times shown in zone. pages and sched may
// cover more than the period: the trend picture looks back trendWeeks weeks, and the ledger
// counts the shifts overlapping the period, whole.
func Build(team *teamfile.Team, all []oncall.Page, sched oncall.Schedule, from, to time.Time, zone *time.Location) (report.Input, error) {
	if !to.After(from) {
		return report.Input{}, fmt.Errorf("review: period %s to %s is empty", from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	pages := pagesIn(all, from, to)
	cals := map[string]*calendar.Calendar{}
	in := report.Input{
		Title: fmt.Sprintf("On-call review: team %s, %s to %s", team.Name, from.In(zone).Format("2 Jan 2006"), to.In(zone).Add(-time.Nanosecond).Format("2 Jan 2006")),
		From:  from, To: to, Zone: zone, Pages: pages, Names: map[string]string{},
	}
	if y, m, d := from.In(zone).Date(); d == 1 && to.Equal(time.Date(y, m+1, 1, 0, 0, 0, 0, zone)) {
		in.Title = fmt.Sprintf("On-call review: team %s, %s", team.Name, from.In(zone).Format("January 2006"))
	}
	var err error
	for _, r := range team.Responders {
		if cals[r.ID], err = r.Calendar(); err != nil {
			return report.Input{}, err
		}
		in.Names[r.ID] = r.Name
		in.People = append(in.People, r.ID)
	}
	in.Schedule = clip(sched, from, to)
	opt := metrics.Options{Zone: zone, Roles: team.Roles}
	in.Report, err = metrics.Summarize(metrics.Input{Pages: pages, Shifts: in.Schedule, Calendars: cals}, opt)
	if err != nil {
		return report.Input{}, fmt.Errorf("summaries: %w", err)
	}
	if in.Weekly, in.WeeklyTrend, err = weekly(all, to, opt); err != nil {
		return report.Input{}, err
	}
	if in.Ledger, err = ledger(team, sched, from, to); err != nil {
		return report.Input{}, err
	}
	if err := addFatigue(&in, team, cals, pages); err != nil {
		return report.Input{}, err
	}
	return in, nil
}

func pagesIn(pages []oncall.Page, from, to time.Time) []oncall.Page {
	var out []oncall.Page
	for _, p := range pages {
		if !p.Triggered.Before(from) && p.Triggered.Before(to) {
			out = append(out, p)
		}
	}
	return out
}

// clip cuts the schedule to [from, to), so on-call hours match the month's pages.
func clip(s oncall.Schedule, from, to time.Time) oncall.Schedule {
	var out oncall.Schedule
	for _, sh := range s {
		if sh.End.After(from) && sh.Start.Before(to) {
			sh.Start, sh.End = later(sh.Start, from), earlier(sh.End, to)
			out = append(out, sh)
		}
	}
	return out
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// weekly counts pages per ISO week over the trendWeeks whole weeks that end by to.
func weekly(pages []oncall.Page, to time.Time, opt metrics.Options) ([]metrics.PeriodCount, metrics.Trend, error) {
	v, err := metrics.VolumeOf(metrics.Input{Pages: pages}, opt)
	if err != nil {
		return nil, metrics.Trend{}, fmt.Errorf("weekly volume: %w", err)
	}
	var weeks []metrics.PeriodCount
	for _, pc := range v.ByPeriod {
		if !pc.End.After(to) {
			weeks = append(weeks, pc)
		}
	}
	weeks = weeks[max(0, len(weeks)-trendWeeks):]
	ys := make([]float64, len(weeks))
	for i, w := range weeks {
		ys[i] = float64(w.Pages)
	}
	return weeks, metrics.TrendOf(ys, 0), nil
}

// ledger is the burden account of the shifts that overlap the month, whole.
func ledger(team *teamfile.Team, sched oncall.Schedule, from, to time.Time) (*rotation.Ledger, error) {
	var worked oncall.Schedule
	for _, sh := range sched {
		if sh.End.After(from) && sh.Start.Before(to) {
			worked = append(worked, sh)
		}
	}
	if len(worked) == 0 {
		return nil, nil
	}
	first, last := worked[0].Start, worked[0].End
	for _, sh := range worked {
		first, last = earlier(first, sh.Start), later(last, sh.End)
	}
	m, err := rotation.Compile(team.Problem(first, last))
	if err != nil {
		return nil, fmt.Errorf("rotation: %w", err)
	}
	l, err := m.Ledger(worked)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	return l, nil
}

// addFatigue scores every person's days of the period, grants recovery under the team's
// policy (the automatic day off by default), and picks the worst night for a sleepiness
// timeline.
func addFatigue(in *report.Input, team *teamfile.Team, cals map[string]*calendar.Calendar, pages []oncall.Page) error {
	byPerson := fatigue.GroupPages(pages)
	first, last := calendar.DateOf(in.From.In(in.Zone)), calendar.DateOf(in.To.In(in.Zone)).AddDays(-1)
	var owed []metrics.Owed
	var taken []metrics.TimeOff
	worst := struct {
		score float64
		kss   report.KSSSeries
	}{}
	// Recovery owed under the team's policy, or the automatic day off when it names none.
	policies, ok := team.Policies()
	if !ok {
		policies = fatigue.Policies{Default: fatigue.AutomaticDayOff()}
	}
	for _, r := range team.Responders {
		cal := cals[r.ID]
		eps, err := fatigue.Episodes(r.ID, byPerson[r.ID], fatigue.EpisodeConfig{})
		if err != nil {
			return err
		}
		ims, err := fatigue.Analyze(cal, eps, fatigue.Options{})
		if err != nil {
			return err
		}
		fc, err := fatigue.DefaultModel().Forecast(cal, ims, first, last)
		if err != nil {
			return err
		}
		days, err := fatigue.Scorer{}.Days(fc, ims)
		if err != nil {
			return err
		}
		in.Fatigue = append(in.Fatigue, report.PersonFatigue{ID: r.ID, Days: days})
		ents, err := policies.Grant(fatigue.Subject{Person: r.ID, Calendar: cal, Impacts: ims})
		if err != nil {
			return err
		}
		for _, e := range ents {
			owed = append(owed, metrics.Owed{Responder: r.ID, Amount: e.Amount, Earliest: e.EarliestStart, Expires: e.Expires})
		}
		off, err := metrics.TimeOffFromLeave(r.ID, cal)
		if err != nil {
			return err
		}
		taken = append(taken, off...)
		for _, d := range days {
			if d.Score > worst.score {
				worst.score = d.Score
				worst.kss = kssAround(r, cal, fc, ims, d)
			}
		}
	}
	rec, err := metrics.RecoveryOf(owed, taken, in.To)
	if err != nil {
		return err
	}
	in.Recovery = &rec
	if worst.score > 0 {
		in.KSS = []report.KSSSeries{worst.kss}
	}
	return nil
}

// kssAround is the sleepiness timeline from the evening before day d to the evening of d.
func kssAround(r oncall.Responder, cal *calendar.Calendar, fc *fatigue.Forecast, ims []fatigue.Impact, d fatigue.DayScore) report.KSSSeries {
	zone := cal.Location()
	from := d.Date.AddDays(-1).At(calendar.At(18, 0), zone)
	to := d.Date.At(calendar.At(22, 0), zone)
	k := report.KSSSeries{Person: r.Name, Zone: zone, From: from, To: to,
		KSS: report.TrajectoryKSS(fc.Actual), Baseline: report.TrajectoryKSS(fc.Baseline)}
	for _, im := range ims {
		if im.End.After(from) && im.Start.Before(to) {
			k.Pages = append(k.Pages, report.Span{Start: im.Start, End: im.End})
		}
	}
	if nights, err := fatigue.Nights(cal, ims, d.Date.AddDays(-1), d.Date); err == nil {
		for _, n := range nights {
			k.Sleep = append(k.Sleep, report.Span{Start: n.Start, End: n.End})
		}
	}
	slices.SortFunc(k.Pages, func(a, b report.Span) int { return a.Start.Compare(b.Start) })
	return k
}
