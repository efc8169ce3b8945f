package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wellrested/oncall"
)

// MaxLineBytes is the longest NDJSON line read (not counting the newline); a page is a few
// hundred bytes, so a longer line is a sign of the wrong file.
const MaxLineBytes = 1 << 20

// ndjsonPage is one NDJSON line: the page table's columns as keys, times as RFC 3339 strings
// with offset or null, escalation_level as a number (0 when unknown).
type ndjsonPage struct {
	IncidentID      string  `json:"incident_id"`
	Service         string  `json:"service"`
	Urgency         string  `json:"urgency"`
	Responder       string  `json:"responder"`
	Role            string  `json:"role"`
	EscalationLevel int     `json:"escalation_level"`
	TriggeredAt     *string `json:"triggered_at"`
	AcknowledgedAt  *string `json:"acknowledged_at"`
	ResolvedAt      *string `json:"resolved_at"`
}

// NDJSONReader reads pages written one JSON object per line, with the page table's column
// names as keys. Unknown keys are errors (a misspelt key would otherwise lose a value); blank
// lines are skipped. Modes work as for CSVReader.
type NDJSONReader struct {
	mode   Mode
	file   string
	br     *bufio.Reader
	tp     *timeParser
	line   int
	long   []byte // a line longer than the read buffer
	report Report
	done   error
}

// NewNDJSONReader returns a reader of the NDJSON pages in r; file names it in errors.
func NewNDJSONReader(r io.Reader, file string, mode Mode) *NDJSONReader {
	return &NDJSONReader{mode: mode, file: file, br: bufio.NewReaderSize(r, 64<<10), tp: newTimeParser(nil)}
}

// Report returns the counts so far.
func (nr *NDJSONReader) Report() Report { return nr.report }

// Read returns the next accepted page, io.EOF at the end, a *ParseError for a bad line in
// Strict mode, or the underlying read error.
func (nr *NDJSONReader) Read() (oncall.Page, error) {
	for nr.done == nil {
		line, err := nr.nextLine()
		if err != nil {
			nr.done = err
			break
		}
		if line == nil {
			continue
		}
		nr.report.Read++
		p, pe := nr.decode(line.text)
		if pe == nil {
			nr.report.Accepted++
			return p, nil
		}
		pe.File, pe.Line, pe.Index = nr.file, nr.line, nr.report.Read-1
		if rerr := nr.report.reject(nr.mode, pe); rerr != nil {
			nr.done = rerr
		}
	}
	return oncall.Page{}, nr.done
}

type rawLine struct{ text []byte }

// nextLine returns the next non-blank line, nil for a blank one, or io.EOF. A line longer
// than MaxLineBytes comes back with nil text, which decode reports as ErrTooLong.
func (nr *NDJSONReader) nextLine() (*rawLine, error) {
	b, err := nr.br.ReadSlice('\n')
	if len(b) == 0 && err != nil {
		return nil, err
	}
	nr.line++
	tooLong := false
	if errors.Is(err, bufio.ErrBufferFull) {
		nr.long = append(nr.long[:0], b...)
		for errors.Is(err, bufio.ErrBufferFull) {
			b, err = nr.br.ReadSlice('\n')
			if tooLong = tooLong || len(nr.long)+len(b) > MaxLineBytes+1; !tooLong {
				nr.long = append(nr.long, b...)
			}
		}
		b = nr.long
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	if tooLong {
		return &rawLine{}, nil
	}
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil, nil
	}
	return &rawLine{text: b}, nil
}

