package report

import (
	"image/color"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/wellrested/oncall"
)

// Every page lands in exactly one cell, whatever its offset and the zone asked for.
func TestHourOfWeekKeepsEveryPage(t *testing.T) {
	zones := []string{"UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "Australia/Lord_Howe"}
	rapid.Check(t, func(t *rapid.T) {
		zone, _ := time.LoadLocation(rapid.SampledFrom(zones).Draw(t, "zone"))
		n := rapid.IntRange(0, 60).Draw(t, "n")
		pages := make([]oncall.Page, n)
		for i := range pages {
			sec := rapid.Int64Range(1_700_000_000, 1_900_000_000).Draw(t, "sec")
			off, _ := time.LoadLocation(rapid.SampledFrom(zones).Draw(t, "offset"))
			pages[i].Triggered = time.Unix(sec, 0).In(off)
		}
		total := 0
		for _, row := range HourOfWeek(pages, zone) {
			for _, c := range row {
				total += c
			}
		}
		if total != n {
			t.Fatalf("%d pages counted, %d given", total, n)
		}
	})
}

// A cell with more pages is never lighter than one with fewer.
func TestHeatColourDarkensWithCount(t *testing.T) {
	luma := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		return 0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)
	}
	rapid.Check(t, func(t *rapid.T) {
		max := rapid.IntRange(1, 500).Draw(t, "max")
		a := rapid.IntRange(1, max).Draw(t, "a")
		b := rapid.IntRange(a, max).Draw(t, "b")
		if luma(heatColour(b, max)) > luma(heatColour(a, max)) {
			t.Fatalf("%d pages lighter than %d (max %d)", b, a, max)
		}
	})
}
