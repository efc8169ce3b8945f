package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/wellrested/oncall"
)

// ogAlert holds the fields of an Opsgenie alert (GET /v2/alerts, "data" array) that a page
// needs.
type ogAlert struct {
	ID          string   `json:"id"`
	TinyID      string   `json:"tinyId"`
	Status      string   `json:"status"`
	CreatedAt   string   `json:"createdAt"`
	Priority    string   `json:"priority"`
	Owner       string   `json:"owner"`
	Entity      string   `json:"entity"`
	Tags        []string `json:"tags"`
	Integration struct {
		Name string `json:"name"`
	} `json:"integration"`
	Responders []struct {
		Type     string `json:"type"`
		ID       string `json:"id"`
		Name     string `json:"name"`
		Username string `json:"username"`
	} `json:"responders"`
	Report struct {
		AckTime        *int64 `json:"ackTime"`
		CloseTime      *int64 `json:"closeTime"`
		AcknowledgedBy string `json:"acknowledgedBy"`
		ClosedBy       string `json:"closedBy"`
	} `json:"report"`
}

// ReadOpsgenie reads Opsgenie alerts: saved GET /v2/alerts responses (objects with a "data"
// array, back to back or one per source) or bare arrays of alerts. Each alert is one page;
// see the package documentation for who the responder is and what the service is.
func (c Config) ReadOpsgenie(srcs ...Source) ([]oncall.Page, Report, error) {
	return readRecords(c, srcs, "data", convertOpsgenie)
}

func convertOpsgenie(a *ogAlert, tp *timeParser, c Config) (string, []oncall.Page, *ParseError) {
	bad := func(field, value string, err error) (string, []oncall.Page, *ParseError) {
		return a.ID, nil, &ParseError{ID: a.ID, Field: field, Value: value, Err: err}
	}
	if a.ID == "" {
		return bad("id", "", ErrMissing)
	}
	created, err := tp.parse(a.CreatedAt)
	if err != nil {
		return bad("createdAt", a.CreatedAt, err)
	}
	if created.IsZero() {
		return bad("createdAt", "", ErrMissing)
	}
	who := ogResponder(a)
	if who == "" {
		return bad("report.acknowledgedBy", "", fmt.Errorf("%w: no acknowledgedBy, owner or user responder", ErrNoResponder))
	}
	p := oncall.Page{IncidentID: a.ID, Service: ogService(a), Urgency: a.Priority, Responder: c.responder(who, ""), Triggered: created}
	for _, d := range []struct {
		field string
		ms    *int64
		dst   *time.Time
	}{{"report.ackTime", a.Report.AckTime, &p.Acknowledged}, {"report.closeTime", a.Report.CloseTime, &p.Resolved}} {
		if d.ms == nil {
			continue
		}
		if *d.ms < 0 {
			return bad(d.field, strconv.FormatInt(*d.ms, 10), ErrNegative)
		}
		*d.dst = created.Add(time.Duration(*d.ms) * time.Millisecond)
	}
	return a.ID, []oncall.Page{p}, nil
}

// ogResponder is the person who acknowledged, else the owner, else the first user among the
// responders.
func ogResponder(a *ogAlert) string {
	if a.Report.AcknowledgedBy != "" {
		return a.Report.AcknowledgedBy
	}
	if a.Owner != "" {
		return a.Owner
	}
	for _, r := range a.Responders {
		if r.Type == "user" {
			if s := firstNonEmpty(r.Username, r.Name, r.ID); s != "" {
				return s
			}
		}
	}
	return ""
}

// ogService is the value of a "service:" tag, else the entity, else the integration's name.
func ogService(a *ogAlert) string {
	for _, t := range a.Tags {
		if v, ok := strings.CutPrefix(t, "service:"); ok && v != "" {
			return v
		}
	}
	return firstNonEmpty(a.Entity, a.Integration.Name)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
