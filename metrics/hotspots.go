package metrics

import (
	"cmp"
	"slices"

	"time"
)

// Hotspot is one service's share of sleep interruptions and of human time.
type Hotspot struct {
	Service string `json:"service"`
	Pages   int    `json:"pages"`
	// SleepInterruptions counts pages that interrupted the responder's sleep hours, repeats
	// within Options.InterruptionWindow counting once (see Interruptions); SleepShare is
	// their share of all sleep interruptions.
	SleepInterruptions int   `json:"sleep_interruptions"`
	SleepShare         Float `json:"sleep_share"`
	// TimeSeconds is person-time from trigger to resolution, summed over the service's
	// resolved pages (two people paged for an hour is two hours); TimeShare its share.
	TimeSeconds Float `json:"time_seconds"`
	TimeShare   Float `json:"time_share"`
	// Unresolved counts pages without a resolution, left out of TimeSeconds.
	Unresolved int `json:"unresolved"`
}

// Hotspots ranks services so the ones that wake people go first.
type Hotspots struct {
	SleepInterruptions int   `json:"sleep_interruptions"`
	TimeSeconds        Float `json:"time_seconds"`
	// BySleep is sorted by sleep interruptions, then time, most first; ByTime by time, then
	// sleep interruptions. Ties go by service name.
	BySleep []Hotspot `json:"by_sleep"`
	ByTime  []Hotspot `json:"by_time"`
}

// HotspotsOf ranks the services of in.Pages, merging repeat notifications within the
// default interruption window (Summarize takes Options.InterruptionWindow). It needs each
// responder's calendar.
func HotspotsOf(in Input) (Hotspots, error) {
	pp, err := prepare(in, Options{}, true)
	if err != nil {
		return Hotspots{}, err
	}
	w, err := pp.walkCalendars()
	if err != nil {
		return Hotspots{}, err
	}
	return pp.hotspots(pp.sleepInterruptions(w.classes, Options{}.interruptionWindow())), nil
}

// hotspots ranks services; sleep marks the pages that are sleep interruptions.
func (pp *prepared) hotspots(sleep []bool) Hotspots {
	g := pp.service
	hs := make([]Hotspot, len(g.keys))
	secs := make([]int64, len(g.keys))
	var h Hotspots
	var total int64
	for i, t := range pp.trig {
		x := g.group[i]
		hs[x].Pages++
		if sleep[i] {
			hs[x].SleepInterruptions++
			h.SleepInterruptions++
		}
		if r := pp.res[i]; r != none {
			secs[x] += r - t
			total += r - t
		} else {
			hs[x].Unresolved++
		}
	}
	h.TimeSeconds = Float(time.Duration(total).Seconds())
	for x, k := range g.keys {
		hs[x].Service = k
		hs[x].SleepShare = ratio(float64(hs[x].SleepInterruptions), float64(h.SleepInterruptions))
		hs[x].TimeSeconds = Float(time.Duration(secs[x]).Seconds())
		hs[x].TimeShare = ratio(float64(secs[x]), float64(total))
	}
	h.BySleep = slices.Clone(hs)
	slices.SortFunc(h.BySleep, func(a, b Hotspot) int {
		return cmp.Or(cmp.Compare(b.SleepInterruptions, a.SleepInterruptions),
			cmp.Compare(b.TimeSeconds, a.TimeSeconds), cmp.Compare(a.Service, b.Service))
	})
	h.ByTime = hs
	slices.SortFunc(h.ByTime, func(a, b Hotspot) int {
		return cmp.Or(cmp.Compare(b.TimeSeconds, a.TimeSeconds),
			cmp.Compare(b.SleepInterruptions, a.SleepInterruptions), cmp.Compare(a.Service, b.Service))
	})
	return h
}
