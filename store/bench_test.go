package store

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/volume/nifti"
)

// BenchmarkSaveLabelMaps: saving both label maps of a 512×512×110 case the
// way the app saves them: encode, write to a temporary file, fsync, rename.
func BenchmarkSaveLabelMaps(b *testing.B) {
	p, err := assets.NewPhantom(assets.PhantomConfig{Dims: [3]int{512, 512, 110}, Spacing: [3]float64{0.8, 0.8, 5}, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	b.SetBytes(int64(2 * len(p.Regions.Voxels)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := WriteFileAtomic(filepath.Join(dir, RegionsFile), func(w io.Writer) error { return nifti.WriteLabels(w, p.Regions, nil) }); err != nil {
			b.Fatal(err)
		}
		if err := WriteFileAtomic(filepath.Join(dir, PartsFile), func(w io.Writer) error { return nifti.WriteLabels(w, p.Parts, nil) }); err != nil {
			b.Fatal(err)
		}
	}
}
