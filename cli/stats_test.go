package cli

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/volume/nifti"
)

// TestStatsAgreesWithIndependentCount: `stats` on a demo case agrees to
// 0.1 % with voxel counting written here, apart from the production code,
// straight from the table in the SAROS notes.
func TestStatsAgreesWithIndependentCount(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := run("demo", dir, "--cases", "1"); code != 0 {
		t.Fatal(errs)
	}
	c := filepath.Join(dir, "case_000")
	code, out, errs := run("stats", c)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Case    string `json:"case"`
		Tissues map[string]struct {
			ML     float64 `json:"ml"`
			MeanHU float64 `json:"mean_hu"`
		} `json:"tissues"`
		Estimate map[string]float64 `json:"whole_scan_estimate_ml"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Case != "case_000" {
		t.Fatalf("%v: %.200s", err, out)
	}

	im, _, err := nifti.LoadImage(filepath.Join(c, "image.nii.gz"), nil)
	if err != nil {
		t.Fatal(err)
	}
	reg, _, err := nifti.LoadLabels(filepath.Join(c, "body-regions.nii.gz"), nil)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]float64{}
	sum := map[string]float64{}
	add := func(k string, hu int16) { count[k]++; sum[k] += float64(hu) }
	for idx, r := range reg.Voxels {
		hu := im.Voxels[idx]
		fat := hu >= -190 && hu <= -30
		lean := hu >= -29 && hu <= 150
		switch {
		case r == 2 && lean:
			add("muscle", hu)
		case r == 2 && fat:
			add("imat", hu)
		case r == 1 && fat:
			add("sat", hu)
		case r == 3 && fat:
			add("vat", hu)
		case r == 9 && fat:
			add("pat", hu)
		case r == 7 && fat:
			add("eat", hu)
		case r == 5:
			add("bone", hu)
		}
		if fat && (r == 1 || r == 2 || r == 3 || r == 7 || r == 9) {
			add("tat", hu)
		}
	}
	ml := im.Spacing[0] * im.Spacing[1] * im.Spacing[2] / 1000
	for _, k := range []string{"muscle", "imat", "sat", "vat", "pat", "eat", "bone", "tat"} {
		want, g := count[k]*ml, got.Tissues[k]
		if math.Abs(g.ML-want) > 0.001*want || (count[k] > 0 && math.Abs(g.MeanHU-sum[k]/count[k]) > 0.001*math.Abs(sum[k]/count[k])) {
			t.Errorf("%s: %.3f mL mean %.2f HU; counted %.3f mL mean %.2f HU", k, g.ML, g.MeanHU, want, sum[k]/count[k])
		}
		if math.Abs(got.Estimate[k]-5*want) > 0.001*5*want {
			t.Errorf("%s estimate %.3f, want %.3f", k, got.Estimate[k], 5*want)
		}
	}
	if count["muscle"] == 0 || count["sat"] == 0 || count["vat"] == 0 {
		t.Fatalf("phantom has no muscle, SAT or VAT: %v", count)
	}
	// The muscle wall is marbled with intermuscular fat, a few per cent
	// of the muscle, as in real abdomens.
	if f := count["imat"] / count["muscle"]; f < 0.005 || f > 0.1 {
		t.Errorf("phantom IMAT is %.2f %% of muscle", 100*f)
	}

	code, out, _ = run("stats", c, "--format", "csv")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || !strings.HasPrefix(lines[0], "scope,slices,torso_only,muscle_ml,muscle_mean_hu") || len(lines) != 1+20+1+6+1 {
		t.Errorf("csv: exit %d, %d lines: %.200s", code, len(lines), out)
	}
	if code, _, errs := run("stats", filepath.Join(c, "image.nii.gz")); code != 2 || !strings.Contains(errs, "not a case or data set folder") {
		t.Errorf("a lone file: exit %d %s", code, errs)
	}
}

// TestStatsDataset: `stats` on a data set writes one line per case with
// the figures `stats CASE` gives for it, the same with one job or two; a
// case that cannot be read is named on stderr, keeps its line with the
// error, and makes the exit 2 without stopping the others.
func TestStatsDataset(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := run("demo", dir, "--cases", "3"); code != 0 {
		t.Fatal(errs)
	}
	if err := os.WriteFile(filepath.Join(dir, "case_001", "image.nii.gz"), []byte("not gzip"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run("stats", dir, "--format", "csv", "--jobs", "2")
	if code != 2 || !strings.Contains(errs, "could not measure case_001") || strings.Contains(errs, "case_000") {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	if _, one, _ := run("stats", dir, "--format", "csv", "--jobs", "1"); one != out {
		t.Errorf("one job and two disagree:\n%s\n%s", one, out)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 4 {
		t.Fatalf("%v: %d rows\n%s", err, len(rows), out)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	if rows[2][0] != "case_001" || rows[2][col["error"]] == "" || rows[2][col["muscle_ml"]] != "" {
		t.Errorf("broken case's row %v", rows[2])
	}
	_, one, _ := run("stats", filepath.Join(dir, "case_002"))
	var r struct {
		Slices   int                             `json:"annotated_slices"`
		Tissues  map[string]struct{ ML float64 } `json:"tissues"`
		Estimate map[string]float64              `json:"whole_scan_estimate_ml"`
		Regions  map[string]float64              `json:"regions_ml"`
	}
	if err := json.Unmarshal([]byte(one), &r); err != nil {
		t.Fatal(err)
	}
	row := rows[3]
	num := func(name string) float64 {
		v, err := strconv.ParseFloat(row[col[name]], 64)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return v
	}
	if row[0] != "case_002" || row[col["split"]] != "fold-3" || num("annotated_slices") != float64(r.Slices) ||
		math.Abs(num("vat_ml")-r.Tissues["vat"].ML) > 0.001 || math.Abs(num("sat_est_ml")-r.Estimate["sat"]) > 0.001 ||
		math.Abs(num("region_muscle_ml")-r.Regions["muscle"]) > 0.001 || r.Tissues["vat"].ML == 0 {
		t.Errorf("case_002's row %v does not match stats CASE %+v", row, r)
	}

	_, js, _ := run("stats", dir)
	var all []map[string]any
	if err := json.Unmarshal([]byte(js), &all); err != nil || len(all) != 3 {
		t.Fatalf("%v: %.300s", err, js)
	}
	if _, ok := all[0]["slices"]; ok || all[0]["tissues"] == nil || all[1]["error"] == nil {
		t.Errorf("JSON entries: %v / %v", all[0], all[1])
	}
}
