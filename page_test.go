package oncall

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestPageValidate(t *testing.T) {
	t0 := time.Date(2026, 3, 7, 3, 0, 0, 0, time.UTC)
	ok := Page{IncidentID: "P1", Responder: "alice", Triggered: t0, Acknowledged: t0.Add(time.Minute), Resolved: t0.Add(time.Hour)}
	require.NoError(t, ok.Validate())

	cases := []struct {
		name   string
		mutate func(*Page)
		field  []string
		want   []error
	}{
		{"missing responder", func(p *Page) { p.Responder = "" }, []string{"responder"}, []error{ErrMissing}},
		{"missing incident", func(p *Page) { p.IncidentID = "" }, []string{"incident_id"}, []error{ErrMissing}},
		{"missing trigger", func(p *Page) { p.Triggered = time.Time{} }, []string{"triggered_at"}, []error{ErrMissing}},
		{"ack before trigger", func(p *Page) { p.Acknowledged = t0.Add(-time.Second) }, []string{"acknowledged_at"}, []error{ErrAckBeforeTrigger}},
		{"resolve before trigger", func(p *Page) { p.Resolved = t0.Add(-time.Second); p.Acknowledged = time.Time{} }, []string{"resolved_at"}, []error{ErrResolveBeforeTrigger}},
		{"resolve before ack", func(p *Page) { p.Resolved = t0.Add(30 * time.Second) }, []string{"resolved_at"}, []error{ErrResolveBeforeAck}},
		{"negative escalation", func(p *Page) { p.EscalationLevel = -1 }, []string{"escalation_level"}, []error{ErrNegative}},
		{"two problems at once", func(p *Page) { p.Responder = ""; p.Acknowledged = t0.Add(-time.Hour) },
			[]string{"responder", "acknowledged_at"}, []error{ErrMissing, ErrAckBeforeTrigger}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := ok
			c.mutate(&p)
			err := p.Validate()
			require.Error(t, err)
			for _, w := range c.want {
				require.ErrorIs(t, err, w)
			}
			var fields []string
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				var fe *FieldError
				require.True(t, errors.As(e, &fe))
				fields = append(fields, fe.Field)
			}
			require.Equal(t, c.field, fields)
		})
	}
}

func TestPageDurations(t *testing.T) {
	t0 := time.Date(2026, 3, 7, 3, 0, 0, 0, time.UTC)
	p := Page{Triggered: t0, Acknowledged: t0.Add(90 * time.Second)}
	d, ok := p.TimeToAck()
	require.True(t, ok)
	require.Equal(t, 90*time.Second, d)
	_, ok = p.TimeToResolve()
	require.False(t, ok, "unresolved page has no time to resolve")
}
