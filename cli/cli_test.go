package cli

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = Run(Env{Stdout: &o, Stderr: &e, Version: "9.9.9"}, args)
	return code, o.String(), e.String()
}

const fixtures = "../volume/nifti/testdata/nibabel"

// TestInfoMatchesNibabel: the info line of each fixture carries nibabel's
// dims, spacing, affine, datatype, axis codes and range.
func TestInfoMatchesNibabel(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(fixtures, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exp map[string]InfoRecord
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for name := range exp {
		paths = append(paths, filepath.Join(fixtures, name))
	}
	code, out, errs := run(append([]string{"info"}, paths...)...)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(paths) {
		t.Fatalf("%d lines for %d files", len(lines), len(paths))
	}
	for _, l := range lines {
		var r InfoRecord
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		w := exp[filepath.Base(r.Path)]
		if r.AxCodes != w.AxCodes || r.Datatype != w.Datatype || len(r.Dims) != 3 || r.Dims[2] != w.Dims[2] || r.Min == nil ||
			math.Abs(*r.Min-*w.Min) > 1e-3*math.Max(1, math.Abs(*w.Min)) || math.Abs(*r.Max-*w.Max) > 1e-3*math.Max(1, math.Abs(*w.Max)) {
			t.Errorf("%s: got %s", r.Path, l)
		}
		for i := 0; i < 4; i++ {
			for j := 0; j < 4; j++ {
				if math.Abs(r.Affine[i][j]-w.Affine[i][j]) > 1e-3 {
					t.Errorf("%s: affine %v, nibabel %v", r.Path, r.Affine, w.Affine)
				}
			}
		}
	}
	// The documented keys, exactly.
	var raw map[string]any
	json.Unmarshal([]byte(lines[0]), &raw)
	for _, k := range []string{"path", "dims", "spacing", "affine", "datatype", "axcodes", "min", "max"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("key %s missing", k)
		}
	}
	if len(raw) != 8 {
		t.Errorf("keys %v", raw)
	}
}

// TestInfoBadInputExits2: each bad file gives exit 2 and exactly one
// stderr line naming it; good files in the same call are still reported.
func TestInfoBadInputExits2(t *testing.T) {
	dir := t.TempDir()
	bad := map[string][]byte{
		"empty.nii":     {},
		"garbage.nii":   bytes.Repeat([]byte("not nifti "), 100),
		"short.nii.gz":  {0x1f, 0x8b, 8, 0},
		"absurd.nii.gz": nil, // filled below
	}
	hdr, _ := os.ReadFile(filepath.Join(fixtures, "lps_uint8.nii"))
	h := append([]byte(nil), hdr...)
	for _, off := range []int{42, 44, 46} {
		h[off], h[off+1] = 0x30, 0x75 // 30000
	}
	bad["absurd.nii.gz"] = h
	for name, b := range bad {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		good := filepath.Join(fixtures, "lps_int16.nii.gz")
		code, out, errs := run("info", p, good)
		if code != 2 {
			t.Errorf("%s: exit %d", name, code)
		}
		if strings.Count(errs, "\n") != 1 || !strings.Contains(errs, p) {
			t.Errorf("%s: stderr %q", name, errs)
		}
		if strings.Count(out, "\n") != 1 || !strings.Contains(out, "lps_int16") {
			t.Errorf("%s: good file not reported: %q", name, out)
		}
	}
	if code, _, _ := run("info", filepath.Join(dir, "missing.nii")); code != 2 {
		t.Errorf("missing file: exit %d", code)
	}
	if code, _, _ := run("info"); code != 2 {
		t.Errorf("no files: exit %d", code)
	}
}

func TestDemoAndVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ds")
	code, out, errs := run("demo", dir, "--cases", "2")
	if code != 0 || !strings.Contains(out, "wrote 2 demo cases") {
		t.Fatalf("exit %d %s %s", code, out, errs)
	}
	for _, f := range []string{"Segmentation Info.csv", "demo-defects.json", "case_000/image.nii.gz", "case_001/body-parts.nii.gz"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	code, out, _ = run("info", filepath.Join(dir, "case_000", "image.nii.gz"))
	if code != 0 || !strings.Contains(out, `"axcodes":"LPS"`) || !strings.Contains(out, `"dims":[256,256,100]`) {
		t.Errorf("demo image info: %s", out)
	}
	if code, _, _ := run("demo"); code != 2 {
		t.Errorf("demo without DIR: exit %d", code)
	}
	if code, out, _ := run("--version"); code != 0 || out != "saros-review 9.9.9\n" {
		t.Errorf("version: %d %q", code, out)
	}
	if code, _, errs := run("frobnicate"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("unknown: %d %s", code, errs)
	}
}
