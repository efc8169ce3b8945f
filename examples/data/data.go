// Package data is the bundled sample data set: a team of seven on-call engineers in London
// and New York, the weekly primary/secondary schedule they worked from December 2025 to
// December 2026, and the pages they received in that year.
//
// The files are made by the seeded generator in ./gen (run `go generate` here, or
// `go run ./examples/data/gen` from the module root); they are embedded so that tools such as
// `oncall demo` find them wherever they run. See README.md for the columns.
package data

import (
	"embed"
	"io/fs"
)

//go:generate go run ./gen

// The file names, for Open and FS.
const (
	TeamFile   = "team.json"
	ShiftsFile = "shifts.csv"
	PagesFile  = "pages.csv"
	// RotationFile is the team's rotation, kept apart from the generated team file: weekly
	// primary and secondary handing over on Tuesdays at 10:00 London time, the secondary
	// stepping up to primary, at least one week off between stints.
	RotationFile = "rotation.json"
)

//go:embed team.json shifts.csv pages.csv rotation.json
var files embed.FS

// FS returns the embedded files: TeamFile, ShiftsFile, PagesFile and RotationFile.
func FS() fs.FS { return files }

// Open opens one of the embedded files by name.
func Open(name string) (fs.File, error) { return files.Open(name) }
