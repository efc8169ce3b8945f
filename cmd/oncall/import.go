package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/ingest"
)

const importHelp = `Usage: oncall import --from FORMAT [--zone ZONE] [--lenient] [--map users.csv]
                     [--format csv|ndjson] [--report report.json] [--quiet] FILE|DIR...
       oncall import --from pagerduty --incidents FILE|DIR... --log-entries FILE|DIR...

Reads a vendor export and writes our page table (CSV, or NDJSON with --format ndjson) to
standard output.

Formats (--from):
  pagerduty            REST API v2 JSON: GET /incidents pages (--incidents) with their log
                       entries (--log-entries; GET /incidents/{id}/log_entries or /log_entries).
                       Log entries are the source of truth for who was notified when.
  pagerduty-analytics  POST /analytics/raw/incidents responses
  pagerduty-csv        incident CSV exports (documented snake_case headers and common aliases)
  opsgenie             /v2/alerts JSON
  grafana              Grafana OnCall /api/v1/alert_groups/ JSON
  csv, ndjson          our own page table
A directory stands for the files directly in it, in name order (saved API pages).

Options:
  --zone ZONE     IANA zone for times written without a UTC offset (otherwise they are
                  rejected); an unknown name is an error, never UTC
  --lenient       keep going past bad records: they are listed in the report and left out;
                  without it the first bad record stops the import (exit 1)
  --map FILE      CSV with header vendor_user,responder: maps vendor user IDs or names to
                  responder IDs of the team file
  --header C=F    pagerduty-csv: read export column C as field F, for headers the built-in
                  names and aliases do not cover (repeatable; fields: see ingest.PagerDutyCSVFields)
  --report FILE   write the import report (counts, every rejected record, merged duplicates)
                  as JSON to FILE ("-" for standard error)

A one-line JSON summary {"read","accepted","rejected","merged","ignored"} always goes to
standard error; read = accepted + rejected + merged + ignored.
`

// importFormats are the values of --from.
var importFormats = []string{"pagerduty", "pagerduty-analytics", "pagerduty-csv", "opsgenie", "grafana", "csv", "ndjson"}

// multiFlag collects a repeatable flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func runImport(e *env, args []string) error {
	fs := newFlags("import")
	from := fs.String("from", "", "export format")
	zone := fs.String("zone", "", "zone for times without offset")
	lenient := fs.Bool("lenient", false, "keep going past bad records")
	mapFile := fs.String("map", "", "vendor user to responder map (CSV)")
	format := fs.String("format", "csv", "csv or ndjson")
	report := fs.String("report", "", "write the import report here")
	e.quietFlag(fs)
	var incidents, logs, headers multiFlag
	fs.Var(&headers, "header", "pagerduty-csv: HEADER=field maps an export column to a field (repeatable)")
	fs.Var(&incidents, "incidents", "PagerDuty incidents file or directory (repeatable)")
	fs.Var(&logs, "log-entries", "PagerDuty log entries file or directory (repeatable)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usagef("import: %v", err)
	}
	files := fs.Args() // flags come first, then the files
	switch {
	case *format != "csv" && *format != "ndjson":
		return usagef("import: --format is csv or ndjson, not %q", *format)
	case *from == "pagerduty" && len(incidents)+len(logs) == 0:
		return usagef("import: --from pagerduty needs --incidents and/or --log-entries")
	case *from == "pagerduty" && len(files) > 0:
		return usagef("import: --from pagerduty takes its files with --incidents and --log-entries")
	case *from != "pagerduty" && len(files) == 0:
		return usagef("import: name at least one file or directory")
	case !slices.Contains(importFormats, *from):
		return usagef("import: unknown --from %q: one of %s", *from, strings.Join(importFormats, ", "))
	}
	cfg := ingest.Config{Zone: *zone}
	if *lenient {
		cfg.Mode = ingest.Lenient
	}
	for _, h := range headers {
		col, field, ok := strings.Cut(h, "=")
		if !ok || col == "" || !slices.Contains(ingest.PagerDutyCSVFields(), field) {
			return usagef("import: --header %q: want COLUMN=FIELD with FIELD one of %s", h, strings.Join(ingest.PagerDutyCSVFields(), ", "))
		}
		if cfg.Headers == nil {
			cfg.Headers = map[string]string{}
		}
		cfg.Headers[col] = field
	}
	if *mapFile != "" {
		m, err := readUserMap(*mapFile)
		if err != nil {
			return err
		}
		cfg.Responders = m
	}
	var (
		pages []oncall.Page
		rep   ingest.Report
		err   error
	)
	if *from == "pagerduty" {
		inc, err1 := sources(e, incidents)
		logSrc, err2 := sources(e, logs)
		if err := errors.Join(err1, err2); err != nil {
			return err
		}
		pages, rep, err = cfg.ReadPagerDuty(inc, logSrc)
	} else {
		srcs, serr := sources(e, files)
		if serr != nil {
			return serr
		}
		read := map[string]func(...ingest.Source) ([]oncall.Page, ingest.Report, error){
			"pagerduty-analytics": cfg.ReadPagerDutyAnalytics,
			"pagerduty-csv":       cfg.ReadPagerDutyCSV,
			"opsgenie":            cfg.ReadOpsgenie,
			"grafana":             cfg.ReadGrafanaOnCall,
			"csv":                 eachSource(cfg.ReadCSV),
			"ndjson":              eachSource(cfg.ReadNDJSON),
		}[*from]
		pages, rep, err = read(srcs...)
	}
	if werr := e.writeImportReport(rep, *report); werr != nil {
		return werr
	}
	if err != nil {
		return err
	}
	if *format == "ndjson" {
		return ingest.WriteNDJSON(e.stdout, pages)
	}
	return oncall.WritePages(e.stdout, pages)
}

