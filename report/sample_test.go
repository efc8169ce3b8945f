package report_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/wellrested/oncall/report"
	"github.com/wellrested/oncall/report/internal/sample"
)

// The sample month renders to a well-formed, self-contained document with every picture.
func TestSampleReport(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a month of the sample data")
	}
	in, err := sample.Input()
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := report.HTML(&a, in); err != nil {
		t.Fatal(err)
	}
	if err := report.HTML(&b, in); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renderings differ")
	}
	d := xml.NewDecoder(bytes.NewReader(a.Bytes()))
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
	}
	doc := a.String()
	// Heatmap, trend, two Lorenz curves, schedule and the KSS timeline of the worst night.
	if n := strings.Count(doc, "<svg"); n != 6 {
		t.Errorf("%d pictures, want 6", n)
	}
	if strings.Contains(doc, `class="missing"`) {
		t.Error("a picture is missing")
	}
}
