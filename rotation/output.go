package rotation

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	ical "github.com/emersion/go-ical"
	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// LedgerColumns are the columns WriteLedgerCSV writes.
func LedgerColumns() []string {
	return []string{"responder", "capacity", "shifts", "burden", "share", "carried", "balance", "load",
		"business_seconds", "off_seconds", "sleep_seconds", "weekend_seconds", "holiday_seconds", "leave_seconds"}
}

// WriteLedgerCSV writes one row per account. Hours are in seconds by band, and by flag (the
// flag columns overlap the band columns: a weekend night is in sleep and in weekend).
func WriteLedgerCSV(w io.Writer, l *Ledger) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(LedgerColumns()); err != nil {
		return err
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	secs := func(d time.Duration) string { return num(d.Seconds()) }
	for _, a := range l.Accounts {
		h := a.Hours
		row := []string{a.Responder, num(a.Capacity), strconv.Itoa(a.Shifts), num(a.Burden), num(a.Share), num(a.Carried), num(a.Balance), num(a.Load),
			secs(h.Band(calendar.Business)), secs(h.Band(calendar.Off)), secs(h.Band(calendar.Sleep)),
			secs(h.With(calendar.FlagWeekend)), secs(h.With(calendar.FlagHoliday)), secs(h.With(calendar.FlagLeave))}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ErrEmptyFeed reports a calendar feed with no shifts: iCalendar needs at least one event.
var ErrEmptyFeed = errors.New("no shifts for the feed")

// Feed writes shifts as an iCalendar (RFC 5545) feed: one event per shift, times in UTC so
// clock changes cannot move them, and a UID derived from the responder, role and times, so
// the same shift keeps its UID from one export to the next and a calendar updates in place.
type Feed struct {
	// Name is the calendar's display name (X-WR-CALNAME); empty omits it.
	Name string
	// Domain is the right-hand side of each UID; empty means "oncall.invalid".
	Domain string
	// Stamp is every event's DTSTAMP; zero means the start of the earliest shift, so the
	// same schedule always gives the same bytes.
	Stamp time.Time
}

// Write writes the feed of s. Use ForResponder for one person's feed.
func (f Feed) Write(w io.Writer, s oncall.Schedule) error {
	if len(s) == 0 {
		return fmt.Errorf("rotation: calendar %q: %w", f.Name, ErrEmptyFeed)
	}
	domain := f.Domain
	if domain == "" {
		domain = "oncall.invalid"
	}
	stamp := f.Stamp
	if stamp.IsZero() {
		stamp = s[0].Start
		for _, sh := range s {
			if sh.Start.Before(stamp) {
				stamp = sh.Start
			}
		}
	}
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropProductID, "-//wellrested//oncall rotation//EN")
	cal.Props.SetText(ical.PropVersion, "2.0")
	if f.Name != "" {
		cal.Props.SetText("X-WR-CALNAME", f.Name)
	}
	for i, sh := range s {
		if err := sh.Validate(); err != nil {
			return &ShiftError{Index: i, Shift: sh, Err: err}
		}
		ev := ical.NewEvent()
		ev.Props.SetText(ical.PropUID, shiftUID(sh)+"@"+domain)
		ev.Props.SetDateTime(ical.PropDateTimeStamp, stamp.UTC())
		ev.Props.SetDateTime(ical.PropDateTimeStart, sh.Start.UTC())
		ev.Props.SetDateTime(ical.PropDateTimeEnd, sh.End.UTC())
		ev.Props.SetText(ical.PropSummary, "On call: "+sh.Responder+" ("+sh.Role+")")
		ev.Props.SetText(ical.PropTransparency, "TRANSPARENT")
		cal.Children = append(cal.Children, ev.Component)
	}
	return ical.NewEncoder(w).Encode(cal)
}

func shiftUID(sh oncall.Shift) string {
	h := sha256.Sum256([]byte(sh.Responder + "\x00" + sh.Role + "\x00" + sh.Start.UTC().Format(time.RFC3339Nano) + "\x00" + sh.End.UTC().Format(time.RFC3339Nano)))
	return hex.EncodeToString(h[:16])
}

// ForResponder returns the shifts of one responder, in order.
func ForResponder(s oncall.Schedule, id string) oncall.Schedule {
	var out oncall.Schedule
	for _, sh := range s {
		if sh.Responder == id {
			out = append(out, sh)
		}
	}
	return out
}
