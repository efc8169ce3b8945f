package ingest

import (
	"fmt"
	"strconv"
	"time"

	"github.com/wellrested/oncall"
)

// pdRawIncident holds the fields of a PagerDuty Analytics raw incident
// (POST /analytics/raw/incidents, "data" array) that pages need.
type pdRawIncident struct {
	ID                    string   `json:"id"`
	ServiceID             string   `json:"service_id"`
	ServiceName           string   `json:"service_name"`
	Urgency               string   `json:"urgency"`
	CreatedAt             string   `json:"created_at"`
	ResolvedAt            string   `json:"resolved_at"`
	SecondsToFirstAck     *int64   `json:"seconds_to_first_ack"`
	SecondsToResolve      *int64   `json:"seconds_to_resolve"`
	AssignedUserIDs       []string `json:"assigned_user_ids"`
	AssignedUserNames     []string `json:"assigned_user_names"`
	AcknowledgedUserIDs   []string `json:"acknowledged_user_ids"`
	AcknowledgedUserNames []string `json:"acknowledged_user_names"`
	ResolvedByUserID      string   `json:"resolved_by_user_id"`
	ResolvedByUserName    string   `json:"resolved_by_user_name"`

	// From CSV exports only: an acknowledgement time column, and the text of the seconds
	// columns so that a value that is not a whole number can be reported.
	AcknowledgedAt string `json:"-"`
	secondsText    [2]string
}

// ReadPagerDutyAnalytics reads PagerDuty Analytics raw incidents: saved
// POST /analytics/raw/incidents responses (objects with a "data" array) or bare arrays.
// Analytics gives per incident who was assigned and how long the first acknowledgement and
// the resolution took, but not when each person was notified: every assigned user gets a
// page triggered at created_at, acknowledged at created_at + seconds_to_first_ack, with no
// escalation level. Use ReadPagerDuty with log entries when the exact history matters.
//
// Analytics writes created_at and resolved_at without an offset, in the time_zone of the
// request (echoed in the response): set Config.Zone to it.
func (c Config) ReadPagerDutyAnalytics(srcs ...Source) ([]oncall.Page, Report, error) {
	return readRecords(c, srcs, "data", convertAnalytics)
}

func convertAnalytics(v *pdRawIncident, tp *timeParser, c Config) (string, []oncall.Page, *ParseError) {
	bad := func(field, value string, err error) (string, []oncall.Page, *ParseError) {
		return v.ID, nil, &ParseError{ID: v.ID, Field: field, Value: value, Err: err}
	}
	if v.ID == "" {
		return bad("id", "", ErrMissing)
	}
	created, err := tp.parse(v.CreatedAt)
	if err != nil {
		return bad("created_at", v.CreatedAt, err)
	}
	if created.IsZero() {
		return bad("created_at", "", ErrMissing)
	}
	resolved, err := tp.parse(v.ResolvedAt)
	if err != nil {
		return bad("resolved_at", v.ResolvedAt, err)
	}
	var acked time.Time
	for i, d := range []struct {
		field string
		secs  *int64
		dst   *time.Time
	}{{"seconds_to_first_ack", v.SecondsToFirstAck, &acked}, {"seconds_to_resolve", v.SecondsToResolve, &resolved}} {
		if d.secs == nil && v.secondsText[i] != "" {
			return bad(d.field, v.secondsText[i], ErrNumber)
		}
		if d.secs == nil || !d.dst.IsZero() {
			continue
		}
		if *d.secs < 0 {
			return bad(d.field, strconv.FormatInt(*d.secs, 10), ErrNegative)
		}
		*d.dst = created.Add(time.Duration(*d.secs) * time.Second)
	}
	users := analyticsUsers(v, c)
	if len(users) == 0 {
		return bad("assigned_user_ids", "", fmt.Errorf("%w: no assigned, acknowledging or resolving user", ErrNoResponder))
	}
	pages := make([]oncall.Page, 0, len(users))
	for _, u := range users {
		pages = append(pages, oncall.Page{IncidentID: v.ID, Service: firstNonEmpty(v.ServiceName, v.ServiceID), Urgency: v.Urgency,
			Responder: u, Triggered: created, Acknowledged: acked, Resolved: resolved})
	}
	return v.ID, pages, nil
}

// analyticsUsers is the assigned users, else those who acknowledged, else the resolver, each
// once, in the order given.
func analyticsUsers(v *pdRawIncident, c Config) []string {
	pick := func(ids, names []string) []string {
		var out []string
		for i := range max(len(ids), len(names)) {
			id, name := "", ""
			if i < len(ids) {
				id = ids[i]
			}
			if i < len(names) {
				name = names[i]
			}
			if u := c.responder(id, name); u != "" && !containsString(out, u) {
				out = append(out, u)
			}
		}
		return out
	}
	if u := pick(v.AssignedUserIDs, v.AssignedUserNames); len(u) > 0 {
		return u
	}
	if u := pick(v.AcknowledgedUserIDs, v.AcknowledgedUserNames); len(u) > 0 {
		return u
	}
	return pick([]string{v.ResolvedByUserID}, []string{v.ResolvedByUserName})
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
