package fatigue

import (
	"encoding/json"
	"math"
	"time"

	"github.com/wellrested/oncall/calendar"
)

// The JSON forms below follow the project's conventions: RFC 3339 times, durations as
// *_seconds numbers, snake_case keys, NaN as null.

func secs(d time.Duration) float64 { return d.Seconds() }

func finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

type episodeJSON struct {
	ID        string    `json:"id"`
	Responder string    `json:"responder"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	EndSource EndSource `json:"end_source"`
	Incidents []string  `json:"incidents"`
	Pages     int       `json:"pages"`
}

func (e Episode) jsonForm() episodeJSON {
	return episodeJSON{ID: e.ID, Responder: e.Responder, Start: e.Start, End: e.End, EndSource: e.EndSource,
		Incidents: e.Incidents, Pages: e.Pages}
}

// MarshalJSON writes the episode with RFC 3339 times.
func (e Episode) MarshalJSON() ([]byte, error) { return json.Marshal(e.jsonForm()) }

// MarshalJSON writes the impact: the episode's fields, then its class, engaged time per
// class in seconds, and the sleep figures.
func (im Impact) MarshalJSON() ([]byte, error) {
	type out struct {
		episodeJSON
		Class            calendar.Class `json:"class"`
		EngagedSeconds   ClassTimes     `json:"engaged_seconds"`
		Woke             bool           `json:"woke"`
		AwakeStart       time.Time      `json:"awake_start"`
		AwakeEnd         time.Time      `json:"awake_end"`
		SleepLostSeconds float64        `json:"sleep_lost_seconds"`
		Night            *calendar.Date `json:"night"`
	}
	o := out{episodeJSON: im.Episode.jsonForm(), Class: im.Class, EngagedSeconds: im.Engaged, Woke: im.Woke,
		AwakeStart: im.Awake.Start, AwakeEnd: im.Awake.End, SleepLostSeconds: secs(im.SleepLost)}
	if im.InNight {
		o.Night = &im.Night
	}
	return json.Marshal(o)
}

// MarshalJSON writes the night with durations in seconds.
func (n Night) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Date                calendar.Date `json:"date"`
		Start               time.Time     `json:"start"`
		End                 time.Time     `json:"end"`
		Awakenings          int           `json:"awakenings"`
		SleepLostSeconds    float64       `json:"sleep_lost_seconds"`
		LongestSleepSeconds float64       `json:"longest_sleep_seconds"`
		Disturbed           bool          `json:"disturbed"`
		Episodes            []string      `json:"episodes"`
	}{n.Date, n.Start, n.End, n.Awakenings, secs(n.SleepLost), secs(n.LongestSleep), n.Disturbed(), n.Episodes})
}

// MarshalJSON writes the summary with durations in seconds.
func (s Summary) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		From                        calendar.Date      `json:"from"`
		To                          calendar.Date      `json:"to"`
		Nights                      int                `json:"nights"`
		NightsDisturbed             int                `json:"nights_disturbed"`
		Awakenings                  int                `json:"awakenings"`
		SleepLostSeconds            float64            `json:"sleep_lost_seconds"`
		ShortestLongestSleepSeconds float64            `json:"shortest_longest_sleep_seconds"`
		Episodes                    int                `json:"episodes"`
		EngagedSeconds              calendar.Breakdown `json:"engaged_seconds"`
	}{s.From, s.To, s.Nights, s.NightsDisturbed, s.Awakenings, secs(s.SleepLost), secs(s.ShortestLongestSleep), s.Episodes, s.Engaged})
}

// MarshalJSON writes the working day's stats.
func (w Workday) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Date      calendar.Date `json:"date"`
		WorkStart time.Time     `json:"work_start"`
		WorkEnd   time.Time     `json:"work_end"`
		Actual    WindowStats   `json:"actual"`
		Baseline  WindowStats   `json:"baseline"`
	}{w.Date, w.Work.Start, w.Work.End, w.Actual, w.Baseline})
}

type contributionJSON struct {
	Episode            string  `json:"episode"`
	SleepLostSeconds   float64 `json:"sleep_lost_seconds"`
	ExtraSleepySeconds float64 `json:"extra_sleepy_seconds"`
	Score              float64 `json:"score_hours"`
}

func contributions(cs []Contribution) []contributionJSON {
	out := make([]contributionJSON, len(cs))
	for i, c := range cs {
		out[i] = contributionJSON{c.Episode, secs(c.SleepLost), secs(c.ExtraSleepy), c.Score}
	}
	return out
}

// MarshalJSON writes the day score (Score in hours) and its contributions.
func (d DayScore) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Date               calendar.Date      `json:"date"`
		WakingStart        time.Time          `json:"waking_start"`
		WakingEnd          time.Time          `json:"waking_end"`
		Score              *float64           `json:"score_hours"`
		SleepLostSeconds   float64            `json:"sleep_lost_seconds"`
		ExtraSleepySeconds float64            `json:"extra_sleepy_seconds"`
		ExtraSleepiness    *float64           `json:"extra_sleepiness_kss_hours"`
		Contributions      []contributionJSON `json:"contributions"`
	}{d.Date, d.Waking.Start, d.Waking.End, finite(d.Score), secs(d.SleepLost), secs(d.ExtraSleepy), finite(d.ExtraSleepiness), contributions(d.Contributions)})
}

// MarshalJSON writes the period score (Score in hours) and its contributions.
func (p PeriodScore) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		From               calendar.Date      `json:"from"`
		To                 calendar.Date      `json:"to"`
		Days               int                `json:"days"`
		Score              *float64           `json:"score_hours"`
		SleepLostSeconds   float64            `json:"sleep_lost_seconds"`
		ExtraSleepySeconds float64            `json:"extra_sleepy_seconds"`
		Contributions      []contributionJSON `json:"contributions"`
	}{p.From, p.To, p.Days, finite(p.Score), secs(p.SleepLost), secs(p.ExtraSleepy), contributions(p.Contributions)})
}
