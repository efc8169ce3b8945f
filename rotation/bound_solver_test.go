package rotation

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"pgregory.net/rapid"
)

// lpOnlyProblem draws problems whose LP file has cover and load rows only (one
// round-the-clock role, no chain, no rest, no stint caps): its LP relaxation is then
// exactly the relaxation the Lagrangian certificate of LowerBound is the dual of.
func lpOnlyProblem(t *rapid.T) Problem {
	n := rapid.IntRange(2, 6).Draw(t, "people")
	cycles := rapid.IntRange(1, 10).Draw(t, "cycles")
	zones := []string{"UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo", "Pacific/Auckland"}
	start := time.Date(2026, time.Month(rapid.IntRange(1, 12).Draw(t, "month")), rapid.IntRange(1, 28).Draw(t, "day"), 0, 0, 0, 0, time.UTC)
	tm := make([]Member, n)
	carried := map[string]float64{}
	for i := range tm {
		prof := calendar.Profile{Zone: mustLoad(rapid.SampledFrom(zones).Draw(t, "zone")), Region: rapid.SampledFrom([]string{"", "GB", "US", "JP"}).Draw(t, "region")}
		if rapid.Bool().Draw(t, "leave?") {
			ls := start.AddDate(0, 0, rapid.IntRange(0, 7*cycles).Draw(t, "leave start"))
			prof.Leave = []calendar.Interval{{Start: ls, End: ls.AddDate(0, 0, rapid.IntRange(1, 14).Draw(t, "leave days"))}}
		}
		id := "r" + string(rune('A'+i))
		tm[i] = Member{Responder: oncall.Responder{ID: id, Profile: prof}, Capacity: rapid.SampledFrom([]float64{1, 1, 0.5, 0.8}).Draw(t, "capacity")}
		if rapid.Bool().Draw(t, "carried?") {
			carried[id] = float64(rapid.IntRange(-600, 600).Draw(t, "carried"))
		}
	}
	return Problem{Team: tm, From: start, To: start.AddDate(0, 0, 7*cycles), Carried: carried,
		Spec: Spec{Roles: []RoleSpec{{Name: oncall.Primary}}}}
}

// TestLowerBoundAgainstGLPK compares LowerBound with GLPK on the LP file the package writes:
// it must reach at least the LP relaxation's optimum (glpsol --nomip), which it refines, and
// stay at or below the integer optimum. It needs glpsol (Debian's glpk-utils) and runs only
// when ROTATION_SOLVER_CHECK is set, so CI does not depend on it.
func TestLowerBoundAgainstGLPK(t *testing.T) {
	if os.Getenv("ROTATION_SOLVER_CHECK") == "" {
		t.Skip("set ROTATION_SOLVER_CHECK=1 to compare with glpsol")
	}
	if _, err := exec.LookPath("glpsol"); err != nil {
		t.Skip("glpsol not installed")
	}
	dir := t.TempDir()
	lp := filepath.Join(dir, "model.lp")
	objective := regexp.MustCompile(`obj = (-?[0-9.e+-]+)`)
	solve := func(t *rapid.T, args ...string) (float64, string) {
		sol := filepath.Join(dir, "model.out")
		out, _ := exec.Command("glpsol", append([]string{"--lp", lp, "-o", sol}, args...)...).CombinedOutput()
		text, _ := os.ReadFile(sol)
		found := objective.FindSubmatch(text)
		if found == nil {
			return math.NaN(), string(out)
		}
		v, _ := strconv.ParseFloat(string(found[1]), 64)
		return v, string(text)
	}
	rapid.Check(t, func(t *rapid.T) {
		m, err := Compile(lpOnlyProblem(t))
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(lp)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.WriteLP(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
		relaxed, text := solve(t, "--nomip")
		if math.IsNaN(relaxed) || !regexp.MustCompile(`Status:\s+OPTIMAL`).MatchString(text) {
			return // no feasible schedule: nothing to compare
		}
		lb := m.LowerBound()
		// glpsol prints about seven significant digits.
		if lb < relaxed-1e-6*(1+math.Abs(relaxed)) {
			t.Fatalf("lower bound %v below the LP relaxation %v", lb, relaxed)
		}
		integer, text := solve(t, "--tmlim", "20")
		if regexp.MustCompile(`Status:\s+INTEGER OPTIMAL`).MatchString(text) && lb > integer+1e-6*(1+math.Abs(integer)) {
			t.Fatalf("lower bound %v above the integer optimum %v", lb, integer)
		}
	})
}
