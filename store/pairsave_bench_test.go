package store

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// BenchmarkSavePair: saving both label maps of a 512×512×110 case as one
// (temporaries, fsync, save lock, journal, two renames, history links),
// beside its peer, the two independent atomic writes saves used before.
func BenchmarkSavePair(b *testing.B) {
	p, err := assets.NewPhantom(assets.PhantomConfig{Dims: [3]int{512, 512, 110}, Spacing: [3]float64{0.8, 0.8, 5}, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("pair", func(b *testing.B) {
		dir := b.TempDir()
		l := &Loaded{Case: &Case{ID: "case_000", Dir: dir}, Regions: p.Regions, Parts: p.Parts}
		b.SetBytes(int64(2 * len(p.Regions.Voxels)))
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, err := l.SaveLabels(p.Regions, p.Parts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("two-atomic-writes", func(b *testing.B) {
		dir := b.TempDir()
		b.SetBytes(int64(2 * len(p.Regions.Voxels)))
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			for _, f := range []struct {
				name string
				m    *volume.LabelMap
			}{{RegionsFile, p.Regions}, {PartsFile, p.Parts}} {
				if err := writeAtomic(filepath.Join(dir, f.name), filepath.Join(dir, "history", f.name), func(w io.Writer) error {
					return nifti.WriteLabels(w, f.m, nil)
				}); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
