package oncall

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"testing"
)

// scanAll reads every record with the scanner: fields, start line and error per record.
type scanned struct {
	fields []string
	line   int
	err    error
}

func scanAll(data []byte) []scanned {
	s := newRecordScanner(bytes.NewReader(data))
	var out []scanned
	for range len(data) + 2 {
		line, err := s.scan()
		if err == io.EOF {
			break
		}
		r := scanned{line: line, err: err}
		if err == nil {
			for i := range s.fields() {
				r.fields = append(r.fields, string(s.field(i)))
			}
		}
		out = append(out, r)
	}
	return out
}

// csvAll reads every record with encoding/csv in its default configuration.
func csvAll(data []byte) []scanned {
	r := csv.NewReader(bytes.NewReader(data))
	var out []scanned
	for range len(data) + 2 {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		s := scanned{err: err}
		if err == nil {
			s.fields = slices.Clone(rec)
			s.line, _ = r.FieldPos(0)
		} else {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				s.line = pe.StartLine
			}
		}
		out = append(out, s)
	}
	return out
}

func sameScans(t *testing.T, data []byte) {
	t.Helper()
	got, want := scanAll(data), csvAll(data)
	if len(got) != len(want) {
		t.Fatalf("%q: %d records, encoding/csv reads %d", data, len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.line != w.line || !slices.Equal(g.fields, w.fields) {
			t.Fatalf("%q record %d: got line %d %q, encoding/csv line %d %q", data, i, g.line, g.fields, w.line, w.fields)
		}
		var gp, wp *csv.ParseError
		if (g.err == nil) != (w.err == nil) {
			t.Fatalf("%q record %d: error %v, encoding/csv %v", data, i, g.err, w.err)
		}
		if w.err != nil {
			if !errors.As(g.err, &gp) || !errors.As(w.err, &wp) || *gp != *wp {
				t.Fatalf("%q record %d: error %#v, encoding/csv %#v", data, i, g.err, w.err)
			}
		}
	}
}

func TestRecordScannerAgreesWithEncodingCSV(t *testing.T) {
	for _, in := range []string{
		"", "\n", "a", "a,b\n1,2\n", "a,b\r\n1,2\r\n", "a,b\n\n\n1,2", "a,b\n1,2,3\n4,5\n",
		"a\n\"x\ny\"\nz\n", "a,b\n\"1\"\"2\",3\n", "a,b\nx\"y,1\n2,3\n", "a,b\n\"x\"y,1\n2,3\n",
		"a,b\n\"unterminated,1\n", "a\r", "a\n\"x\r\ny\"\n", "a,b\n,\n", "\"\"\n", "a\n\"\"\"\"\n",
		"a,b\n1,\"2\n\n3\"\n4,5\n", "a\n\"x\"\r", " \"a\"\n", "a\n\r\n\r\nb\n",
	} {
		sameScans(t, []byte(in))
	}
}

// A line longer than the scanner's buffer is read whole.
func TestRecordScannerLongLine(t *testing.T) {
	long := bytes.Repeat([]byte("x"), 200<<10)
	data := append(append([]byte("a,b\n"), long...), ",\"q\"\"\"\n1,2\n"...)
	sameScans(t, data)
}

// FuzzRecordScanner checks the scanner against encoding/csv record by record: same fields,
// same start lines, same errors (sentinel, line and column).
func FuzzRecordScanner(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "a\n\"x\ny\"\n", "a,b\nx\"y,1\n", "a,b\r\n\"1\"\"\",2\r\n", "a\n\"x"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { sameScans(t, data) })
}
