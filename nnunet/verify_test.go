package nnunet

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"io"
	"math"
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

// floatNIfTI writes a minimal gzip NIfTI-1 float32 volume of grid dims
// with the given affine (sform) and voxel values.
func floatNIfTI(t *testing.T, path string, dims [3]int, aff [3][4]float64, v []float32) {
	h := make([]byte, 352)
	le := binary.LittleEndian
	le.PutUint32(h[0:], 348)
	le.PutUint16(h[40:], 3)
	for i, d := range dims {
		le.PutUint16(h[42+2*i:], uint16(d))
	}
	le.PutUint16(h[70:], 16) // float32
	le.PutUint16(h[72:], 32)
	le.PutUint32(h[76:], math.Float32bits(1))
	for i := 0; i < 3; i++ {
		c := [3]float64{aff[0][i], aff[1][i], aff[2][i]}
		le.PutUint32(h[80+4*i:], math.Float32bits(float32(math.Sqrt(c[0]*c[0]+c[1]*c[1]+c[2]*c[2]))))
	}
	le.PutUint32(h[108:], math.Float32bits(352))
	le.PutUint32(h[112:], math.Float32bits(1))
	h[123] = 10              // mm, s
	le.PutUint16(h[254:], 1) // sform code
	for r := 0; r < 3; r++ {
		for c := 0; c < 4; c++ {
			le.PutUint32(h[280+16*r+4*c:], math.Float32bits(float32(aff[r][c])))
		}
	}
	copy(h[344:], "n+1\x00")
	var raw bytes.Buffer
	raw.Write(h)
	binary.Write(&raw, le, v)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(raw.Bytes())
	zw.Close()
	if err := os.WriteFile(path, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestVerifyCatchesNaN: a float image with NaN voxels is named, as
// nnU-Net refuses it.
func TestVerifyCatchesNaN(t *testing.T) {
	d := exported(t)
	lab := filepath.Join(d, "labelsTr", "case_000.nii.gz")
	h, err := nifti.ReadHeader(lab)
	if err != nil {
		t.Fatal(err)
	}
	g := h.Grid()
	var aff [3][4]float64
	for r := 0; r < 3; r++ {
		copy(aff[r][:], g.Affine[r][:])
	}
	v := make([]float32, g.Len())
	v[7], v[99] = float32(math.NaN()), float32(math.NaN())
	img := filepath.Join(d, "imagesTr", "case_000_0000.nii.gz")
	os.Remove(img) // a hard link to the source: never write through it
	floatNIfTI(t, img, g.Dims, aff, v)
	probs, err := Verify(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(probs, "\n"), "case_000_0000.nii.gz: 2 NaN voxels") {
		t.Fatalf("problems %q", probs)
	}
}
