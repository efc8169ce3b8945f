package ingest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/wellrested/oncall"
)

// PagerDutyCSVFields returns the field names ReadPagerDutyCSV understands, in the snake_case
// of PagerDuty's API; Config.Headers maps other column names to them.
func PagerDutyCSVFields() []string {
	return []string{"id", "service_id", "service_name", "urgency", "created_at", "acknowledged_at", "resolved_at",
		"seconds_to_first_ack", "seconds_to_resolve", "assigned_user_ids", "assigned_user_names",
		"acknowledged_user_ids", "acknowledged_user_names", "resolved_by_user_id", "resolved_by_user_name"}
}

// pdCSVAliases are other names PagerDuty's CSV exports have used for the same fields.
var pdCSVAliases = map[string]string{
	"incident_id":                "id",
	"service":                    "service_name",
	"created_on":                 "created_at",
	"created":                    "created_at",
	"acknowledged_on":            "acknowledged_at",
	"resolved_on":                "resolved_at",
	"resolved":                   "resolved_at",
	"assigned_to":                "assigned_user_names",
	"assigned_to_user_names":     "assigned_user_names",
	"assigned_to_user_ids":       "assigned_user_ids",
	"acknowledged_by":            "acknowledged_user_names",
	"acknowledged_by_user_names": "acknowledged_user_names",
	"acknowledged_by_user_ids":   "acknowledged_user_ids",
	"resolved_by":                "resolved_by_user_name",
	"time_to_first_ack_seconds":  "seconds_to_first_ack",
	"time_to_resolve_seconds":    "seconds_to_resolve",
}

// canonicalColumn maps a header cell to a field name, or "" for a column to ignore. Case,
// spaces and hyphens do not matter ("Created On" is created_on).
func (c Config) canonicalColumn(header string) string {
	if f, ok := c.Headers[header]; ok {
		return f
	}
	h := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(header, "\ufeff")))
	h = strings.NewReplacer(" ", "_", "-", "_").Replace(h)
	if f, ok := c.Headers[h]; ok {
		return f
	}
	if slices.Contains(PagerDutyCSVFields(), h) {
		return h
	}
	return pdCSVAliases[h]
}

// ReadPagerDutyCSV reads PagerDuty incident CSV exports. Columns are matched by name in any
// order (see PagerDutyCSVFields and Config.Headers); other columns are ignored. Rows become
// pages as Analytics raw incidents do (see ReadPagerDutyAnalytics); a cell may list several
// users separated by commas or semicolons. An acknowledged_at column, when present, gives
// the acknowledgement time directly.
func (c Config) ReadPagerDutyCSV(srcs ...Source) ([]oncall.Page, Report, error) {
	var rep Report
	loc, err := c.location()
	if err != nil {
		return nil, rep, err
	}
	for k, f := range c.Headers {
		if !slices.Contains(PagerDutyCSVFields(), f) {
			return nil, rep, fmt.Errorf("Config.Headers[%q] = %q: %w", k, f, ErrUnknownField)
		}
	}
	tp := newTimeParser(loc)
	set := newPageSet()
	for _, src := range srcs {
		err := withSource(src, func(r io.Reader) error { return c.readPDCSVFile(r, src.Name, tp, set, &rep) })
		if err != nil {
			return finishAfter(err, c.Mode, func(m Mode) ([]oncall.Page, error) { return set.finish(m, &rep) }, &rep)
		}
	}
	pages, err := set.finish(c.Mode, &rep)
	return pages, rep, err
}

func (c Config) readPDCSVFile(r io.Reader, file string, tp *timeParser, set *pageSet, rep *Report) error {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return &ParseError{File: file, Line: 1, Err: fmt.Errorf("empty input: %w", ErrHeader)}
	}
	if err != nil {
		return csvParseError(err, file, 0)
	}
	cols, err := c.pdCSVColumns(header, file)
	if err != nil {
		return err
	}
	cr.FieldsPerRecord = len(header)
	for index := 0; ; index++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		var pe *ParseError
		var id string
		var pages []oncall.Page
		if err != nil {
			// FieldPos is only valid after a successful Read; the csv error has the line.
			if pe = csvParseError(err, file, index); pe == nil {
				return err
			}
		} else {
			raw := pdCSVRow(rec, cols)
			id, pages, pe = convertAnalytics(raw, tp, c)
			if pe == nil && raw.AcknowledgedAt != "" {
				pe = setCSVAck(raw, pages, tp)
			}
			if pe != nil {
				pe.Line, _ = cr.FieldPos(0)
			}
		}
		rep.Read++
		if pe != nil {
			pe.File, pe.Index = file, index
			if rerr := rep.reject(c.Mode, pe); rerr != nil {
				return rerr
			}
			continue
		}
		set.add(id, recordRef{file, index}, pages, rep)
	}
}

