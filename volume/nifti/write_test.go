package nifti

import (
	"bytes"
	"encoding/binary"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"github.com/saros-review/saros-review/volume"
)

func unsafePointer(p *int16) unsafe.Pointer { return unsafe.Pointer(p) }

// reload writes with f into a file and loads it back.
func reload(t *testing.T, name string, f func(b *bytes.Buffer) error) *Data {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b); err != nil {
		t.Fatal(err)
	}
	d, err := Load(writeTemp(t, name, b.Bytes()), nil)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestWriteLabelsKeepsHeader: rewriting a label map keeps every header
// field of the file it replaces but the datatype, bitpix and scaling, for
// NIfTI-1 and NIfTI-2 in either byte order, extensions included.
func TestWriteLabelsKeepsHeader(t *testing.T) {
	for _, name := range []string{"labels_sparse.nii.gz", "nifti2_int16.nii.gz", "bigendian_int16.nii", "scaled_int16.nii.gz", "qform_only.nii.gz"} {
		t.Run(name, func(t *testing.T) {
			orig, err := Load(filepath.Join("testdata/nibabel", name), nil)
			if err != nil {
				t.Fatal(err)
			}
			like := orig.Header
			like.Extra = extension("saros test extension")
			m := volume.NewLabelMap(like.Grid())
			for i := range m.Voxels {
				m.Voxels[i] = uint8(i % 14)
			}
			got := reload(t, "out.nii.gz", func(b *bytes.Buffer) error { return WriteLabels(b, m, like) })
			h := got.Header
			if h.Datatype != Uint8 || h.Bitpix != 8 {
				t.Errorf("datatype %s bitpix %d", h.Datatype, h.Bitpix)
			}
			if s, i := h.Scaling(); s != 1 || i != 0 {
				t.Errorf("scaling %g %g", s, i)
			}
			want := *like
			want.Datatype, want.Bitpix, want.VoxOffset = h.Datatype, h.Bitpix, h.VoxOffset
			want.SclSlope, want.SclInter = h.SclSlope, h.SclInter
			if !bytes.Equal(want.encode(), h.encode()) {
				t.Errorf("header fields changed:\nwant %+v\ngot  %+v", want, *h)
			}
			if h.ByteOrder != like.ByteOrder || h.Version != like.Version {
				t.Errorf("version/byte order changed")
			}
			if !bytes.HasPrefix(h.Extra, like.Extra) {
				t.Errorf("extensions lost")
			}
			if !bytes.Equal(got.Bytes, m.Voxels) {
				t.Error("voxels differ")
			}
		})
	}
}

// extension builds the bytes after a header holding one comment extension.
func extension(text string) []byte {
	body := []byte(text)
	esize := 8 + len(body)
	esize += (16 - esize%16) % 16
	b := make([]byte, 4+esize)
	b[0] = 1
	binary.LittleEndian.PutUint32(b[4:], uint32(esize))
	binary.LittleEndian.PutUint32(b[8:], 6)
	copy(b[12:], body)
	return b
}

func TestWriteLabelsRefusesOtherGrid(t *testing.T) {
	like, _ := NewHeader(testGrid(8, 8, 4), Uint8)
	m := volume.NewLabelMap(testGrid(8, 8, 5))
	err := WriteLabels(&bytes.Buffer{}, m, like)
	if err == nil || !strings.Contains(err.Error(), "dims 8×8×5 do not match 8×8×4") {
		t.Fatalf("got %v", err)
	}
}

func TestWriteImageRoundTrip(t *testing.T) {
	g := testGrid(9, 7, 5)
	g.Affine = g.Affine.Mul(volume.Mat4{{0, 1, 0, 0}, {1, 0, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}})
	g.Spacing = [3]float64{0.8, 0.8, 5}
	im := volume.NewImage(g)
	for i := range im.Voxels {
		im.Voxels[i] = int16(i*37 - 1000)
	}
	d := reload(t, "im.nii.gz", func(b *bytes.Buffer) error { return WriteImage(b, im, nil) })
	h := d.Header
	if h.QformCode != 1 || h.SformCode != 1 {
		t.Errorf("codes %d %d", h.QformCode, h.SformCode)
	}
	// sform and qform must describe the same affine.
	q, s := h.QformAffine(), h.SformAffine()
	for r := 0; r < 3; r++ {
		for c := 0; c < 4; c++ {
			if d := q[r][c] - s[r][c]; d > 1e-4 || d < -1e-4 {
				t.Fatalf("qform %v != sform %v", q, s)
			}
		}
	}
	got, err := d.Image()
	if err != nil {
		t.Fatal(err)
	}
	if got.AxCodes() != im.AxCodes() || got.AxCodes() != "PLS" {
		t.Errorf("axcodes %s, want %s", got.AxCodes(), im.AxCodes())
	}
	for i, v := range im.Voxels {
		if got.Voxels[i] != v {
			t.Fatalf("voxel %d: %d != %d", i, got.Voxels[i], v)
		}
	}
}
