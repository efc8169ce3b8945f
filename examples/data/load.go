package data

import (
	"io"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/internal/teamfile"
)

// Load reads the whole sample: the team with its rotation rules (RotationFile), the pages and
// the hand-made schedule, checked as the CLI checks them.
func Load() (*teamfile.Team, []oncall.Page, oncall.Schedule, error) {
	read := func(name string, decode func(io.Reader) error) error {
		f, err := Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		return decode(f)
	}
	var (
		team   *teamfile.Team
		pages  []oncall.Page
		shifts oncall.Schedule
	)
	err := read(TeamFile, func(r io.Reader) (err error) {
		team, err = teamfile.Decode(r, TeamFile)
		return err
	})
	if err == nil {
		err = read(RotationFile, func(r io.Reader) (err error) {
			team.Rotation, err = teamfile.DecodeRotation(r, RotationFile, team)
			return err
		})
	}
	if err == nil {
		err = read(PagesFile, func(r io.Reader) (err error) {
			pr := oncall.NewPageReader(r)
			pr.File = PagesFile
			pages, err = pr.ReadAll()
			return err
		})
	}
	if err == nil {
		err = read(ShiftsFile, func(r io.Reader) (err error) {
			shifts, err = oncall.ReadShifts(r)
			return err
		})
	}
	if err != nil {
		return nil, nil, nil, err
	}
	return team, pages, shifts, nil
}
