package bodycomp

import (
	"testing"

	"github.com/saros-review/saros-review/assets"
)

// BenchmarkMeasure512: every measure of a 512×512×110 phantom case (22
// annotated slices), sums and report. Target ≤ 50 ms.
func BenchmarkMeasure512(b *testing.B) {
	p, err := assets.NewPhantom(assets.PhantomConfig{Dims: [3]int{512, 512, 110}, Spacing: [3]float64{0.8, 0.8, 5}, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sl, err := Measure(p.Image, p.Regions, p.Parts)
		if err != nil {
			b.Fatal(err)
		}
		NewReport(p.Image.Grid, sl)
	}
}
