package oncall

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
)

// recordScanner reads CSV records with exactly the rules of encoding/csv's Reader in its
// default configuration (comma separator, no comments, strict quotes, \r\n read as \n, empty
// lines skipped, the field count fixed by the first record) but hands out fields as byte
// slices into a buffer it reuses, so reading a million-row page table does not make a string
// per row. Errors are *csv.ParseError with encoding/csv's sentinels, so callers see the same
// errors either way; FuzzRecordScanner checks the two agree record by record.
type recordScanner struct {
	br      *bufio.Reader
	line    int    // physical lines read so far
	raw     []byte // a line longer than the bufio buffer
	rec     []byte // the current record's field bytes, unescaped
	ends    []int  // end offset in rec of each field
	nfields int    // fields every record must have; 0 until the first record
}

func newRecordScanner(r io.Reader) *recordScanner {
	return &recordScanner{br: bufio.NewReaderSize(r, 64<<10)}
}

// field returns field i of the current record.
func (s *recordScanner) field(i int) []byte {
	start := 0
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.rec[start:s.ends[i]]
}

// fields returns the number of fields in the current record.
func (s *recordScanner) fields() int { return len(s.ends) }

// readLine returns the next physical line with \r\n turned into \n. The slice is valid
// until the next call.
func (s *recordScanner) readLine() ([]byte, error) {
	line, err := s.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		s.raw = append(s.raw[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = s.br.ReadSlice('\n')
			s.raw = append(s.raw, line...)
		}
		line = s.raw
	}
	if len(line) > 0 && err == io.EOF {
		err = nil
		if line[len(line)-1] == '\r' { // a lone \r before the end of input is dropped
			line = line[:len(line)-1]
		}
	}
	s.line++
	if n := len(line); n >= 2 && line[n-2] == '\r' && line[n-1] == '\n' {
		line[n-2] = '\n'
		line = line[:n-1]
	}
	return line, err
}

// trimNL drops one trailing newline.
func trimNL(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		return b[:n-1]
	}
	return b
}

// scan reads the next record; it returns the line the record starts on. At the end of input
// it returns io.EOF. After a syntax error the rest of the offending line is skipped, and the
// next call goes on from the following line, as encoding/csv does.
func (s *recordScanner) scan() (startLine int, err error) {
	var line []byte
	var errRead error
	for errRead == nil {
		line, errRead = s.readLine()
		if errRead == nil && len(trimNL(line)) == 0 {
			continue // empty line
		}
		break
	}
	if errRead == io.EOF {
		return 0, io.EOF
	}
	start := s.line
	s.rec, s.ends = s.rec[:0], s.ends[:0]
	err = s.parseFields(line, errRead, start)
	if err == nil && errRead != nil {
		err = errRead
	}
	if s.nfields == 0 {
		s.nfields = len(s.ends)
	} else if err == nil && len(s.ends) != s.nfields {
		err = &csv.ParseError{StartLine: start, Line: start, Column: 1, Err: csv.ErrFieldCount}
	}
	return start, err
}

// parseFields splits one record, reading more lines while a quoted field goes on.
func (s *recordScanner) parseFields(line []byte, errRead error, start int) error {
	col := 1 // byte column of line[0], for error positions
fields:
	for {
		if len(line) == 0 || line[0] != '"' {
			field, rest, more := line, []byte(nil), false
			if i := bytes.IndexByte(line, ','); i >= 0 {
				field, rest, more = line[:i], line[i+1:], true
			} else {
				field = trimNL(field)
			}
			if j := bytes.IndexByte(field, '"'); j >= 0 {
				return &csv.ParseError{StartLine: start, Line: s.line, Column: col + j, Err: csv.ErrBareQuote}
			}
			s.rec = append(s.rec, field...)
			s.ends = append(s.ends, len(s.rec))
			if !more {
				return nil
			}
			col += len(field) + 1
			line = rest
			continue
		}
		// A quoted field: runs to a quote followed by a comma, a newline or the end.
		line = line[1:]
		col++
		lineNo := s.line
		for {
			if i := bytes.IndexByte(line, '"'); i >= 0 {
				s.rec = append(s.rec, line[:i]...)
				line = line[i+1:]
				col += i + 1
				switch {
				case len(line) > 0 && line[0] == '"': // "" is one quote
					s.rec = append(s.rec, '"')
					line = line[1:]
					col++
				case len(line) > 0 && line[0] == ',':
					line = line[1:]
					col++
					s.ends = append(s.ends, len(s.rec))
					continue fields
				case len(trimNL(line)) == 0:
					s.ends = append(s.ends, len(s.rec))
					return nil
				default:
					return &csv.ParseError{StartLine: start, Line: s.line, Column: col - 1, Err: csv.ErrQuote}
				}
			} else if len(line) > 0 {
				s.rec = append(s.rec, line...)
				if errRead != nil {
					return errRead
				}
				col += len(line)
				line, errRead = s.readLine()
				if len(line) > 0 {
					lineNo++
					col = 1
				}
				if errRead == io.EOF {
					errRead = nil
				}
			} else {
				if errRead == nil {
					return &csv.ParseError{StartLine: start, Line: lineNo, Column: col, Err: csv.ErrQuote}
				}
				s.ends = append(s.ends, len(s.rec))
				return errRead
			}
		}
	}
}
