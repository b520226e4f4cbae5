package cli

import (
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume/nifti"
)

// TestExportBCARealCT: on a case imported from a real CT header (pydicom's
// CT_small.dcm, PatientSize 1.75 m) and labelled from its HU, every
// BOA-named figure per slice equals the voxel count made here from the
// files, the L3 areas equal the counts on that slice, SMI uses the
// PatientSize, and the workbook is written beside the JSON.
func TestExportBCARealCT(t *testing.T) {
	src, caseDir, out := t.TempDir(), filepath.Join(t.TempDir(), "case_000"), t.TempDir()
	realCTSeries(t, src)
	if code, _, errs := run("import-dicom", src, caseDir); code != 0 {
		t.Fatal(errs)
	}
	im, _, err := nifti.LoadImage(filepath.Join(caseDir, store.ImageFile), nil)
	if err != nil {
		t.Fatal(err)
	}
	reg, rh, _ := nifti.LoadLabels(filepath.Join(caseDir, store.RegionsFile), nil)
	par, ph, _ := nifti.LoadLabels(filepath.Join(caseDir, store.PartsFile), nil)
	n := im.Dims[0] * im.Dims[1]
	for i, v := range reg.Voxels {
		if v == 255 {
			continue
		}
		hu := im.Voxels[i]
		switch {
		case hu > 200:
			reg.Voxels[i] = labels.RegionBones
		case hu >= -29:
			reg.Voxels[i] = labels.RegionMuscle
		case hu >= -400:
			reg.Voxels[i] = []uint8{labels.RegionSubcutaneousTissue, labels.RegionAbdominalCavity}[i%n%2]
		default:
			continue
		}
		par.Voxels[i] = []uint8{labels.PartTorso, labels.PartLeftArm}[(i%im.Dims[0])*3/im.Dims[0]/2]
	}
	store.WriteFileAtomic(filepath.Join(caseDir, store.RegionsFile), func(w io.Writer) error { return nifti.WriteLabels(w, reg, rh) })
	store.WriteFileAtomic(filepath.Join(caseDir, store.PartsFile), func(w io.Writer) error { return nifti.WriteLabels(w, par, ph) })
	ks := reg.AnnotatedSlices()
	l3 := ks[1]
	code, stdout, errs := run("export-bca", caseDir, out, "--l3", strconv.Itoa(l3))
	if code != 0 {
		t.Fatalf("%s %s", stdout, errs)
	}
	var got struct {
		Slices       []map[string]float64 `json:"slices"`
		SlicesNoExtr []map[string]float64 `json:"slices_no_extremities"`
		Aggregated   map[string]struct {
			Measurements map[string]struct {
				Sum    float64  `json:"sum"`
				MeanHU *float64 `json:"mean_hu"`
			} `json:"measurements"`
		} `json:"aggregated"`
		SarosReview struct {
			Definitions string `json:"definitions"`
			L3          struct {
				K      int     `json:"k"`
				Muscle float64 `json:"muscle_cm2"`
				SAT    float64 `json:"sat_cm2"`
				VAT    float64 `json:"vat_cm2"`
				Height float64 `json:"height_m"`
				Source string  `json:"height_source"`
				SMI    float64 `json:"smi_cm2_per_m2"`
			} `json:"l3"`
		} `json:"saros_review"`
	}
	b, _ := os.ReadFile(filepath.Join(out, "bca-measurements.json"))
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	// The count, from BOA's derivation rules.
	ml := im.VoxelVolume() / 1000
	cm2 := im.Spacing[0] * im.Spacing[1] / 100
	count := func(k int, torso bool) map[string]float64 {
		c := map[string]float64{}
		for i := k * n; i < (k+1)*n; i++ {
			if torso && par.Voxels[i] != labels.PartTorso {
				continue
			}
			hu, r := im.Voxels[i], reg.Voxels[i]
			fat := hu >= -190 && hu <= -30
			switch {
			case r == labels.RegionBones && hu >= -1000 && hu <= 3000:
				c["bone"]++
			case r == labels.RegionMuscle && hu >= -29 && hu <= 150:
				c["muscle"]++
			case r == labels.RegionMuscle && fat:
				c["imat"]++
			case r == labels.RegionSubcutaneousTissue && fat:
				c["sat"]++
			case r == labels.RegionAbdominalCavity && fat:
				c["vat"]++
			}
			if fat && r != labels.RegionBones && r != 0 {
				c["tat"]++
			}
		}
		return c
	}
	if len(got.Slices) != len(ks) || got.SarosReview.Definitions != "boa" {
		t.Fatalf("%d slices for %d annotated, definitions %q", len(got.Slices), len(ks), got.SarosReview.Definitions)
	}
	nonzero := 0
	for i, k := range ks {
		for _, torso := range []bool{false, true} {
			row := got.Slices[i]
			if torso {
				row = got.SlicesNoExtr[i]
			}
			c := count(k, torso)
			for _, name := range []string{"bone", "muscle", "tat", "imat", "sat", "vat", "pat", "eat"} {
				if math.Abs(row[name]-c[name]*ml) > 1e-9 {
					t.Errorf("slice %d torso %v %s: %g mL, counted %g voxels", k, torso, name, row[name], c[name])
				}
				if c[name] > 0 {
					nonzero++
				}
			}
		}
	}
	if nonzero < 10 {
		t.Fatalf("the fixture has almost no tissue (%d figures)", nonzero)
	}
	c := count(l3, false)
	L := got.SarosReview.L3
	if L.K != l3 || L.Muscle != c["muscle"]*cm2 || L.SAT != c["sat"]*cm2 || L.VAT != c["vat"]*cm2 || L.Muscle == 0 {
		t.Errorf("L3 %+v, counted muscle %g sat %g vat %g voxels", L, c["muscle"], c["sat"], c["vat"])
	}
	if L.Height != 1.75 || L.Source != "PatientSize" || math.Abs(L.SMI-L.Muscle/(1.75*1.75)) > 1e-12 {
		t.Errorf("SMI %+v", L)
	}
	if st, err := os.Stat(filepath.Join(out, "bca-measurements.xlsx")); err != nil || st.Size() < 1000 {
		t.Errorf("workbook: %v", err)
	}
	if code, _, errs := run("export-bca", caseDir, out); code != 2 || !strings.Contains(errs, "--force") {
		t.Errorf("overwrite without --force: %d %s", code, errs)
	}
	if code, _, errs := run("export-bca", caseDir, out, "--force", "--l3", strconv.Itoa(l3+1)); code != 2 || !strings.Contains(errs, "not an annotated slice") {
		t.Errorf("L3 on an unannotated slice: %d %s", code, errs)
	}
	for _, bad := range [][]string{{"export-bca", caseDir}, {"export-bca", caseDir, out, "--definitions", "x"}, {"export-bca", caseDir, out, "--l3", "1", "--vertebrae", "v.json"}} {
		if code, _, _ := run(bad...); code != 2 {
			t.Errorf("%v: exit %d", bad, code)
		}
	}
}

