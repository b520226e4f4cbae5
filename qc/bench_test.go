package qc

import (
	"runtime"
	"testing"

	"github.com/saros-review/saros-review/assets"
)

// BenchmarkCheck: every rule on a 512×512×110 case with both maps (22
// annotated slices), in memory, on one core.
func BenchmarkCheck(b *testing.B) {
	p, err := assets.NewPhantom(assets.PhantomConfig{Dims: [3]int{512, 512, 110}, Spacing: [3]float64{0.8, 0.8, 5}, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	in := &Input{Image: p.Image, Regions: p.Regions, Parts: p.Parts}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Check(in, nil)
	}
}
