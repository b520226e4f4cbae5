package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// writeMaps writes label maps into a case folder (nil maps are left out).
func writeMaps(t testing.TB, dir string, regions, parts *volume.LabelMap) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, m := range map[string]*volume.LabelMap{store.RegionsFile: regions, store.PartsFile: parts} {
		if m == nil {
			continue
		}
		err := store.WriteFileAtomic(filepath.Join(dir, name), func(w io.Writer) error { return nifti.WriteLabels(w, m, nil) })
		if err != nil {
			t.Fatal(err)
		}
	}
}

// boxMap is a 40×30×6 map at 0.8×1.2×5 mm annotated on slices 0 and 5
// (255 elsewhere) with label v over x0..x1 × 5..14 of those slices.
func boxMap(x0, x1 int, v uint8) *volume.LabelMap {
	g := volume.Grid{Dims: [3]int{40, 30, 6}, Spacing: [3]float64{0.8, 1.2, 5},
		Affine: volume.Mat4{{-0.8, 0, 0, 10}, {0, -1.2, 0, 20}, {0, 0, 5, -30}, {0, 0, 0, 1}}}
	m := volume.NewLabelMap(g)
	for k := 0; k < 6; k++ {
		for j := 0; j < 30; j++ {
			for i := 0; i < 40; i++ {
				switch {
				case k != 0 && k != 5:
					m.Set(i, j, k, 255)
				case i >= x0 && i <= x1 && j >= 5 && j <= 14:
					m.Set(i, j, k, v)
				}
			}
		}
	}
	return m
}

type compareOut struct {
	Tolerance float64 `json:"tolerance_mm"`
	Cases     []struct {
		ID     string `json:"id"`
		Labels []struct {
			Map   string   `json:"map"`
			Label int      `json:"label"`
			Name  string   `json:"name"`
			Dice  float64  `json:"dice"`
			NSD   float64  `json:"nsd"`
			HD95  *float64 `json:"hd95_mm"`
		} `json:"labels"`
		Slices []struct {
			Slice  int               `json:"slice"`
			Labels []json.RawMessage `json:"labels"`
		} `json:"slices"`
		Error string `json:"error"`
	} `json:"cases"`
	OnlyA []string `json:"only_in_a"`
	OnlyB []string `json:"only_in_b"`
}

