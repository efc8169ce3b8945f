// Command monthly-report builds the review a manager opens at a monthly on-call meeting: one
// self-contained HTML file with the month's headline numbers, who carried what, recovery owed,
// fatigue, the services that wake people up, and pictures. It uses the bundled sample team
// and its year of pages.
//
//	go run ./examples/monthly-report -month 2026-11 -o review.html
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/wellrested/oncall/examples/data"
	"github.com/wellrested/oncall/internal/review"
	"github.com/wellrested/oncall/report"
)

func main() {
	month := flag.String("month", "2026-11", "the month to review, YYYY-MM")
	out := flag.String("o", "review.html", "output file")
	flag.Parse()
	var b bytes.Buffer
	if err := run(&b, *month); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// run writes the review of month (YYYY-MM, in London time, where the team hands over).
func run(w io.Writer, month string) error {
	lon, err := time.LoadLocation("Europe/London")
	if err != nil {
		return err
	}
	m, err := time.ParseInLocation("2006-01", month, lon)
	if err != nil {
		return fmt.Errorf("month %q: want YYYY-MM", month)
	}
	team, pages, shifts, err := data.Load()
	if err != nil {
		return err
	}
	in, err := review.Build(team, pages, shifts, m, m.AddDate(0, 1, 0), lon)
	if err != nil {
		return err
	}
	return report.HTML(w, in)
}
