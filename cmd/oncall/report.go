package main

import (
	"bytes"
	"os"
	"time"

	"github.com/wellrested/oncall/internal/review"
	"github.com/wellrested/oncall/report"
)

const reportHelp = `Usage: oncall report --team team.json --pages pages.csv --html out.html
                     [--shifts shifts.csv] [--rotation rotation.json]
                     [--from DATE --to DATE] [--zone ZONE] [--quiet]

Writes one self-contained HTML file (inline SVG and CSS, nothing fetched from the network)
for a periodic review: headline numbers (pages, out-of-hours share, sleep interruptions, SLA
compliance per role, with confidence intervals), load per person against their time on call
with a disproportion flag, the rotation's burden (with --shifts), recovery owed and taken,
fatigue, the services that wake people up, and pictures: pages by hour of the week, weekly
trend, Lorenz curves of pages and burden, the schedule, and predicted sleepiness around the
worst night.

  --from, --to  the period, dates (midnight in --zone) or RFC 3339 times; default: the
                last whole calendar month before the month of the last page
  --zone        zone for dates and pictures; default: the rotation's handoff zone, else UTC
  --html        output path; "-" writes to standard output
`

func runReport(e *env, args []string) error {
	fs := newFlags("report")
	team := fs.String("team", "", "team file (JSON or YAML)")
	pages := fs.String("pages", "", "page table (CSV)")
	shifts := fs.String("shifts", "", "shift table (CSV), optional")
	rot := fs.String("rotation", "", "rotation file (JSON), optional")
	fromS := fs.String("from", "", "start of the period")
	toS := fs.String("to", "", "end of the period")
	zoneS := fs.String("zone", "", "zone for dates and pictures")
	out := fs.String("html", "", "output HTML path, or -")
	e.quietFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case *team == "" || *pages == "" || *out == "":
		return usagef("report: --team, --pages and --html are required")
	case (*fromS == "") != (*toS == ""):
		return usagef("report: give both --from and --to, or neither")
	}
	if err := checkStdin(*team, *pages, *shifts, *rot); err != nil {
		return err
	}
	in, err := e.load(source{path: *team}, source{path: *pages}, source{path: *shifts})
	if err != nil {
		return err
	}
	if *rot != "" {
		if in.team.Rotation, _, err = e.readRotation(in, source{path: *rot}); err != nil {
			return err
		}
	}
	zone := time.UTC
	if r := in.team.Rotation; r != nil && r.Spec.Zone != nil {
		zone = r.Spec.Zone
	}
	if *zoneS != "" {
		if zone, err = time.LoadLocation(*zoneS); err != nil {
			return usagef("report: --zone %q: %v", *zoneS, err)
		}
	}
	from, to, err := reportPeriod(in, *fromS, *toS, zone)
	if err != nil {
		return err
	}
	e.progress().step("building the report")
	rin, err := review.Build(in.team, in.pages, in.sched, from, to, zone)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := report.HTML(&b, rin); err != nil {
		return err
	}
	if *out == "-" {
		_, err = e.stdout.Write(b.Bytes())
		return err
	}
	return os.WriteFile(*out, b.Bytes(), 0o644)
}

// reportPeriod reads --from/--to, or takes the last whole calendar month before the month
// of the last page (an export usually ends part-way through a month).
func reportPeriod(in *inputs, fromS, toS string, zone *time.Location) (time.Time, time.Time, error) {
	if fromS != "" {
		from, err := parseWhen("from", fromS, zone)
		if err != nil {
			return time.Time{}, time.Time{}, err
		}
		to, err := parseWhen("to", toS, zone)
		if err != nil {
			return time.Time{}, time.Time{}, err
		}
		if !to.After(from) {
			return time.Time{}, time.Time{}, usagef("report: --to must be after --from")
		}
		return from, to, nil
	}
	if len(in.pages) == 0 {
		return time.Time{}, time.Time{}, usagef("report: no pages to take a period from; give --from and --to")
	}
	last := in.pages[0].Triggered
	for _, p := range in.pages {
		if p.Triggered.After(last) {
			last = p.Triggered
		}
	}
	y, m, _ := last.In(zone).Date()
	to := time.Date(y, m, 1, 0, 0, 0, 0, zone)
	return to.AddDate(0, -1, 0), to, nil
}
