// Package sample builds the report of one month of the bundled sample data
// (examples/data), for the render check and the tests of package report.
package sample

import (
	"bytes"
	"io/fs"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/examples/data"
	"github.com/wellrested/oncall/internal/review"
	"github.com/wellrested/oncall/internal/teamfile"
	"github.com/wellrested/oncall/report"
)

// Month is the month the sample report covers: the last whole month of the data.
const Month = "2026-11"

// Input builds the report of Month, in London time (where the team's rotation hands over).
func Input() (report.Input, error) {
	lon, err := time.LoadLocation("Europe/London")
	if err != nil {
		return report.Input{}, err
	}
	team, all, sched, err := load()
	if err != nil {
		return report.Input{}, err
	}
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, lon)
	return review.Build(team, all, sched, from, from.AddDate(0, 1, 0), lon)
}

func load() (*teamfile.Team, []oncall.Page, oncall.Schedule, error) {
	fsys := data.FS()
	b, err := fs.ReadFile(fsys, data.TeamFile)
	if err != nil {
		return nil, nil, nil, err
	}
	team, err := teamfile.Decode(bytes.NewReader(b), data.TeamFile)
	if err != nil {
		return nil, nil, nil, err
	}
	if b, err = fs.ReadFile(fsys, data.RotationFile); err != nil {
		return nil, nil, nil, err
	}
	if team.Rotation, err = teamfile.DecodeRotation(bytes.NewReader(b), data.RotationFile, team); err != nil {
		return nil, nil, nil, err
	}
	if b, err = fs.ReadFile(fsys, data.PagesFile); err != nil {
		return nil, nil, nil, err
	}
	pr := oncall.NewPageReader(bytes.NewReader(b))
	pr.File = data.PagesFile
	pages, err := pr.ReadAll()
	if err != nil {
		return nil, nil, nil, err
	}
	if b, err = fs.ReadFile(fsys, data.ShiftsFile); err != nil {
		return nil, nil, nil, err
	}
	sched, err := oncall.ReadShifts(bytes.NewReader(b))
	return team, pages, sched, err
}
