package fatigue

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	ical "github.com/emersion/go-ical"
)

// EntitlementColumns is the header of the CSV export, in order.
func EntitlementColumns() []string {
	return []string{"uid", "person", "rule", "category", "episodes", "amount_seconds", "all_day",
		"earliest_start", "expires", "capped_seconds"}
}

// UID is the entitlement's stable identifier. A day off or a late start is identified by
// the person and the working day it is for, so that it keeps its UID when later pages add
// episodes or rules to it; time in lieu by the person and its episode. Re-importing an
// export therefore updates events instead of doubling them.
func (e Entitlement) UID() string {
	kind, key := "day-off", e.EarliestStart.UTC().Format(time.RFC3339Nano)
	switch {
	case e.AllDay:
	case e.Rule == RuleTimeInLieu:
		kind, key = RuleTimeInLieu, strings.Join(e.Episodes, "\x1f")
	default:
		kind = e.Rule
	}
	h := sha256.New()
	for _, s := range []string{e.Person, kind, key} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16]) + "@wellrested-oncall"
}

func formatRFC3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func secondsString(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64)
}

// WriteEntitlementsCSV writes the entitlements as CSV with the EntitlementColumns header.
// Episodes are joined with ";"; a zero expiry is an empty field.
func WriteEntitlementsCSV(w io.Writer, ents []Entitlement) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(EntitlementColumns()); err != nil {
		return err
	}
	for _, e := range ents {
		rec := []string{e.UID(), e.Person, e.Rule, e.Category, strings.Join(e.Episodes, ";"), secondsString(e.Amount),
			strconv.FormatBool(e.AllDay), formatRFC3339(e.EarliestStart), formatRFC3339(e.Expires), secondsString(e.Capped)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

type entitlementJSON struct {
	UID           string   `json:"uid"`
	Person        string   `json:"person"`
	Rule          string   `json:"rule"`
	Category      string   `json:"category"`
	Episodes      []string `json:"episodes"`
	AmountSeconds float64  `json:"amount_seconds"`
	AllDay        bool     `json:"all_day"`
	EarliestStart string   `json:"earliest_start"`
	Expires       *string  `json:"expires"`
	CappedSeconds float64  `json:"capped_seconds"`
}

// MarshalJSON writes RFC 3339 times and durations as *_seconds numbers; a zero expiry is
// null.
func (e Entitlement) MarshalJSON() ([]byte, error) {
	j := entitlementJSON{UID: e.UID(), Person: e.Person, Rule: e.Rule, Category: e.Category, Episodes: e.Episodes,
		AmountSeconds: e.Amount.Seconds(), AllDay: e.AllDay, EarliestStart: formatRFC3339(e.EarliestStart),
		CappedSeconds: e.Capped.Seconds()}
	if j.Episodes == nil {
		j.Episodes = []string{}
	}
	if !e.Expires.IsZero() {
		s := formatRFC3339(e.Expires)
		j.Expires = &s
	}
	return json.Marshal(j)
}

// WriteEntitlementsJSON writes the entitlements as a JSON array, one object per line.
func WriteEntitlementsJSON(w io.Writer, ents []Entitlement) error {
	var b strings.Builder
	b.WriteString("[")
	for i, e := range ents {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  ")
		j, err := e.MarshalJSON()
		if err != nil {
			return err
		}
		b.Write(j)
	}
	b.WriteString("\n]\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// ICSOptions set the iCalendar export. The zero value is usable.
type ICSOptions struct {
	// ProductID is the calendar's PRODID; empty means "-//wellrested//oncall fatigue//EN".
	ProductID string
	// Stamp is every event's DTSTAMP; zero means each entitlement's EarliestStart, which
	// keeps the output the same for the same input.
	Stamp time.Time
}

// WriteEntitlementsICS writes one VEVENT per entitlement. Whole days off are all-day events
// on the local date they are for; other entitlements are timed events in UTC from
// EarliestStart for Amount. Every event carries the stable UID and CATEGORIES Category.
func WriteEntitlementsICS(w io.Writer, ents []Entitlement, opts ICSOptions) error {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	prod := opts.ProductID
	if prod == "" {
		prod = "-//wellrested//oncall fatigue//EN"
	}
	cal.Props.SetText(ical.PropProductID, prod)
	for _, e := range ents {
		cal.Children = append(cal.Children, icsEvent(e, opts.Stamp).Component)
	}
	if err := ical.NewEncoder(w).Encode(cal); err != nil {
		return fmt.Errorf("fatigue: writing iCalendar: %w", err)
	}
	return nil
}

func icsEvent(e Entitlement, stamp time.Time) *ical.Event {
	ev := ical.NewEvent()
	ev.Props.SetText(ical.PropUID, e.UID())
	if stamp.IsZero() {
		stamp = e.EarliestStart
	}
	ev.Props.SetDateTime(ical.PropDateTimeStamp, stamp.UTC())
	if e.AllDay {
		day := time.Date(e.EarliestStart.Year(), e.EarliestStart.Month(), e.EarliestStart.Day(), 0, 0, 0, 0, time.UTC)
		ev.Props.SetDate(ical.PropDateTimeStart, day)
		ev.Props.SetDate(ical.PropDateTimeEnd, day.AddDate(0, 0, 1))
		ev.Props.SetText(ical.PropSummary, "On-call recovery: day off")
	} else {
		ev.Props.SetDateTime(ical.PropDateTimeStart, e.EarliestStart.UTC())
		ev.Props.SetDateTime(ical.PropDateTimeEnd, e.EarliestStart.Add(e.Amount).UTC())
		ev.Props.SetText(ical.PropSummary, "On-call recovery: "+summaryOf(e))
	}
	cat := ical.NewProp(ical.PropCategories)
	cat.SetText(e.Category)
	ev.Props.Set(cat)
	ev.Props.SetText(ical.PropTransparency, "OPAQUE")
	desc := fmt.Sprintf("%s for %s; rule %s; episodes %s", e.Category, e.Person, e.Rule, strings.Join(e.Episodes, ", "))
	if !e.Expires.IsZero() {
		desc += "; take by " + e.Expires.UTC().Format(time.RFC3339)
	}
	ev.Props.SetText(ical.PropDescription, desc)
	return ev
}

func summaryOf(e Entitlement) string {
	switch e.Rule {
	case RuleRest:
		return "late start (" + e.Amount.Round(time.Minute).String() + ")"
	case RuleTimeInLieu:
		return "time off in lieu (" + e.Amount.Round(time.Minute).String() + ")"
	}
	return e.Amount.Round(time.Minute).String() + " off"
}
