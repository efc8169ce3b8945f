package teamfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/wellrested/oncall/calendar"
)

// The written form. Keys follow calendar.Profile's JSON form, which Decode uses to read the
// profile back; the round-trip test keeps the two in step.
type (
	fileOut struct {
		SchemaVersion int            `json:"schema_version"`
		Team          string         `json:"team,omitempty"`
		Roles         []roleOut      `json:"roles,omitempty"`
		Responders    []responderOut `json:"responders"`
		Rotation      *rotationOut   `json:"rotation,omitempty"`
		Recovery      *recoveryOut   `json:"recovery,omitempty"`
	}
	roleOut struct {
		Name       string `json:"name"`
		AckSLA     string `json:"ack_sla,omitempty"`
		ResolveSLA string `json:"resolve_sla,omitempty"`
	}
	responderOut struct {
		ID      string     `json:"id"`
		Name    string     `json:"name,omitempty"`
		Team    string     `json:"team,omitempty"`
		Profile profileOut `json:"profile"`
	}
	profileOut struct {
		Zone         string             `json:"zone"`
		WorkingDays  string             `json:"working_days,omitempty"`
		WorkingHours calendar.Window    `json:"working_hours,omitzero"`
		Sleep        calendar.Window    `json:"sleep,omitzero"`
		Region       string             `json:"region,omitempty"`
		Holidays     []calendar.Holiday `json:"holidays,omitempty"`
		HalfDays     []calendar.HalfDay `json:"half_days,omitempty"`
		Leave        []leaveOut         `json:"leave,omitempty"`
	}
	leaveOut struct {
		From  string `json:"from,omitempty"`
		To    string `json:"to,omitempty"`
		Start string `json:"start,omitempty"`
		End   string `json:"end,omitempty"`
	}
)

// Encode writes t as a version 1 team file, indented for hand editing. Leave that covers whole
// days in the person's zone is written as dates ({"from", "to"}), other leave as instants.
// Empty Roles are left out (Decode reads that as oncall.DefaultRoles). It refuses what Decode
// would refuse or could not read back: empty or repeated IDs, profiles that do not compile,
// zones without an IANA name, and holiday rules (code, which has no written form).
func Encode(w io.Writer, t *Team) error {
	out := fileOut{SchemaVersion: SchemaVersion, Team: t.Name, Responders: []responderOut{}}
	for _, r := range t.Roles {
		if r.Name == "" {
			return errors.New("teamfile: encode: a role has no name")
		}
		out.Roles = append(out.Roles, roleOut{Name: r.Name, AckSLA: formatDuration(r.AckSLA), ResolveSLA: formatDuration(r.ResolveSLA)})
	}
	seen := map[string]bool{}
	for _, r := range t.Responders {
		if strings.TrimSpace(r.ID) == "" || seen[r.ID] {
			return fmt.Errorf("teamfile: encode: responder id %q is empty or repeated", r.ID)
		}
		seen[r.ID] = true
		p, err := encodeProfile(r.Profile)
		if err != nil {
			return fmt.Errorf("teamfile: encode: responder %q: %w", r.ID, err)
		}
		out.Responders = append(out.Responders, responderOut{ID: r.ID, Name: r.Name, Team: r.Team, Profile: p})
	}
	rot, err := encodeRotation(t.Rotation)
	if err != nil {
		return fmt.Errorf("teamfile: encode: %w", err)
	}
	out.Rotation = rot
	if out.Recovery, err = encodeRecovery(t.Recovery); err != nil {
		return fmt.Errorf("teamfile: encode: %w", err)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return err
	}
	// The rotation section refers to responders and roles; reading the result back is the
	// one complete check that Decode accepts it.
	if _, err := Decode(bytes.NewReader(b.Bytes()), "encoded"); err != nil {
		return fmt.Errorf("teamfile: encode: the result would not read back: %w", err)
	}
	_, err = b.WriteTo(w)
	return err
}

func encodeProfile(p calendar.Profile) (profileOut, error) {
	if len(p.HolidayRules) > 0 {
		return profileOut{}, errors.New("holiday rules cannot be written to a team file; list the dates in Holidays")
	}
	if _, err := calendar.New(p); err != nil {
		return profileOut{}, err
	}
	loc := p.Zone
	if loc == nil {
		loc = time.UTC
	}
	if _, err := time.LoadLocation(loc.String()); err != nil || loc.String() == "Local" {
		return profileOut{}, fmt.Errorf("zone %q has no IANA name to write", loc.String())
	}
	out := profileOut{
		Zone: loc.String(), WorkingHours: p.WorkingHours, Sleep: p.Sleep, Region: p.Region,
		Holidays: p.Holidays, HalfDays: p.HalfDays,
	}
	if p.WorkingDays != 0 {
		out.WorkingDays = formatWeekdays(p.WorkingDays)
	}
	for _, l := range p.Leave {
		out.Leave = append(out.Leave, encodeLeave(l, loc))
	}
	return out, nil
}

// encodeLeave writes whole local days as dates, anything else as instants in the zone.
func encodeLeave(l calendar.Interval, loc *time.Location) leaveOut {
	from := calendar.DateOf(l.Start.In(loc))
	end := calendar.DateOf(l.End.In(loc))
	if from.Start(loc).Equal(l.Start) && end.Start(loc).Equal(l.End) && from.Before(end) {
		return leaveOut{From: from.String(), To: end.AddDays(-1).String()}
	}
	return leaveOut{Start: l.Start.In(loc).Format(time.RFC3339Nano), End: l.End.In(loc).Format(time.RFC3339Nano)}
}

// formatDuration writes "5m" and "1h30m" rather than time.Duration's "5m0s" and "1h30m0s".
func formatDuration(d time.Duration) string {
	if d == 0 {
		return ""
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// formatWeekdays writes a run of three or more consecutive days as a range ("Mon-Fri",
// "Sun-Thu") and anything else as a list ("Mon,Wed,Fri").
func formatWeekdays(w calendar.Weekdays) string {
	n := 0
	for d := time.Sunday; d <= time.Saturday; d++ {
		if w.Has(d) {
			n++
		}
	}
	if n == 7 {
		return "Mon-Sun"
	}
	if n >= 3 {
		for first := time.Sunday; first <= time.Saturday; first++ {
			// A run starts at a day whose previous day is not in the set.
			if !w.Has(first) || w.Has((first+6)%7) {
				continue
			}
			last := first
			for w.Has((last + 1) % 7) {
				last = (last + 1) % 7
			}
			if int((last-first+7)%7)+1 == n {
				return first.String()[:3] + "-" + last.String()[:3]
			}
		}
	}
	return w.String()
}
