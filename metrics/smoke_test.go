package metrics

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"testing"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/internal/teamfile"
)

// The sample team under examples/data runs through every summary. Its figures are not
// independently known, so this checks invariants: nothing fails, counts add up, shares lie in
// [0, 1], and the report is valid JSON.
func TestSampleData(t *testing.T) {
	const dir = "../examples/data/"
	team, err := teamfile.Load(dir + "team.json")
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no sample data")
	}
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(dir + "pages.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pages, err := oncall.NewPageReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sf, err := os.Open(dir + "shifts.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer sf.Close()
	shifts, err := oncall.ReadShifts(sf)
	if err != nil {
		t.Fatal(err)
	}
	in := Input{Pages: pages, Shifts: shifts, Calendars: map[string]*calendar.Calendar{}, Teams: map[string]string{}}
	var taken []TimeOff
	for _, r := range team.Responders {
		c, err := r.Calendar()
		if err != nil {
			t.Fatal(err)
		}
		in.Calendars[r.ID], in.Teams[r.ID] = c, r.Team
		offs, err := TimeOffFromLeave(r.ID, c)
		if err != nil {
			t.Fatal(err)
		}
		taken = append(taken, offs...)
	}
	rep, err := Summarize(in, Options{Roles: team.Roles})
	if err != nil {
		t.Fatal(err)
	}
	o := rep.OutOfHours
	if o.Business.Count+o.Off.Count+o.Sleep.Count != len(pages) || rep.Volume.Pages != len(pages) {
		t.Errorf("bands %d+%d+%d of %d pages", o.Business.Count, o.Off.Count, o.Sleep.Count, len(pages))
	}
	sum := 0
	for _, c := range rep.Volume.ByPeriod {
		sum += c.Pages
	}
	if sum != len(pages) {
		t.Errorf("periods hold %d pages of %d", sum, len(pages))
	}
	for _, s := range rep.Response.SLA {
		if s.Ack != nil && (s.Ack.Share < 0 || s.Ack.Share > 1 || s.Ack.CI.Lo > s.Ack.Share || s.Ack.CI.Hi < s.Ack.Share) {
			t.Errorf("SLA %s: %+v", s.Role, s.Ack)
		}
	}
	if _, err := json.Marshal(rep); err != nil {
		t.Fatal(err)
	}
	if _, err := RecoveryOf(nil, taken, shifts[len(shifts)-1].End); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d pages, %d people; sleep share %.3f; page trend %s (p %.3g); top sleep hotspot %s",
		len(pages), rep.Fairness.N, o.Sleep.Share, rep.PageTrend.Verdict, rep.PageTrend.P, rep.Hotspots.BySleep[0].Service)
}