// eachSource adapts a one-source reader to many sources, adding up the reports.
func eachSource(read func(ingest.Source) ([]oncall.Page, ingest.Report, error)) func(...ingest.Source) ([]oncall.Page, ingest.Report, error) {
	return func(srcs ...ingest.Source) ([]oncall.Page, ingest.Report, error) {
		var all []oncall.Page
		var rep ingest.Report
		for _, s := range srcs {
			pages, r, err := read(s)
			all = append(all, pages...)
			rep.Read += r.Read
			rep.Accepted += r.Accepted
			rep.Rejected += r.Rejected
			rep.Merged += r.Merged
			rep.Ignored += r.Ignored
			rep.Rejections = append(rep.Rejections, r.Rejections...)
			rep.Duplicates = append(rep.Duplicates, r.Duplicates...)
			if err != nil {
				return all, rep, err
			}
		}
		return all, rep, nil
	}
}

// sources turns paths (files, directories, "-") into ingest sources.
func sources(e *env, paths []string) ([]ingest.Source, error) {
	var out []ingest.Source
	for _, p := range paths {
		if p == "-" {
			if e.stdinUsed {
				return nil, usagef("only one file can be read from standard input")
			}
			e.stdinUsed = true
			out = append(out, ingest.ReaderSource(stdinName, e.stdin))
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if st.IsDir() {
			ds, err := ingest.DirSources(os.DirFS(p), ".")
			if err != nil {
				return nil, err
			}
			for i := range ds {
				ds[i].Name = filepath.Join(p, ds[i].Name)
			}
			out = append(out, ds...)
			continue
		}
		path := p
		out = append(out, ingest.Source{Name: path, Open: func() (io.ReadCloser, error) { return os.Open(path) }})
	}
	return e.showImport(out), nil
}

// showImport makes the sources report the bytes read on the progress line, of their total
// size when they are all regular files.
func (e *env) showImport(srcs []ingest.Source) []ingest.Source {
	bar := e.progress()
	if !bar.active() {
		return srcs
	}
	var total, read int64
	for _, s := range srcs {
		st, err := os.Stat(s.Name)
		if err != nil || !st.Mode().IsRegular() {
			total = -1
			break
		}
		total += st.Size()
	}
	out := make([]ingest.Source, len(srcs))
	for i, s := range srcs {
		open := s.Open
		s.Open = func() (io.ReadCloser, error) {
			rc, err := open()
			if err != nil {
				return nil, err
			}
			return countingReadCloser{rc, func(n int) {
				read += int64(n)
				bar.bytes("importing", read, total)
			}}, nil
		}
		out[i] = s
	}
	return out
}

// readUserMap reads a vendor_user,responder CSV.
func readUserMap(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	rows, err := r.ReadAll()
	if err != nil {
		return nil, &oncall.ParseError{File: path, Err: fmt.Errorf("%w: %w", oncall.ErrSyntax, err)}
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != "vendor_user,responder" {
		return nil, &oncall.ParseError{File: path, Line: 1, Err: fmt.Errorf("want the header vendor_user,responder: %w", oncall.ErrHeader)}
	}
	m := make(map[string]string, len(rows)-1)
	for i, row := range rows[1:] {
		if len(row) != 2 || row[0] == "" || row[1] == "" {
			return nil, &oncall.ParseError{File: path, Line: i + 2, Err: fmt.Errorf("want two non-empty fields: %w", oncall.ErrMissing)}
		}
		if prev, dup := m[row[0]]; dup && prev != row[1] {
			return nil, &oncall.ParseError{File: path, Line: i + 2, Field: "vendor_user", Value: row[0], Err: fmt.Errorf("mapped twice (%s and %s)", prev, row[1])}
		}
		m[row[0]] = row[1]
	}
	return m, nil
}

// importSummary is the one-line report on standard error.
type importSummary struct {
	Read     int `json:"read"`
	Accepted int `json:"accepted"`
	Rejected int `json:"rejected"`
	Merged   int `json:"merged"`
	Ignored  int `json:"ignored"`
}

type rejectionJSON struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Record int    `json:"record"`
	ID     string `json:"id,omitempty"`
	Field  string `json:"field,omitempty"`
	Value  string `json:"value,omitempty"`
	Error  string `json:"error"`
}

// duplicateJSON is ingest.Duplicate with snake_case keys.
type duplicateJSON struct {
	ID         string `json:"id"`
	File       string `json:"file"`
	Index      int    `json:"record"`
	FirstFile  string `json:"first_file"`
	FirstIndex int    `json:"first_record"`
}

func (e *env) writeImportReport(rep ingest.Report, path string) error {
	e.endProgress()
	sum := importSummary{rep.Read, rep.Accepted, rep.Rejected, rep.Merged, rep.Ignored}
	b, _ := json.Marshal(sum)
	fmt.Fprintf(e.stderr, "%s\n", b)
	if path == "" {
		return nil
	}
	doc := struct {
		importSummary
		Rejections []rejectionJSON `json:"rejections"`
		Duplicates []duplicateJSON `json:"duplicates"`
	}{importSummary: sum, Rejections: []rejectionJSON{}, Duplicates: []duplicateJSON{}}
	for _, d := range rep.Duplicates {
		doc.Duplicates = append(doc.Duplicates, duplicateJSON(d))
	}
	for _, r := range rep.Rejections {
		doc.Rejections = append(doc.Rejections, rejectionJSON{File: r.File, Line: r.Line, Record: r.Index, ID: r.ID, Field: r.Field, Value: r.Value, Error: r.Error()})
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	if path == "-" {
		_, err = fmt.Fprintf(e.stderr, "%s\n", out)
		return err
	}
	return os.WriteFile(path, append(out, '\n'), 0o644)
}
