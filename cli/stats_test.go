package cli

import (
	"encoding/json"
	"math"
	"path/filepath"
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

	code, out, _ = run("stats", c, "--format", "csv")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || !strings.HasPrefix(lines[0], "scope,slices,torso_only,muscle_ml,muscle_mean_hu") || len(lines) != 1+20+1+6 {
		t.Errorf("csv: exit %d, %d lines: %.200s", code, len(lines), out)
	}
	if code, _, errs := run("stats", dir); code != 2 || !strings.Contains(errs, "not a case folder") {
		t.Errorf("data set folder: exit %d %s", code, errs)
	}
}
