package nnunet

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume/nifti"
)

// exported returns a freshly exported, valid 3D set.
func exported(t *testing.T) string {
	t.Helper()
	r, err := Export(smallDataset(t, 2), t.TempDir(), Options{ID: 501})
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := Verify(r.Dir); len(p) > 0 {
		t.Fatal(p)
	}
	return r.Dir
}

// Each mutation breaks the set in one way nnU-Net would refuse; Verify
// must name it.
func TestVerifyCatchesMutations(t *testing.T) {
	edit := func(dir, name string, f func(string) string) {
		p := filepath.Join(dir, name)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f(string(b))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := map[string]struct {
		mutate func(dir string)
		want   string
	}{
		"ignore not highest": {func(d string) {
			edit(d, "dataset.json", func(s string) string { return strings.Replace(s, `"ignore": 14`, `"ignore": 20`, 1) })
		}, "highest"},
		"labels not consecutive": {func(d string) {
			edit(d, "dataset.json", func(s string) string { return strings.Replace(s, `"brain": 10`, `"brain": 30`, 1) })
		}, "consecutive"},
		"numTraining": {func(d string) {
			edit(d, "dataset.json", func(s string) string { return strings.Replace(s, `"numTraining": 2`, `"numTraining": 3`, 1) })
		}, "numTraining"},
		"missing key": {func(d string) {
			edit(d, "dataset.json", func(s string) string { return strings.Replace(s, `"file_ending"`, `"ending"`, 1) })
		}, "file_ending"},
		"label file gone": {func(d string) { os.Remove(filepath.Join(d, "labelsTr", "case_001.nii.gz")) }, "no label file"},
		"unexpected value": {func(d string) {
			p := filepath.Join(d, "labelsTr", "case_000.nii.gz")
			m, h, err := nifti.LoadLabels(p, nil)
			if err != nil {
				t.Fatal(err)
			}
			m.Voxels[5] = 255
			store.WriteFileAtomic(p, func(w io.Writer) error { return nifti.WriteLabels(w, m, h) })
		}, "unexpected label values [255]"},
		"shifted label geometry": {func(d string) {
			p := filepath.Join(d, "labelsTr", "case_000.nii.gz")
			m, _, err := nifti.LoadLabels(p, nil)
			if err != nil {
				t.Fatal(err)
			}
			m.Affine[0][3] += 0.5
			store.WriteFileAtomic(p, func(w io.Writer) error { return nifti.WriteLabels(w, m, nil) })
		}, "affine"},
		"split names unknown case": {func(d string) {
			edit(d, "splits_final.json", func(s string) string { return strings.Replace(s, `"case_001"`, `"case_099"`, 1) })
		}, "not in imagesTr"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			d := exported(t)
			c.mutate(d)
			probs, err := Verify(d)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(probs, "\n"), c.want) {
				t.Fatalf("problems %q, want one with %q", probs, c.want)
			}
		})
	}
}
