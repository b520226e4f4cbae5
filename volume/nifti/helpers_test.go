package nifti

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/saros-review/saros-review/volume"
)

// testGrid is a small LPS grid.
func testGrid(nx, ny, nz int) volume.Grid {
	return volume.Grid{Dims: [3]int{nx, ny, nz}, Spacing: [3]float64{0.8, 0.8, 5},
		Affine: volume.Mat4{{-0.8, 0, 0, 100}, {0, -0.8, 0, 90}, {0, 0, 5, -200}, {0, 0, 0, 1}}}
}

// rawNifti builds an uncompressed NIfTI-1 file of int16 voxels v·3−7 and
// returns it with its header, so tests can corrupt either.
func rawNifti(t testing.TB, g volume.Grid) ([]byte, *Header) {
	t.Helper()
	h, err := NewHeader(g, Int16)
	if err != nil {
		t.Fatal(err)
	}
	h.VoxOffset = 352
	var b bytes.Buffer
	b.Write(h.encode())
	b.Write([]byte{0, 0, 0, 0})
	for v := 0; v < g.Len(); v++ {
		binary.Write(&b, binary.LittleEndian, int16(v*3-7))
	}
	return b.Bytes(), h
}

// gz compresses b with the standard library.
func gz(b []byte) []byte {
	var out bytes.Buffer
	w := gzip.NewWriter(&out)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

// patch returns a copy of b with f applied.
func patch(b []byte, f func(b []byte)) []byte {
	c := append([]byte(nil), b...)
	f(c)
	return c
}

func putI16(b []byte, off int, v int16) { binary.LittleEndian.PutUint16(b[off:], uint16(v)) }
func putF32(b []byte, off int, v float32) {
	binary.LittleEndian.PutUint32(b[off:], math.Float32bits(v))
}

// badInputs are files that must be refused with a clear error: the seed
// corpus of the fuzz targets too.
func badInputs(t testing.TB) map[string][]byte {
	good, _ := rawNifti(t, testGrid(8, 7, 6))
	garbage := make([]byte, 2000)
	for i := range garbage {
		garbage[i] = byte(i*7919 + i/13)
	}
	huge := patch(good, func(b []byte) { putI16(b, 42, 30000); putI16(b, 44, 30000); putI16(b, 46, 30000) })
	return map[string][]byte{
		"empty.nii":             {},
		"one-byte.nii":          {0x5c},
		"garbage.nii":           garbage,
		"truncated-header.nii":  good[:200],
		"truncated-data.nii":    good[:len(good)-31],
		"wrong-magic.nii":       patch(good, func(b []byte) { copy(b[344:], "abc\x00") }),
		"two-file-magic.nii":    patch(good, func(b []byte) { copy(b[344:], "ni1\x00") }),
		"bad-sizeof.nii":        patch(good, func(b []byte) { binary.LittleEndian.PutUint32(b, 349) }),
		"unknown-datatype.nii":  patch(good, func(b []byte) { putI16(b, 70, 99) }),
		"complex-datatype.nii":  patch(good, func(b []byte) { putI16(b, 70, 32) }),
		"negative-dim.nii":      patch(good, func(b []byte) { putI16(b, 42, -5) }),
		"zero-dim.nii":          patch(good, func(b []byte) { putI16(b, 44, 0) }),
		"dim0-zero.nii":         patch(good, func(b []byte) { putI16(b, 40, 0) }),
		"dim0-nine.nii":         patch(good, func(b []byte) { putI16(b, 40, 9) }),
		"four-d.nii":            patch(good, func(b []byte) { putI16(b, 40, 4); putI16(b, 48, 3) }),
		"absurd-dims.nii":       huge,
		"absurd-dims.nii.gz":    gz(huge),
		"absurd-vox-offset.nii": patch(good, func(b []byte) { putF32(b, 108, 1e30) }),
		"negative-vox-offset.nii": patch(good, func(b []byte) {
			putF32(b, 108, -352)
		}),
		"nan-vox-offset.nii":      patch(good, func(b []byte) { putF32(b, 108, float32(math.NaN())) }),
		"fraction-vox-offset.nii": patch(good, func(b []byte) { putF32(b, 108, 352.5) }),
		"offset-in-header.nii":    patch(good, func(b []byte) { putF32(b, 108, 100) }),
		"zero-pixdim.nii":         patch(good, func(b []byte) { putF32(b, 84, 0) }),
		"inf-pixdim.nii":          patch(good, func(b []byte) { putF32(b, 80, float32(math.Inf(1))) }),
		"bad-intercept.nii":       patch(good, func(b []byte) { putF32(b, 112, 2); putF32(b, 116, float32(math.NaN())) }),
		"truncated.nii.gz":        gz(good)[:300],
		"truncated-data.nii.gz":   gz(good[:len(good)-100]),
		"gzip-garbage.nii.gz":     append([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}, garbage[:500]...),
		"gzip-magic-only.nii.gz":  {0x1f, 0x8b},
		"wrong-magic.nii.gz":      gz(patch(good, func(b []byte) { copy(b[344:], "abc\x00") })),
		"nan-sform.nii":           patch(good, func(b []byte) { putI16(b, 254, 1); putF32(b, 284, float32(math.NaN())) }),
		"inf-qform.nii":           patch(good, func(b []byte) { putI16(b, 254, 0); putI16(b, 252, 1); putF32(b, 268, float32(math.Inf(-1))) }),
		"over-cap.nii.gz":         gz(patch(good, func(b []byte) { putI16(b, 42, 2048); putI16(b, 44, 2048); putI16(b, 46, 1000) })),
		"forged-isize.nii.gz":     forgedISize(good),
		"huge-extensions.nii.gz":  hugeExtensions(good),
	}
}

// forgedISize is a 2 MiB gzip file whose header claims a 1024×1024×1000
// int16 volume (2 GiB, which a file of that size could hold at deflate's
// best ratio) and whose trailer's size field is forged to match, while the
// stream holds only 2 MiB of voxels.
func forgedISize(good []byte) []byte {
	h := patch(good[:352], func(b []byte) { putI16(b, 42, 1024); putI16(b, 44, 1024); putI16(b, 46, 1000) })
	b := gz(append(h, noise(2<<20)...))
	binary.LittleEndian.PutUint32(b[len(b)-4:], uint32(352+1024*1024*1000*2))
	return b
}

// hugeExtensions is a gzip file with vox_offset 1e8 and enough
// incompressible bytes that the file could hold that many.
func hugeExtensions(good []byte) []byte {
	h := patch(good[:352], func(b []byte) { putF32(b, 108, 1e8) })
	return gz(append(h, noise(200<<10)...))
}

// noise is n incompressible bytes from a fixed xorshift sequence.
func noise(n int) []byte {
	b := make([]byte, n)
	x := uint32(1)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return b
}

// writeTemp writes b to a file called name in a test folder.
func writeTemp(t testing.TB, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