// Two data sets matched by case id: a 10-voxel-wide box against the same
// box 2 voxels wider (Dice 20/22, HD95 2 voxels = 1.6 mm), a region present
// in one reader only (Dice 0, HD95 null), and a case in A only.
func TestCompareDataSets(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	writeMaps(t, filepath.Join(a, "case_001"), boxMap(10, 19, 2), boxMap(10, 19, 1))
	writeMaps(t, filepath.Join(b, "case_001"), boxMap(10, 21, 2), boxMap(10, 19, 3))
	writeMaps(t, filepath.Join(a, "case_002"), boxMap(1, 2, 2), nil)
	code, out, errs := run("compare", a, b, "--tolerance", "1.5", "--jobs", "2")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r compareOut
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Tolerance != 1.5 || len(r.Cases) != 1 || r.Cases[0].ID != "case_001" || len(r.OnlyA) != 1 || r.OnlyA[0] != "case_002" {
		t.Fatalf("%s", out)
	}
	ls := r.Cases[0].Labels
	if len(ls) != 3 || ls[0].Map != "regions" || ls[0].Name != "muscle" || math.Abs(ls[0].Dice-20.0/22) > 1e-12 ||
		ls[0].HD95 == nil || math.Abs(*ls[0].HD95-1.6) > 1e-6 /* float32 spacing in the file */ || ls[0].NSD <= 0.5 || ls[0].NSD >= 1 {
		t.Fatalf("regions: %+v hd %v", ls[0], *ls[0].HD95)
	}
	for _, l := range ls[1:] {
		if l.Map != "parts" || l.Dice != 0 || l.NSD != 0 || l.HD95 != nil {
			t.Fatalf("parts: %+v", l)
		}
	}
	if s := r.Cases[0].Slices; len(s) != 2 || s[0].Slice != 0 || s[1].Slice != 5 || len(s[0].Labels) != 3 {
		t.Fatalf("slices %+v", s)
	}
	if !strings.Contains(out, `"hd95_mm":null`) {
		t.Fatal("no null HD95 in the JSON")
	}

	// The same comparison as CSV: a case row and two slice rows per label.
	code, out, _ = run("compare", filepath.Join(a, "case_001"), filepath.Join(b, "case_001"), "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) != 1+3*3 || rows[1][1] != "" || rows[1][4] != "muscle" ||
		!strings.HasPrefix(rows[1][7], "1.6") || rows[2][7] != "inf" || rows[4][1] != "0" {
		t.Fatalf("exit %d %v:\n%s", code, err, out)
	}
	code, out, _ = run("compare", filepath.Join(a, "case_001"), filepath.Join(b, "case_001"), "--format", "text")
	if code != 0 || !strings.Contains(out, "muscle") || !strings.Contains(out, "undefined") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

// TestCompareJobsBounded: --jobs beyond 4 per core is refused with the
// shared range message before any case is read (1e8 workers used to end in
// a fatal out-of-memory).
func TestCompareJobsBounded(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	writeMaps(t, a, boxMap(1, 5, 2), nil)
	writeMaps(t, b, boxMap(1, 5, 2), nil)
	for _, j := range []string{"100000000", fmt.Sprint(jobsPerCore*runtime.NumCPU() + 1), "0", "-5"} {
		code, out, errs := run("compare", a, b, "--jobs", j)
		if code != 2 || out != "" || !strings.Contains(errs, "--jobs "+j+" is out of range") {
			t.Errorf("--jobs %s: exit %d, stdout %q, stderr %q", j, code, out, errs)
		}
	}
}

func TestCompareRefusesBadInput(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	writeMaps(t, a, boxMap(1, 5, 2), nil)
	writeMaps(t, b, boxMap(1, 5, 2), nil)
	for _, args := range [][]string{
		{"compare", a}, {"compare", a, b, b}, {"compare", a, b, "--tolerance", "-1"}, {"compare", a, b, "--tolerance", "0"},
		{"compare", a, b, "--tolerance", "x"}, {"compare", a, b, "--format", "xml"}, {"compare", a, b, "--jobs", "0"},
		{"compare", a, b, "--colour"},
	} {
		if code, out, errs := run(args...); code != 2 || out != "" || errs == "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	// A map with other dims, a map missing and a broken file are named.
	small := volume.NewLabelMap(volume.Grid{Dims: [3]int{4, 4, 6}, Spacing: [3]float64{1, 1, 5}, Affine: volume.Mat4{{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 5, 0}, {0, 0, 0, 1}}})
	c := t.TempDir()
	writeMaps(t, c, small, nil)
	code, _, errs := run("compare", a, c)
	if code != 2 || !strings.Contains(errs, filepath.Join(c, store.RegionsFile)) || !strings.Contains(errs, "dims") {
		t.Errorf("exit %d: %s", code, errs)
	}
	d := t.TempDir()
	writeMaps(t, d, boxMap(1, 5, 2), boxMap(1, 5, 1))
	if code, _, errs := run("compare", a, d); code != 2 || !strings.Contains(errs, store.PartsFile) {
		t.Errorf("exit %d: %s", code, errs)
	}
	os.WriteFile(filepath.Join(d, store.RegionsFile), []byte("not gzip"), 0o644)
	os.Remove(filepath.Join(d, store.PartsFile))
	if code, _, errs := run("compare", a, d); code != 2 || !strings.Contains(errs, filepath.Join(d, store.RegionsFile)) {
		t.Errorf("exit %d: %s", code, errs)
	}
	if code, _, errs := run("compare", a, filepath.Join(a, "nowhere")); code != 2 || !strings.Contains(errs, "nowhere") {
		t.Errorf("exit %d: %s", code, errs)
	}
	// A data set against a case, and data sets with no case in common.
	ds, ds2 := t.TempDir(), t.TempDir()
	writeMaps(t, filepath.Join(ds, "case_004"), boxMap(1, 5, 2), nil)
	writeMaps(t, filepath.Join(ds2, "case_005"), boxMap(1, 5, 2), nil)
	if code, _, errs := run("compare", ds, b); code != 2 || !strings.Contains(errs, "two cases or two data sets") {
		t.Errorf("exit %d: %s", code, errs)
	}
	if code, _, errs := run("compare", ds, ds2); code != 2 || !strings.Contains(errs, "no case id in common") {
		t.Errorf("exit %d: %s", code, errs)
	}
	// Two case folders of other names: B's id is reported too.
	code, out, _ := run("compare", filepath.Join(ds, "case_004"), filepath.Join(ds2, "case_005"))
	if code != 0 || !strings.Contains(out, `"id":"case_004","id_b":"case_005"`) {
		t.Errorf("exit %d: %s", code, out)
	}
}
