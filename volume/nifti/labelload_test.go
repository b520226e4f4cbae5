package nifti

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"
)

// sparseLabels writes a SAROS-like sparse label map, 512×512×nz uint8:
// every fifth slice annotated with bands of labels, the others all 255,
// compressed at zlib's level 6 as SimpleITK writes it.
func sparseLabels(tb testing.TB, nz int) string {
	tb.Helper()
	h, err := NewHeader(testGrid(512, 512, nz), Uint8)
	if err != nil {
		tb.Fatal(err)
	}
	h.VoxOffset = 352
	var raw bytes.Buffer
	raw.Write(h.encode())
	raw.Write([]byte{0, 0, 0, 0})
	sl := make([]byte, 512*512)
	for k := 0; k < nz; k++ {
		for i := range sl {
			sl[i] = 255
			if k%5 == 0 {
				x, y := i%512, i/512
				sl[i] = byte((x/40 + y/50 + k/5) % 14)
			}
		}
		raw.Write(sl)
	}
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, 6)
	w.Write(raw.Bytes())
	w.Close()
	p := filepath.Join(tb.TempDir(), "labels.nii.gz")
	if err := os.WriteFile(p, z.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// BenchmarkLoadSparseLabels: loading a 512×512×300 sparse label map (78
// MB of voxels in a file of about 0.5 MB: past the trusted ratio, so the
// stream is first proven to hold the voxels).
func BenchmarkLoadSparseLabels(b *testing.B) {
	p := sparseLabels(b, 300)
	st, _ := os.Stat(p)
	b.SetBytes(512 * 512 * 300)
	b.ReportMetric(float64(st.Size()), "file-bytes")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Load(p, nil); err != nil {
			b.Fatal(err)
		}
	}
}
