package report_test

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/metrics"
	"github.com/wellrested/oncall/report"
)

// Pages counted by weekday and hour on the London clock: 02:30 UTC on Sunday 29 March 2026
// is 03:30 in London, the clocks having gone forward at 01:00 UTC.
func ExampleHourOfWeek() {
	lon, _ := time.LoadLocation("Europe/London")
	pages := []oncall.Page{
		{Triggered: time.Date(2026, 3, 28, 2, 30, 0, 0, time.UTC)},
		{Triggered: time.Date(2026, 3, 29, 2, 30, 0, 0, time.UTC)},
	}
	n := report.HourOfWeek(pages, lon)
	fmt.Println("Saturday 02:00:", n[5][2])
	fmt.Println("Sunday 03:00:", n[6][3])
	// Output:
	// Saturday 02:00: 1
	// Sunday 03:00: 1
}

// The Lorenz curve of three people's pages as an SVG document.
func ExampleLorenz() {
	f, _ := metrics.FairnessOf([]metrics.Value{{ID: "ann", Value: 10}, {ID: "bo", Value: 30}, {ID: "cy", Value: 20}})
	svg, err := report.Lorenz(f, "pages")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.HasPrefix(string(svg), "<svg"), strings.Contains(string(svg), "Gini 0.22"))
	// Output: true true
}

// A report of three pages over one day for one person: the summaries come from package
// metrics, the page from HTML.
func ExampleHTML() {
	lon, _ := time.LoadLocation("Europe/London")
	cal, _ := calendar.New(calendar.Profile{Zone: lon})
	day := time.Date(2026, 3, 3, 0, 0, 0, 0, lon)
	var pages []oncall.Page
	for _, h := range []int{3, 11, 20} {
		t := day.Add(time.Duration(h) * time.Hour)
		pages = append(pages, oncall.Page{IncidentID: fmt.Sprint("I", h), Service: "db", Responder: "ann",
			Role: "primary", Triggered: t, Acknowledged: t.Add(time.Minute), Resolved: t.Add(time.Hour)})
	}
	shifts := oncall.Schedule{{Responder: "ann", Role: "primary", Start: day, End: day.AddDate(0, 0, 1)}}
	sum, err := metrics.Summarize(metrics.Input{Pages: pages, Shifts: shifts,
		Calendars: map[string]*calendar.Calendar{"ann": cal}}, metrics.Options{Zone: lon})
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	err = report.HTML(&buf, report.Input{Title: "One day", From: day, To: day.AddDate(0, 0, 1), Zone: lon,
		Report: sum, Pages: pages, Schedule: shifts, Names: map[string]string{"ann": "Ann"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	doc := buf.String()
	fmt.Println("pictures:", strings.Count(doc, "<svg"))
	fmt.Println("out of hours:", sum.OutOfHours.OutOfHours.Count, "of", sum.OutOfHours.OutOfHours.Total)
	// Output:
	// pictures: 4
	// out of hours: 2 of 3
}
