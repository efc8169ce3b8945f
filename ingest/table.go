package ingest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"

	"github.com/wellrested/oncall"
)

// CSVReader reads the normalized page table (oncall.PageColumns header, RFC 3339 times with
// offset) one page at a time, so a table of any length streams in constant memory. In
// Lenient mode Read skips bad rows and keeps them in the Report; in Strict mode it returns
// the first one. A missing or wrong header stops both modes: no row can be read without it.
type CSVReader struct {
	mode   Mode
	file   string
	pr     *oncall.PageReader
	report Report
	done   error
}

// NewCSVReader returns a reader of the page table in r; file names it in errors.
func NewCSVReader(r io.Reader, file string, mode Mode) *CSVReader {
	pr := oncall.NewPageReader(r)
	pr.File = file
	return &CSVReader{mode: mode, file: file, pr: pr}
}

// Read returns the next accepted page, io.EOF at the end, a *ParseError for a bad row in
// Strict mode or for a bad header, or the underlying read error. After any error but a
// lenient rejection it keeps returning that error.
func (cr *CSVReader) Read() (oncall.Page, error) {
	for cr.done == nil {
		p, err := cr.pr.Read()
		if err == nil {
			cr.report.Read++
			cr.report.Accepted++
			return p, nil
		}
		if err == io.EOF {
			cr.done = io.EOF
			break
		}
		var pe *oncall.ParseError
		if !errors.As(err, &pe) {
			cr.done = err
			break
		}
		ipe := &ParseError{File: pe.File, Line: pe.Line, Index: cr.report.Read, Field: pe.Field, Value: pe.Value, Err: pe.Err}
		var ce *csv.ParseError
		if errors.Is(pe.Err, csv.ErrFieldCount) || errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) || errors.As(pe.Err, &ce) {
			ipe.Err = fmt.Errorf("%w: %w", ErrSyntax, pe.Err)
		}
		if errors.Is(err, oncall.ErrHeader) {
			cr.done = ipe
			break
		}
		cr.report.Read++
		if rerr := cr.report.reject(cr.mode, ipe); rerr != nil {
			cr.done = rerr
		}
	}
	return oncall.Page{}, cr.done
}

// Report returns the counts so far.
func (cr *CSVReader) Report() Report { return cr.report }

// ReadCSV reads a whole normalized page table. The error is nil at a clean end of input.
func (c Config) ReadCSV(src Source) ([]oncall.Page, Report, error) {
	var rep Report
	var acc pageChunks
	err := withSource(src, func(r io.Reader) error {
		cr := NewCSVReader(r, src.Name, c.Mode)
		defer func() { rep = cr.Report() }()
		for {
			p, err := cr.Read()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			acc.add(p)
		}
	})
	return acc.pages(), rep, err
}

// pageChunks collects pages in fixed-size chunks and joins them once at the end: a
// growing slice would copy a million pages about five times over and hold two copies at
// each step.
type pageChunks struct {
	full [][]oncall.Page
	cur  []oncall.Page
	n    int
}

const chunkPages = 8192

func (pc *pageChunks) add(p oncall.Page) {
	if len(pc.cur) == cap(pc.cur) {
		if pc.cur != nil {
			pc.full = append(pc.full, pc.cur)
		}
		pc.cur = make([]oncall.Page, 0, chunkPages)
	}
	pc.cur = append(pc.cur, p)
	pc.n++
}

func (pc *pageChunks) pages() []oncall.Page {
	if len(pc.full) == 0 {
		return pc.cur
	}
	out := make([]oncall.Page, 0, pc.n)
	for i, ch := range pc.full {
		out = append(out, ch...)
		pc.full[i] = nil // let the chunk go as soon as it is copied
	}
	return append(out, pc.cur...)
}

// WriteCSV writes pages as the normalized page table.
func WriteCSV(w io.Writer, pages []oncall.Page) error { return oncall.WritePages(w, pages) }
