package main

import "github.com/wellrested/oncall/examples/data"

const demoHelp = `Usage: oncall demo

Runs validate and hours on the bundled sample (a team of seven in London and New York, a
year of weekly primary/secondary shifts and about 1,900 pages; see examples/data in the
module) and writes one JSON document with the tables summary, gaps, overlaps, hours and
on_call. See oncall help validate and oncall help hours for the columns.
`

func runDemo(e *env, args []string) error {
	if err := parse(newFlags("demo"), args); err != nil {
		return err
	}
	fsys := data.FS()
	in, err := e.load(source{path: data.TeamFile, fsys: fsys}, source{path: data.PagesFile, fsys: fsys},
		source{path: data.ShiftsFile, fsys: fsys})
	if err != nil {
		return err
	}
	hours, err := hoursTables(in)
	if err != nil {
		return err
	}
	return writeJSON(e.stdout, append(validateTables(in), hours...)...)
}
