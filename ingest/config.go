package ingest

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/wellrested/oncall"
)

// Config says how to read an export. The zero value reads strictly, rejects times without a
// UTC offset, keeps vendor user IDs as responder IDs and maps escalation levels 1 and 2 to
// primary and secondary.
type Config struct {
	// Mode is Strict (the default) or Lenient.
	Mode Mode
	// Zone is the IANA name ("Europe/Berlin") of the zone for times written without a UTC
	// offset. Empty means such times are rejected with ErrNoOffset. A name time.LoadLocation
	// does not know, and "Local", are errors (ErrUnknownZone), never a silent UTC.
	Zone string
	// Responders maps a vendor's user ID, or failing that its display name or username, to
	// the responder ID used in pages. Users not in the map keep the vendor's identifier.
	Responders map[string]string
	// Roles maps an escalation level to a role name. Nil means level 1 is oncall.Primary and
	// level 2 is oncall.Secondary; levels not in the map get no role.
	Roles map[int]string
	// Headers maps column names of a PagerDuty CSV export to the field names listed by
	// PagerDutyCSVFields, for exports whose headers the built-in aliases do not cover. It is
	// consulted first, with the header as written and then lower-cased with "_" for spaces.
	Headers map[string]string
}

// location resolves Zone; nil means "no zone named".
func (c Config) location() (*time.Location, error) {
	if c.Zone == "" {
		return nil, nil
	}
	if c.Zone == "Local" {
		return nil, fmt.Errorf("zone %q would depend on the machine: %w", c.Zone, ErrUnknownZone)
	}
	loc, err := time.LoadLocation(c.Zone)
	if err != nil {
		return nil, fmt.Errorf("zone %q: %w (%v)", c.Zone, ErrUnknownZone, err)
	}
	return loc, nil
}

func (c Config) responder(id, name string) string {
	if v, ok := c.Responders[id]; ok && id != "" {
		return v
	}
	if v, ok := c.Responders[name]; ok && name != "" {
		return v
	}
	if id != "" {
		return id
	}
	return name
}

func (c Config) role(level int) string {
	if c.Roles == nil {
		switch level {
		case 1:
			return oncall.Primary
		case 2:
			return oncall.Secondary
		}
		return ""
	}
	return c.Roles[level]
}

// Source is one input file. Open is called once, when the file's turn comes, and the
// reader is closed after it has been read.
type Source struct {
	// Name identifies the file in errors and reports.
	Name string
	// Open returns the file's contents; the reader is closed when the file has been read.
	Open func() (io.ReadCloser, error)
}

// ReaderSource wraps an already open reader; it is not closed.
func ReaderSource(name string, r io.Reader) Source {
	return Source{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(r), nil }}
}

// DirSources lists the regular files directly in dir of fsys, sorted by name, as sources:
// paginated API responses saved one page per file. Names starting with "." are skipped.
func DirSources(fsys fs.FS, dir string) ([]Source, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var out []Source
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		name := path.Join(dir, e.Name())
		out = append(out, Source{Name: name, Open: func() (io.ReadCloser, error) { return fsys.Open(name) }})
	}
	slices.SortFunc(out, func(a, b Source) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// withSource opens src, calls fn, and closes it.
func withSource(src Source, fn func(io.Reader) error) error {
	if src.Open == nil {
		return fmt.Errorf("%s: source has no Open function", src.Name)
	}
	rc, err := src.Open()
	if err != nil {
		return err
	}
	err = fn(rc)
	if cerr := rc.Close(); err == nil {
		err = cerr
	}
	return err
}
