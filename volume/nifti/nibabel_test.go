package nifti

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// nibabelView is what nibabel 5.0 reported for a fixture file (see
// testdata/nibabel/make_fixtures.py, which wrote both the files and the
// expectations; the files are nibabel's own output, not ours).
type nibabelView struct {
	Dims     []int         `json:"dims"`
	Spacing  []float64     `json:"spacing"`
	Affine   [4][4]float64 `json:"affine"`
	Datatype string        `json:"datatype"`
	AxCodes  string        `json:"axcodes"`
	Min      float64       `json:"min"`
	Max      float64       `json:"max"`
}

func loadExpected(t *testing.T) map[string]nibabelView {
	t.Helper()
	b, err := os.ReadFile("testdata/nibabel/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]nibabelView
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestAgreesWithNibabel checks dims, spacing, affine (to 1e-3), datatype,
// axis codes and the scaled value range of every fixture: all orientations,
// qform-only (with qfac −1), sform-only, no form, NIfTI-2, big-endian,
// scaled, and every supported datatype.
func TestAgreesWithNibabel(t *testing.T) {
	exp := loadExpected(t)
	names := make([]string, 0, len(exp))
	for n := range exp {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) < 20 {
		t.Fatalf("only %d fixtures", len(names))
	}
	for _, name := range names {
		want := exp[name]
		t.Run(name, func(t *testing.T) {
			d, err := Load(filepath.Join("testdata/nibabel", name), nil)
			if err != nil {
				t.Fatal(err)
			}
			g := d.Header.Grid()
			for a := 0; a < 3; a++ {
				if g.Dims[a] != want.Dims[a] {
					t.Errorf("dims %v, nibabel %v", g.Dims, want.Dims)
				}
				if math.Abs(g.Spacing[a]-want.Spacing[a]) > 1e-6 {
					t.Errorf("spacing %v, nibabel %v", g.Spacing, want.Spacing)
				}
			}
			for r := 0; r < 4; r++ {
				for c := 0; c < 4; c++ {
					if math.Abs(g.Affine[r][c]-want.Affine[r][c]) > 1e-3 {
						t.Fatalf("affine\n%v\nnibabel\n%v", g.Affine, want.Affine)
					}
				}
			}
			if s := d.Header.Datatype.String(); s != want.Datatype {
				t.Errorf("datatype %s, nibabel %s", s, want.Datatype)
			}
			if ax := g.AxCodes(); ax != want.AxCodes {
				t.Errorf("axcodes %s, nibabel %s", ax, want.AxCodes)
			}
			lo, hi := d.Range()
			if math.Abs(lo-want.Min) > 1e-3*math.Max(1, math.Abs(want.Min)) || math.Abs(hi-want.Max) > 1e-3*math.Max(1, math.Abs(want.Max)) {
				t.Errorf("range %g..%g, nibabel %g..%g", lo, hi, want.Min, want.Max)
			}
		})
	}
}

// TestImageConversionMatchesScaledValues checks that converting to HU
// applies slope and intercept the way nibabel's get_fdata does.
func TestImageConversionMatchesScaledValues(t *testing.T) {
	exp := loadExpected(t)
	for _, name := range []string{"scaled_int16.nii.gz", "scaled_negative.nii", "bigendian_int16.nii", "las_uint16.nii.gz", "las_float32.nii.gz"} {
		im, _, err := LoadImage(filepath.Join("testdata/nibabel", name), nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		lo, hi := im.MinMax()
		w := exp[name]
		clamp := func(v float64) float64 { return math.Max(-32768, math.Min(32767, math.Round(v))) }
		if float64(lo) != clamp(w.Min) || float64(hi) != clamp(w.Max) {
			t.Errorf("%s: HU range %d..%d, nibabel %g..%g", name, lo, hi, w.Min, w.Max)
		}
	}
}
