package fatigue

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall/calendar"
)

func TestJSONForms(t *testing.T) {
	cal := mustCal(t, calendar.Profile{})
	start := utc(2026, 1, 6, 3, 0, 0)
	ims, err := Analyze(cal, []Episode{ep("p", start, start.Add(40*time.Minute))}, Options{})
	require.NoError(t, err)
	b, err := json.Marshal(ims[0])
	require.NoError(t, err)
	// 40 min engaged in sleep hours, plus 20 min to fall asleep: 3600 s lost.
	assert.JSONEq(t, `{"id":"p","responder":"ana","start":"2026-01-06T03:00:00Z","end":"2026-01-06T03:40:00Z",
		"end_source":"resolved","incidents":["p"],"pages":1,"class":"sleep","engaged_seconds":{"sleep":2400},
		"woke":true,"awake_start":"2026-01-06T03:00:00Z","awake_end":"2026-01-06T04:00:00Z",
		"sleep_lost_seconds":3600,"night":"2026-01-05"}`, string(b))

	s, nights, err := Summarize(cal, ims, calendar.Date{Year: 2026, Month: 1, Day: 5}, calendar.Date{Year: 2026, Month: 1, Day: 6})
	require.NoError(t, err)
	b, err = json.Marshal(nights[0])
	require.NoError(t, err)
	// Window 22:00-08:00; awake 03:00-04:00: longest sleep 5 h = 18000 s.
	assert.JSONEq(t, `{"date":"2026-01-05","start":"2026-01-05T22:00:00Z","end":"2026-01-06T08:00:00Z","awakenings":1,
		"sleep_lost_seconds":3600,"longest_sleep_seconds":18000,"disturbed":true,"episodes":["p"]}`, string(b))
	b, err = json.Marshal(s)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"sleep_lost_seconds":3600`)
	assert.Contains(t, string(b), `"engaged_seconds":{"sleep":2400}`)

	fc, err := DefaultModel().Forecast(cal, ims, calendar.Date{Year: 2026, Month: 1, Day: 6}, calendar.Date{Year: 2026, Month: 1, Day: 6})
	require.NoError(t, err)
	days, err := Scorer{}.Days(fc, ims)
	require.NoError(t, err)
	b, err = json.Marshal(days[0])
	require.NoError(t, err)
	assert.Contains(t, string(b), `"score_hours":1`)
	assert.Contains(t, string(b), `"contributions":[{"episode":"p","sleep_lost_seconds":3600`)
	wd, err := fc.Workdays()
	require.NoError(t, err)
	b, err = json.Marshal(wd[0])
	require.NoError(t, err)
	assert.Contains(t, string(b), `"work_start":"2026-01-06T08:00:00Z"`)
	b, err = json.Marshal(Total(days))
	require.NoError(t, err)
	assert.Contains(t, string(b), `"days":1`)
}
