// Command fatigue-from-pagerduty scores fatigue from a PagerDuty export: it reads saved
// REST API responses (GET /incidents and their log entries) with package ingest, maps the
// PagerDuty users to the sample team's responders, and for each person works out the
// engagement episodes, the sleep they cost, the fatigue score of the days that followed
// (Three-Process Model of alertness) and the recovery time owed, then prints a short
// summary per person.
//
//	go run ./examples/fatigue-from-pagerduty
//
// The export under testdata/ is a small made-up one. For your own, save the API responses
// in two directories, list your PagerDuty user IDs against your team file's responder IDs
// (users.csv), and change the paths in main; `oncall import --from pagerduty` reads the same
// files, and `oncall fatigue` and `oncall recovery` print the full tables.
package main

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/examples/data"
	"github.com/wellrested/oncall/fatigue"
	"github.com/wellrested/oncall/ingest"
	"github.com/wellrested/oncall/internal/teamfile"
)

//go:embed testdata/incidents testdata/log_entries testdata/users.csv
var export embed.FS

func main() {
	if err := run(os.Stdout, export); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// run reads the export in fsys (testdata/incidents, testdata/log_entries and
// testdata/users.csv) and the sample team, and writes the summary to w.
func run(w io.Writer, fsys fs.FS) error {
	team, err := loadTeam()
	if err != nil {
		return err
	}
	pages, err := readExport(fsys)
	if err != nil {
		return err
	}
	if len(pages) == 0 {
		return fmt.Errorf("the export holds no pages")
	}
	// The period: from the day before the first page (its night starts the evening before)
	// to the day after the last, as dates in each person's own zone.
	from := calendar.DateOf(pages[0].Triggered.UTC()).AddDays(-1)
	to := calendar.DateOf(pages[len(pages)-1].Triggered.UTC()).AddDays(1)
	fmt.Fprintf(w, "%d pages from PagerDuty, %s to %s\n", len(pages), from, to)

	policies, ok := team.Policies()
	if !ok {
		policies = fatigue.Policies{Default: fatigue.AutomaticDayOff()}
	}
	byPerson := fatigue.GroupPages(pages)
	for _, r := range team.Responders {
		if len(byPerson[r.ID]) == 0 {
			continue
		}
		if err := summarise(w, r, byPerson[r.ID], policies, from, to); err != nil {
			return fmt.Errorf("%s: %w", r.ID, err)
		}
	}
	return nil
}

func loadTeam() (*teamfile.Team, error) {
	b, err := fs.ReadFile(data.FS(), data.TeamFile)
	if err != nil {
		return nil, err
	}
	return teamfile.Decode(bytes.NewReader(b), data.TeamFile)
}

// readExport reads the saved API responses, mapping PagerDuty users to responders.
func readExport(fsys fs.FS) ([]oncall.Page, error) {
	users, err := readUsers(fsys, "testdata/users.csv")
	if err != nil {
		return nil, err
	}
	incidents, err := ingest.DirSources(fsys, "testdata/incidents")
	if err != nil {
		return nil, err
	}
	logs, err := ingest.DirSources(fsys, "testdata/log_entries")
	if err != nil {
		return nil, err
	}
	cfg := ingest.Config{Responders: users}
	pages, _, err := cfg.ReadPagerDuty(incidents, logs)
	return pages, err
}

// readUsers reads vendor_user,responder pairs.
func readUsers(fsys fs.FS, name string) (map[string]string, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	users := map[string]string{}
	for _, rec := range recs[1:] {
		users[rec[0]] = rec[1]
	}
	return users, nil
}

// summarise prints one person's episodes, sleep, scores and entitlements.
func summarise(w io.Writer, r oncall.Responder, pages []oncall.Page, ps fatigue.Policies, from, to calendar.Date) error {
	cal, err := r.Calendar()
	if err != nil {
		return err
	}
	eps, err := fatigue.Episodes(r.ID, pages, fatigue.EpisodeConfig{})
	if err != nil {
		return err
	}
	ims, err := fatigue.Analyze(cal, eps, fatigue.Options{})
	if err != nil {
		return err
	}
	sum, _, err := fatigue.Summarize(cal, ims, from, to)
	if err != nil {
		return err
	}
	fc, err := fatigue.DefaultModel().Forecast(cal, ims, from, to)
	if err != nil {
		return err
	}
	days, err := fatigue.Scorer{}.Days(fc, ims)
	if err != nil {
		return err
	}
	ents, err := ps.Grant(fatigue.Subject{Person: r.ID, Calendar: cal, Impacts: ims})
	if err != nil {
		return err
	}

	fmt.Fprintf(w, "\n%s (%s)\n", r.Name, cal.Location())
	fmt.Fprintf(w, "  %d pages in %d episodes; %d awakenings; %d of %d nights disturbed; sleep lost %v; shortest longest sleep %v\n",
		len(pages), sum.Episodes, sum.Awakenings, sum.NightsDisturbed, sum.Nights, sum.SleepLost, sum.ShortestLongestSleep)
	for _, im := range ims {
		fmt.Fprintf(w, "  episode %s to %s  %-14s woke=%-5v sleep lost %v  %s\n",
			im.Start.In(cal.Location()).Format("Mon 2006-01-02 15:04"), im.End.In(cal.Location()).Format("15:04 MST"),
			im.Class, im.Woke, im.SleepLost, strings.Join(im.Incidents, "+"))
	}
	total := fatigue.Total(days)
	worst := days[0]
	for _, d := range days {
		if d.Score > worst.Score {
			worst = d
		}
	}
	fmt.Fprintf(w, "  fatigue score %.2f h over %d days; worst day %s, %.2f h", total.Score, total.Days, worst.Date, worst.Score)
	if n, ok := fc.NightsToBaseline(worst.Date.AddDays(-1)); ok && worst.Score > 0 {
		fmt.Fprintf(w, ", back to baseline after %d recovery nights", n)
	}
	fmt.Fprintln(w)
	for _, e := range ents {
		what := fmt.Sprintf("%v from %s", e.Amount, e.EarliestStart.Format(time.RFC3339))
		if e.AllDay {
			what = fmt.Sprintf("day off on %s (%v)", e.EarliestStart.Format("Mon 2006-01-02"), e.Amount)
		}
		fmt.Fprintf(w, "  owed: %s (%s)\n", what, e.Rule)
	}
	if len(ents) == 0 {
		fmt.Fprintln(w, "  owed: nothing")
	}
	return nil
}
