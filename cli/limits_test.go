package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/store"
)

// TestFlagBounds: out-of-range --jobs and --resample are refused with exit
// 2 and a message naming the flag and the range, before any work starts.
func TestFlagBounds(t *testing.T) {
	hi := fmt.Sprint(jobsPerCore * runtime.NumCPU())
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"qc", "nowhere", "--jobs", "99999999999"}, "--jobs 99999999999 is out of range: use 1 to " + hi},
		{[]string{"qc", "nowhere", "--jobs", "0"}, "--jobs 0 is out of range"},
		{[]string{"qc", "nowhere", "--jobs", "-3"}, "--jobs -3 is out of range"},
		{[]string{"qc", "nowhere", "--jobs", "lots"}, `--jobs "lots" is not a number`},
		{[]string{"stats", "nowhere", "--jobs", "1000000"}, "--jobs 1000000 is out of range"},
		{[]string{"import-dicom", "a", "b", "--resample", "1e-6"}, "--resample 1e-06 mm is out of range: use a slice distance from 0.1 to 50 mm"},
		{[]string{"import-dicom", "a", "b", "--resample", "0"}, "--resample 0 mm is out of range"},
		{[]string{"import-dicom", "a", "b", "--resample", "-5"}, "--resample -5 mm is out of range"},
		{[]string{"import-dicom", "a", "b", "--resample", "NaN"}, "--resample NaN mm is out of range"},
		{[]string{"import-dicom", "a", "b", "--resample", "1e308"}, "--resample 1e+308 mm is out of range"},
	} {
		code, _, errs := run(c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want 2 and %q", c.args, code, errs, c.want)
		}
	}
	if code, _, errs := run("qc", "nowhere", "--jobs", "1"); code != 2 || strings.Contains(errs, "--jobs") {
		t.Errorf("--jobs 1 refused: %d %q", code, errs)
	}
}

// TestQCWithoutLabelMaps: a case with an image and no label maps cannot
// be checked: exit 2, naming the missing files, and findings are an empty
// list, never null.
func TestQCWithoutLabelMaps(t *testing.T) {
	dir := qcSet(t)
	c := filepath.Join(dir, "case_000")
	os.Remove(filepath.Join(c, store.RegionsFile))
	os.Remove(filepath.Join(c, store.PartsFile))
	code, out, errs := run("qc", c)
	if code != 2 || !strings.Contains(errs, "could not check case_000: no label maps (body-regions.nii.gz is missing; body-parts.nii.gz is missing): nothing to check") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if strings.Contains(out, "null") {
		t.Errorf("output holds null: %s", out)
	}
}

// TestFlagProblem: the flag package's messages name the option as the
// usage writes it, in words.
func TestFlagProblem(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"qc", "x", "--jobs"}, "saros-review qc: --jobs needs a value\n"},
		{[]string{"stats", "x", "--jobs", "many"}, `saros-review stats: --jobs "many" is not a number` + "\n"},
		{[]string{"qc", "x", "--job", "2"}, "saros-review qc: --job is not an option of this command\n"},
	} {
		var out, errs strings.Builder
		code := Run(Env{Stdout: &out, Stderr: &errs}, c.args)
		if code != 2 || !strings.HasPrefix(errs.String(), c.want) {
			t.Errorf("%v: exit %d, stderr %q, want it to start %q", c.args, code, errs.String(), c.want)
		}
	}
}
