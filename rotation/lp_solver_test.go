package rotation

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"pgregory.net/rapid"
)

// TestLPMatchesBruteForceWithGLPK solves the LP file of tiny random problems with GLPK's
// glpsol and compares its optimum with exhaustive search. It needs glpsol (Debian's
// glpk-utils) and runs only when ROTATION_SOLVER_CHECK is set, so CI does not depend on it.
func TestLPMatchesBruteForceWithGLPK(t *testing.T) {
	if os.Getenv("ROTATION_SOLVER_CHECK") == "" {
		t.Skip("set ROTATION_SOLVER_CHECK=1 to compare with glpsol")
	}
	if _, err := exec.LookPath("glpsol"); err != nil {
		t.Skip("glpsol not installed")
	}
	dir := t.TempDir()
	lp, sol := filepath.Join(dir, "model.lp"), filepath.Join(dir, "model.out")
	objective := regexp.MustCompile(`obj = (-?[0-9.e+-]+)`)
	rapid.Check(t, func(t *rapid.T) {
		m, err := Compile(tinyProblem(t))
		if err != nil {
			t.Fatal(err)
		}
		best := bruteForce(t, m)
		f, err := os.Create(lp)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.WriteLP(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
		out, _ := exec.Command("glpsol", "--lp", lp, "-o", sol).CombinedOutput()
		text, _ := os.ReadFile(sol)
		found := objective.FindSubmatch(text)
		empty := regexp.MustCompile(`INTEGER EMPTY|UNDEFINED|PROBLEM HAS NO`).Match(append(out, text...))
		if best == nil {
			if found != nil && !empty {
				t.Fatalf("no valid schedule exists, but glpsol reports one:\n%s", text)
			}
			return
		}
		if found == nil {
			t.Fatalf("glpsol gave no objective:\n%s", out)
		}
		v, _ := strconv.ParseFloat(string(found[1]), 64)
		// glpsol prints six significant digits.
		if math.Abs(v-best[0]) > 1e-5*(1+math.Abs(best[0])) {
			t.Fatalf("glpsol optimum %v, exhaustive search %v", v, best[0])
		}
	})
}
