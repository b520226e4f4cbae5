package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/store"
)

// TestExportNNUNetCommand: export a demo data set in 3D and 2D, each passes
// check-nnunet; a second run writes nothing; bad flags and a foreign
// folder are refused.
func TestExportNNUNetCommand(t *testing.T) {
	src := t.TempDir()
	if code, _, errs := run("demo", src, "--cases", "2"); code != 0 {
		t.Fatal(errs)
	}
	// Two cases cannot fill five folds (check-nnunet would say so): no CSV.
	os.Remove(filepath.Join(src, store.DemoCSV))
	out := t.TempDir()
	code, stdout, errs := run("export-nnunet", src, out, "--jobs", "2")
	if code != 0 || !strings.Contains(stdout, "2 training and 0 test cases; 4 files written") {
		t.Fatalf("exit %d: %s %s", code, stdout, errs)
	}
	if code, stdout, _ := run("export-nnunet", src, out); code != 0 || !strings.Contains(stdout, "0 files written, 4 unchanged") {
		t.Fatalf("re-export: %s", stdout)
	}
	if code, stdout, _ := run("check-nnunet", filepath.Join(out, "Dataset501_SAROSRegions")); code != 0 {
		t.Fatalf("check: %s", stdout)
	}
	code, stdout, errs = run("export-nnunet", "--mode", "2d", "--map", "parts", src, out, "--id", "12", "--name", "Slices")
	if code != 0 {
		t.Fatalf("2d: %s %s", stdout, errs)
	}
	if code, stdout, _ := run("check-nnunet", filepath.Join(out, "Dataset012_Slices")); code != 0 {
		t.Fatalf("check 2d: %s", stdout)
	}
	os.MkdirAll(filepath.Join(out, "Dataset013_Mine"), 0o755)
	os.WriteFile(filepath.Join(out, "Dataset013_Mine", "x"), nil, 0o644)
	if code, _, errs := run("export-nnunet", src, out, "--id", "13", "--name", "Mine"); code != 2 || !strings.Contains(errs, "--force") {
		t.Fatalf("foreign folder: %d %s", code, errs)
	}
	for _, bad := range [][]string{{"export-nnunet", src}, {"export-nnunet", src, out, "--mode", "4d"}, {"export-nnunet", src, out, "--bogus"}} {
		if code, _, _ := run(bad...); code != 2 {
			t.Errorf("%v: exit %d", bad, code)
		}
	}
	// A broken set: check-nnunet says so with exit 1.
	os.Remove(filepath.Join(out, "Dataset501_SAROSRegions", "labelsTr", "case_000.nii.gz"))
	if code, stdout, _ := run("check-nnunet", filepath.Join(out, "Dataset501_SAROSRegions")); code != 1 || !strings.Contains(stdout, "case_000") {
		t.Fatalf("broken set: %d %s", code, stdout)
	}
}

// TestExportNNUNetDefaultIDs: the parts export and the 2D export go to
// their own default data sets next to the regions one; --id 0 is refused.
func TestExportNNUNetDefaultIDs(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	if code, _, errs := run("demo", src, "--cases", "1"); code != 0 {
		t.Fatal(errs)
	}
	os.Remove(filepath.Join(src, store.DemoCSV)) // one case fills no five folds
	for _, a := range [][]string{{}, {"--map", "parts"}, {"--mode", "2d"}} {
		if code, o, errs := run(append([]string{"export-nnunet", src, out}, a...)...); code != 0 || strings.Contains(o, "removed") && !strings.Contains(o, "0 removed") {
			t.Fatalf("%v: %d %s %s", a, code, o, errs)
		}
	}
	for _, d := range []string{"Dataset501_SAROSRegions", "Dataset502_SAROSParts", "Dataset503_SAROSRegions2D"} {
		if code, o, _ := run("check-nnunet", filepath.Join(out, d)); code != 0 {
			t.Errorf("%s: %s", d, o)
		}
	}
	if code, _, errs := run("export-nnunet", src, out, "--map", "parts", "--id", "501", "--name", "SAROSRegions"); code != 2 || !strings.Contains(errs, "--force") {
		t.Errorf("parts over regions: %d %s", code, errs)
	}
	if code, _, errs := run("export-nnunet", src, out, "--id", "0"); code != 2 || !strings.Contains(errs, "--id 0") {
		t.Errorf("--id 0: %d %s", code, errs)
	}
}

// TestExportNNUNetJobsBounded: --jobs 0, -1 and more than 4 per core are
// refused with the range, before anything is written.
func TestExportNNUNetJobsBounded(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	if code, _, errs := run("demo", src, "--cases", "1"); code != 0 {
		t.Fatal(errs)
	}
	for _, j := range []string{"0", "-1", "99999"} {
		code, _, errs := run("export-nnunet", src, out, "--jobs", j)
		if code != 2 || !strings.Contains(errs, "--jobs "+j+" is out of range") {
			t.Errorf("--jobs %s: %d %s", j, code, errs)
		}
	}
	if e, _ := os.ReadDir(out); len(e) != 0 {
		t.Errorf("refused export wrote %d entries", len(e))
	}
}

// TestExportNNUNetSplits: a CSV with TEST, Fold-2, fold-6 and train: the
// TEST case is a test case, fold-6 is named on stderr, the folds without
// validation cases are warned, and check-nnunet flags them.
func TestExportNNUNetSplits(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	if code, _, errs := run("demo", src, "--cases", "4"); code != 0 {
		t.Fatal(errs)
	}
	csv := "id,split\ncase_000,TEST\ncase_001,Fold-2\ncase_002,fold-6\ncase_003,train\n"
	if err := os.WriteFile(filepath.Join(src, "Segmentation Info.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, errs := run("export-nnunet", src, out)
	if code != 0 || !strings.Contains(stdout, "3 training and 1 test cases") {
		t.Fatalf("exit %d: %s %s", code, stdout, errs)
	}
	if !strings.Contains(errs, `case_002: "fold-6" is not a split`) || !strings.Contains(errs, "warning: splits_final.json fold 0 validates on no case") {
		t.Errorf("stderr: %s", errs)
	}
	if code, o, _ := run("check-nnunet", filepath.Join(out, "Dataset501_SAROSRegions")); code != 1 || !strings.Contains(o, "fold 2 validates on no case") {
		t.Errorf("check-nnunet: %d %s", code, o)
	}
}
