// Package sample builds the report of one month of the bundled sample data
// (examples/data), for the render check and the tests of package report.
package sample

import (
	"time"

	"github.com/wellrested/oncall/examples/data"
	"github.com/wellrested/oncall/internal/review"
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
	team, all, sched, err := data.Load()
	if err != nil {
		return report.Input{}, err
	}
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, lon)
	return review.Build(team, all, sched, from, from.AddDate(0, 1, 0), lon)
}