func (nr *NDJSONReader) decode(text []byte) (oncall.Page, *ParseError) {
	if text == nil {
		return oncall.Page{}, &ParseError{Err: fmt.Errorf("%w: more than %d bytes", ErrTooLong, MaxLineBytes)}
	}
	if !utf8.Valid(text) {
		return oncall.Page{}, &ParseError{Err: fmt.Errorf("%w: invalid UTF-8", ErrSyntax)}
	}
	var v ndjsonPage
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		jp := classifyJSON(err)
		return oncall.Page{}, &ParseError{Field: jp.field, Value: jp.value, Err: jp.err}
	}
	if _, err := dec.Token(); err != io.EOF {
		return oncall.Page{}, &ParseError{Err: fmt.Errorf("%w: more after the object", ErrSyntax)}
	}
	p := oncall.Page{IncidentID: v.IncidentID, Service: v.Service, Urgency: v.Urgency, Responder: v.Responder,
		Role: v.Role, EscalationLevel: v.EscalationLevel}
	for _, f := range []struct {
		name string
		s    *string
		dst  *time.Time
	}{{"triggered_at", v.TriggeredAt, &p.Triggered}, {"acknowledged_at", v.AcknowledgedAt, &p.Acknowledged}, {"resolved_at", v.ResolvedAt, &p.Resolved}} {
		if f.s == nil || *f.s == "" {
			continue
		}
		t, err := nr.tp.parseRFC3339(*f.s)
		if err != nil {
			return oncall.Page{}, &ParseError{ID: v.IncidentID, Field: f.name, Value: *f.s, Err: err}
		}
		*f.dst = t
	}
	if err := p.Validate(); err != nil {
		return oncall.Page{}, validationError(err, ParseError{ID: v.IncidentID})
	}
	return p, nil
}

// ReadNDJSON reads a whole NDJSON page file. The error is nil at a clean end of input.
func (c Config) ReadNDJSON(src Source) ([]oncall.Page, Report, error) {
	var pages []oncall.Page
	var rep Report
	err := withSource(src, func(r io.Reader) error {
		nr := NewNDJSONReader(r, src.Name, c.Mode)
		defer func() { rep = nr.Report() }()
		for {
			p, err := nr.Read()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			pages = append(pages, p)
		}
	})
	return pages, rep, err
}

// NDJSONWriter writes pages one JSON object per line, keys in page table order, times as
// RFC 3339 with the offset they carry (null when unknown), so that NDJSON and CSV convert
// into each other byte for byte.
type NDJSONWriter struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

// NewNDJSONWriter returns a writer to w; call Flush at the end.
func NewNDJSONWriter(w io.Writer) *NDJSONWriter {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &NDJSONWriter{bw: bw, enc: enc}
}

// Write writes one page. Text that is not valid UTF-8 is an error: JSON would replace it,
// and the round trip would no longer be exact.
func (w *NDJSONWriter) Write(p oncall.Page) error {
	for _, s := range []string{p.IncidentID, p.Service, p.Urgency, p.Responder, p.Role} {
		if !utf8.ValidString(s) {
			return fmt.Errorf("incident %q: %w: invalid UTF-8 in %q", p.IncidentID, ErrSyntax, s)
		}
	}
	return w.enc.Encode(ndjsonPage{IncidentID: p.IncidentID, Service: p.Service, Urgency: p.Urgency,
		Responder: p.Responder, Role: p.Role, EscalationLevel: p.EscalationLevel,
		TriggeredAt: timeString(p.Triggered), AcknowledgedAt: timeString(p.Acknowledged), ResolvedAt: timeString(p.Resolved)})
}

// Flush writes any buffered data.
func (w *NDJSONWriter) Flush() error { return w.bw.Flush() }

// WriteNDJSON writes pages as NDJSON.
func WriteNDJSON(w io.Writer, pages []oncall.Page) error {
	nw := NewNDJSONWriter(w)
	for _, p := range pages {
		if err := nw.Write(p); err != nil {
			return err
		}
	}
	return nw.Flush()
}

func timeString(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.RFC3339Nano)
	return &s
}

// parseRFC3339 reads a time of our own tables: RFC 3339 with "T" and an offset, nothing else.
func (tp *timeParser) parseRFC3339(s string) (time.Time, error) {
	if !hasOffset(s) || len(s) < 20 || (s[10] != 'T' && s[10] != 't') || strings.ContainsRune(s, ' ') {
		return time.Time{}, ErrTime
	}
	return tp.parseWithOffset(s)
}
