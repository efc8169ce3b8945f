// Command oncall reports on on-call work from a team file, a page table and a schedule: it
// checks the files, counts pages and engaged and on-call hours by the kind of time they fell
// in for each person (business, off or sleep hours; weekends, holidays, leave), generates
// fair rotations and judges the fairness of existing ones (package rotation).
//
// Install it with
//
//	go install github.com/wellrested/oncall/cmd/oncall@latest
//
// and run `oncall help` for the commands. Standard output carries data only, one JSON
// document (or CSV); logs, errors and, when standard error is a terminal, a progress line
// for long runs go to standard error. The exit status is 0 on success,
// 1 for bad data (with a JSON error object on standard error) and 2 for bad usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"time"
	_ "time/tzdata" // zone rules built in, so results do not depend on the host
)

// Exit statuses.
const (
	exitOK    = 0
	exitData  = 1
	exitUsage = 2
)

const usage = `oncall reports on on-call work: pages, engaged time and on-call hours by the kind of
time they fell in for each person (business, off or sleep hours; weekend, holiday, leave),
and generates and judges fair rotations.

Usage:
  oncall import   --from FORMAT [--zone ZONE] [--lenient] [--map users.csv]
                  [--format csv|ndjson] [--report report.json] FILE|DIR...
                  (FORMAT: pagerduty, pagerduty-analytics, pagerduty-csv, opsgenie,
                  grafana, csv, ndjson; see oncall help import)
  oncall validate --team team.json --pages pages.csv [--shifts shifts.csv]
  oncall hours    --team team.json --pages pages.csv [--shifts shifts.csv]
                  [--format json|csv] [--table hours|on_call]
  oncall schedule --team team.json --from DATE --to DATE [--rotation rotation.json]
                  [--history shifts.csv] [--previous shifts.csv [--freeze TIME]]
                  [--format json|csv|ics] [--responder ID] [--lp]
  oncall fairness --team team.json --shifts shifts.csv [--rotation rotation.json]
                  [--from DATE] [--to DATE] [--history shifts.csv]
                  [--format json|csv] [--table ledger|violations]
  oncall metrics  --team team.json --pages pages.csv [--shifts shifts.csv] [--zone ZONE]
                  [--period day|week|month] [--quantile 1-9] [--format json|csv]
                  [--table NAME]
  oncall fatigue  --team team.json --pages pages.csv [--from DATE --to DATE] [--zone ZONE]
                  [--format json|csv] [--table episodes|nights|days|contributions|periods]
  oncall recovery --team team.json --pages pages.csv [--policy policy.json | --preset NAME]
                  [--responder ID] [--format json|csv|ics] [--table entitlements|totals]
                  (NAME: automatic-day-off, eu-rest, time-in-lieu)
  oncall report   --team team.json --pages pages.csv --html out.html [--shifts shifts.csv]
                  [--rotation rotation.json] [--from DATE --to DATE] [--zone ZONE]
  oncall demo
  oncall version
  oncall help [command]

Files:
  --team    the team file (JSON, schema_version 1): roles, responders and their profiles,
            and optionally the rotation (see oncall help schedule)
  --pages   the page table (CSV): incident_id,service,urgency,responder,role,
            escalation_level,triggered_at,acknowledged_at,resolved_at
  --shifts  the shift table (CSV): responder,role,start,end
  A path of "-" reads standard input (for one file at most).

Output is one JSON document on standard output,
  {"schema_version": 1, "tool_version": "...", "<table>": [{...}, ...], ...}
with flat records, RFC 3339 times, durations as *_seconds numbers and null for undefined
numbers. Logs and errors go to standard error.

Progress: import, validate, hours, schedule, metrics, fatigue, recovery and report draw a
progress line on standard error when it is a terminal and the run lasts (bytes read of a
file's size, else records read, then the step or the people done), redrawn at most ten
times a second with carriage returns only (no colour or escape sequences, so there is
nothing for NO_COLOR to remove) and erased before any output. It is never drawn when
standard error is a file or a pipe, nor with TERM=dumb; --quiet turns it off.

Exit status: 0 success; 1 bad data, with a JSON object on standard error
  {"error": "...", "file": "...", "line": 3, "field": "...", "value": "..."};
2 bad usage.
`

var commands = map[string]struct {
	run  func(e *env, args []string) error
	help string
}{
	"validate": {runValidate, validateHelp},
	"hours":    {runHours, hoursHelp},
	"import":   {runImport, importHelp},
	"schedule": {runSchedule, scheduleHelp},
	"fairness": {runFairness, fairnessHelp},
	"metrics":  {runMetrics, metricsHelp},
	"fatigue":  {runFatigue, fatigueHelp},
	"recovery": {runRecovery, recoveryHelp},
	"report":   {runReport, reportHelp},
	"demo":     {runDemo, demoHelp},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, stderrTerminal{os.Stderr, os.Getenv}))
}

// run is the whole command, in-process: it returns the exit status. A progress line is drawn
// only when stderr is a terminal that ShowsProgress.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runEnv(&env{stdin: stdin, stdout: stdout, stderr: stderr}, args)
}

// runEnv runs the command line in e.
func runEnv(e *env, args []string) int {
	stdout := e.stdout
	e.stdout = afterProgress{w: stdout, e: e}
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		return help(e, rest)
	case "version", "-version", "--version":
		if len(rest) > 0 {
			return e.usageError(fmt.Errorf("version takes no arguments"), usage)
		}
		fmt.Fprintf(stdout, "oncall %s %s %s/%s\n", toolVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return exitOK
	}
	cmd, ok := commands[name]
	if !ok {
		return e.usageError(fmt.Errorf("unknown command %q", name), usage)
	}
	err := cmd.run(e, rest)
	e.endProgress()
	var ue *usageErr
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, cmd.help)
		return exitOK
	case errors.As(err, &ue):
		return e.usageError(ue, cmd.help)
	}
	e.dataError(err)
	return exitData
}

func help(e *env, args []string) int {
	switch {
	case len(args) == 0:
		fmt.Fprint(e.stdout, usage)
		return exitOK
	case len(args) == 1:
		if cmd, ok := commands[args[0]]; ok {
			fmt.Fprint(e.stdout, cmd.help)
			return exitOK
		}
	}
	return e.usageError(fmt.Errorf("help: unknown command %q", args), usage)
}

// toolVersion is the module version the binary was built from ("devel" for a local build).
func toolVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}

// env is what a command works with.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	stdinUsed      bool
	quiet          bool             // --quiet: no progress line
	now            func() time.Time // the clock of the progress line; nil is time.Now
	bar            *progress        // started by progress()
}

// usageErr is a mistake in the command line.
type usageErr struct{ msg string }

func (u *usageErr) Error() string { return u.msg }

func usagef(format string, args ...any) error { return &usageErr{msg: fmt.Sprintf(format, args...)} }

func (e *env) usageError(err error, help string) int {
	fmt.Fprintf(e.stderr, "oncall: %v\n\n%s", err, help)
	return exitUsage
}

// newFlags returns a flag set that reports nothing itself: run reports problems once, as
// usage errors, and prints the help for -h.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses the flags: problems become usage errors, -h returns flag.ErrHelp.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usagef("%s: %v", fs.Name(), err)
	}
	if fs.NArg() > 0 {
		return usagef("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return nil
}