// TestStatsDefinitions: `stats --definitions boa` leaves out bone voxels
// outside −1000…3000 HU that the SAROS definitions count.
func TestStatsDefinitions(t *testing.T) {
	dir := t.TempDir()
	run("demo", dir, "--cases", "1")
	c := filepath.Join(dir, "case_000")
	im, ih, _ := nifti.LoadImage(filepath.Join(c, store.ImageFile), nil)
	reg, _, _ := nifti.LoadLabels(filepath.Join(c, store.RegionsFile), nil)
	odd := 0
	for i, r := range reg.Voxels {
		if r == labels.RegionBones && odd < 50 {
			im.Voxels[i] = -3000
			odd++
		}
	}
	store.WriteFileAtomic(filepath.Join(c, store.ImageFile), func(w io.Writer) error { return nifti.WriteImage(w, im, ih) })
	bone := func(def string) float64 {
		code, out, errs := run("stats", c, "--definitions", def)
		if code != 0 {
			t.Fatal(errs)
		}
		var r struct {
			Tissues map[string]struct{ ML float64 } `json:"tissues"`
		}
		json.Unmarshal([]byte(out), &r)
		return r.Tissues["bone"].ML
	}
	if d := bone("saros") - bone("boa"); math.Abs(d-float64(odd)*im.VoxelVolume()/1000) > 1e-6 {
		t.Errorf("bone difference %g mL for %d voxels", d, odd)
	}
	if code, _, _ := run("stats", c, "--definitions", "x"); code != 2 {
		t.Error("bad definitions accepted")
	}
}
