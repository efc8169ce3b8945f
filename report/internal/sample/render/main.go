// Command render writes the HTML report of the bundled sample month to a file, for the
// render check in report/testdata/render_check.sh.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/wellrested/oncall/report"
	"github.com/wellrested/oncall/report/internal/sample"
)

func main() {
	out := flag.String("o", "sample-report.html", "file to write")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "render:", err)
		os.Exit(1)
	}
}

func run(path string) error {
	in, err := sample.Input()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := report.HTML(&buf, in); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