// csvParseError converts an encoding/csv error; nil for errors that are not about the input
// (a failing reader).
func csvParseError(err error, file string, index int) *ParseError {
	var ce *csv.ParseError
	if !errors.As(err, &ce) {
		return nil
	}
	return &ParseError{File: file, Line: ce.StartLine, Index: index, Err: fmt.Errorf("%w: %v", ErrSyntax, ce.Err)}
}

// pdCSVColumns maps each field to its column (-1 when absent) and checks that the fields a
// page needs are there.
func (c Config) pdCSVColumns(header []string, file string) (map[string]int, error) {
	cols := map[string]int{}
	for i, h := range header {
		f := c.canonicalColumn(h)
		if f == "" {
			continue
		}
		if j, dup := cols[f]; dup {
			return nil, &ParseError{File: file, Line: 1, Field: h, Value: h,
				Err: fmt.Errorf("%w: column %q and column %q both give %s", ErrHeader, header[j], h, f)}
		}
		cols[f] = i
	}
	for _, need := range []string{"id", "created_at"} {
		if _, ok := cols[need]; !ok {
			return nil, &ParseError{File: file, Line: 1, Field: need, Err: fmt.Errorf("missing column: %w", ErrHeader)}
		}
	}
	for _, f := range []string{"assigned_user_ids", "assigned_user_names", "acknowledged_user_ids", "acknowledged_user_names", "resolved_by_user_id", "resolved_by_user_name"} {
		if _, ok := cols[f]; ok {
			return cols, nil
		}
	}
	return nil, &ParseError{File: file, Line: 1, Field: "assigned_user_names",
		Err: fmt.Errorf("missing column: %w: no column names the users paged", ErrHeader)}
}

func pdCSVRow(rec []string, cols map[string]int) *pdRawIncident {
	get := func(f string) string {
		if i, ok := cols[f]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	list := func(f string) []string {
		s := get(f)
		if s == "" {
			return nil
		}
		parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' })
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		return parts
	}
	return &pdRawIncident{
		ID: strings.Clone(get("id")), ServiceID: get("service_id"), ServiceName: get("service_name"), Urgency: get("urgency"),
		CreatedAt: get("created_at"), AcknowledgedAt: get("acknowledged_at"), ResolvedAt: get("resolved_at"),
		SecondsToFirstAck: secondsCell(get("seconds_to_first_ack")), SecondsToResolve: secondsCell(get("seconds_to_resolve")),
		secondsText:     [2]string{get("seconds_to_first_ack"), get("seconds_to_resolve")},
		AssignedUserIDs: list("assigned_user_ids"), AssignedUserNames: list("assigned_user_names"),
		AcknowledgedUserIDs: list("acknowledged_user_ids"), AcknowledgedUserNames: list("acknowledged_user_names"),
		ResolvedByUserID: get("resolved_by_user_id"), ResolvedByUserName: get("resolved_by_user_name"),
	}
}

// secondsCell parses a whole number of seconds; nil for an empty cell or text that is not
// one (convertAnalytics then reports secondsText).
func secondsCell(s string) *int64 {
	if s == "" {
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil
	}
	return &n
}

// setCSVAck applies an acknowledged_at column to the row's pages.
func setCSVAck(raw *pdRawIncident, pages []oncall.Page, tp *timeParser) *ParseError {
	t, err := tp.parse(raw.AcknowledgedAt)
	if err != nil {
		return &ParseError{ID: raw.ID, Field: "acknowledged_at", Value: raw.AcknowledgedAt, Err: err}
	}
	for i := range pages {
		pages[i].Acknowledged = t
	}
	return nil
}
