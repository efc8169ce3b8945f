package ingest

import (
	"fmt"
	"time"

	"github.com/wellrested/oncall"
)

// gocAlertGroup holds the fields of a Grafana OnCall alert group (GET /api/v1/alert_groups/,
// "results" array) that a page needs.
type gocAlertGroup struct {
	ID             string `json:"id"`
	IntegrationID  string `json:"integration_id"`
	State          string `json:"state"`
	CreatedAt      string `json:"created_at"`
	AcknowledgedAt string `json:"acknowledged_at"`
	AcknowledgedBy string `json:"acknowledged_by"`
	ResolvedAt     string `json:"resolved_at"`
	ResolvedBy     string `json:"resolved_by"`
}

// ReadGrafanaOnCall reads Grafana OnCall alert groups: saved GET /api/v1/alert_groups/
// responses (objects with a "results" array) or bare arrays. Each alert group is one page
// for the person who acknowledged it, or failing that resolved it.
func (c Config) ReadGrafanaOnCall(srcs ...Source) ([]oncall.Page, Report, error) {
	return readRecords(c, srcs, "results", convertGrafana)
}

func convertGrafana(g *gocAlertGroup, tp *timeParser, c Config) (string, []oncall.Page, *ParseError) {
	bad := func(field, value string, err error) (string, []oncall.Page, *ParseError) {
		return g.ID, nil, &ParseError{ID: g.ID, Field: field, Value: value, Err: err}
	}
	if g.ID == "" {
		return bad("id", "", ErrMissing)
	}
	who := firstNonEmpty(g.AcknowledgedBy, g.ResolvedBy)
	if who == "" {
		return bad("acknowledged_by", "", fmt.Errorf("%w: neither acknowledged_by nor resolved_by", ErrNoResponder))
	}
	p := oncall.Page{IncidentID: g.ID, Service: g.IntegrationID, Responder: c.responder(who, "")}
	for _, f := range []struct {
		field, value string
		dst          *time.Time
	}{{"created_at", g.CreatedAt, &p.Triggered}, {"acknowledged_at", g.AcknowledgedAt, &p.Acknowledged}, {"resolved_at", g.ResolvedAt, &p.Resolved}} {
		t, err := tp.parse(f.value)
		if err != nil {
			return bad(f.field, f.value, err)
		}
		*f.dst = t
	}
	if p.Triggered.IsZero() {
		return bad("created_at", "", ErrMissing)
	}
	return g.ID, []oncall.Page{p}, nil
}
