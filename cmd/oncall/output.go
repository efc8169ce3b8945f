package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strconv"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/ingest"
	"github.com/wellrested/oncall/internal/teamfile"
	"github.com/wellrested/oncall/rotation"
)

// outputSchemaVersion is the version of the JSON document and its tables.
const outputSchemaVersion = 1

// field is one column of a record.
type field struct {
	key string
	val any // string, int, float64 (NaN is null), time.Time (zero is null) or nil
}

// record is a flat row whose columns keep their order in JSON and CSV alike.
type record []field

// table is a named list of records.
type table struct {
	name string
	rows []record
}

// MarshalJSON writes the record as an object with its columns in order.
func (r record) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range r {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.key)
		b.Write(k)
		b.WriteByte(':')
		v, err := jsonValue(f.val)
		if err != nil {
			return nil, fmt.Errorf("column %s: %w", f.key, err)
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func jsonValue(v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return []byte("null"), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return []byte("null"), nil
		}
	case time.Time:
		if x.IsZero() {
			return []byte("null"), nil
		}
		return json.Marshal(x.Format(time.RFC3339Nano))
	}
	return json.Marshal(v)
}

// csvValue writes a column as CSV text; null is empty.
func csvValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ""
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case time.Time:
		if x.IsZero() {
			return ""
		}
		return x.Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}

// seconds is a duration as a *_seconds number.
func seconds(d time.Duration) float64 { return d.Seconds() }

// writeJSON writes one document holding the tables, in order.
func writeJSON(w io.Writer, tables ...table) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"schema_version":%d,"tool_version":`, outputSchemaVersion)
	v, _ := json.Marshal(toolVersion())
	b.Write(v)
	for _, t := range tables {
		k, _ := json.Marshal(t.name)
		b.WriteByte(',')
		b.Write(k)
		b.WriteByte(':')
		rows := t.rows
		if rows == nil {
			rows = []record{}
		}
		v, err := json.Marshal(rows)
		if err != nil {
			return err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err := out.WriteTo(w)
	return err
}

// writeCSV writes one table with a header row. columns gives the header when there are no
// rows.
func writeCSV(w io.Writer, t table, columns []string) error {
	cw := csv.NewWriter(w)
	if len(t.rows) > 0 {
		columns = nil
		for _, f := range t.rows[0] {
			columns = append(columns, f.key)
		}
	}
	if err := cw.Write(columns); err != nil {
		return err
	}
	rec := make([]string, len(columns))
	for _, r := range t.rows {
		for i, f := range r {
			rec[i] = csvValue(f.val)
		}
		if err := cw.Write(rec[:len(r)]); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// errorJSON is the error object written to standard error for bad data.
type errorJSON struct {
	Error string `json:"error"`
	File  string `json:"file,omitempty"`
	Line  int    `json:"line,omitempty"`
	// Record is the 0-based index of the offending record inside a JSON array (vendor
	// exports), where there is no line to name.
	Record *int   `json:"record,omitempty"`
	ID     string `json:"id,omitempty"`
	Field  string `json:"field,omitempty"`
	Value  string `json:"value,omitempty"`
	// Slot and Blocks name the first slot of a rotation nobody can cover, and why each
	// person cannot.
	Slot   *slotJSON        `json:"slot,omitempty"`
	Blocks []rotation.Block `json:"blocks,omitempty"`
}

// slotJSON is a slot in an error object.
type slotJSON struct {
	Role  string `json:"role"`
	Cycle int    `json:"cycle"`
	Start string `json:"start"`
	End   string `json:"end"`
}

// describe picks the position of a data error out of the error chain. For a team file, the
// field is the key path.
func describe(err error) errorJSON {
	out := errorJSON{Error: err.Error()}
	var pe *oncall.ParseError
	var ie *ingest.ParseError
	var te *teamfile.Error
	var fe *fs.PathError
	switch {
	case errors.As(err, &pe):
		out.File, out.Line, out.Field, out.Value = pe.File, pe.Line, pe.Field, pe.Value
	case errors.As(err, &ie):
		out.File, out.Line, out.ID, out.Field, out.Value = ie.File, ie.Line, ie.ID, ie.Field, ie.Value
		if ie.Line == 0 {
			out.Record = &ie.Index
		}
	case errors.As(err, &te):
		out.File, out.Line, out.Field, out.Value = te.File, te.Line, te.Path, te.Value
	case errors.As(err, &fe):
		out.File = fe.Path
	}
	if ue, ok := infeasible(err); ok {
		sl := ue.Slot
		out.Slot = &slotJSON{Role: sl.Role, Cycle: sl.Cycle, Start: sl.Start.Format(time.RFC3339), End: sl.End.Format(time.RFC3339)}
		out.Blocks = ue.Blocks
	}
	return out
}

func (e *env) dataError(err error) {
	b, _ := json.Marshal(describe(err))
	fmt.Fprintf(e.stderr, "%s\n", b)
}
