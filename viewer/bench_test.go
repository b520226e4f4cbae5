package viewer

import (
	"fmt"
	"testing"

	"github.com/saros-review/saros-review/assets"
)

// BenchmarkFrame: one 512×512 frame (window/level, regions filled, parts
// outlined, crosshair) of a 512×512×110 case with both maps, per view;
// with row stripes on every core (as the app renders) and on one thread.
func BenchmarkFrame(b *testing.B) {
	p, err := assets.NewPhantom(assets.PhantomConfig{Dims: [3]int{512, 512, 110}, Spacing: [3]float64{0.8, 0.8, 5}, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	l := Layers{Image: p.Image, Regions: p.Regions, Parts: p.Parts}
	k := p.Regions.AnnotatedSlices()[12]
	for _, threads := range []int{0, 1} {
		for _, v := range Views {
			name := fmt.Sprint(v)
			if threads == 1 {
				name += "-1thread"
			}
			b.Run(name, func(b *testing.B) {
				f := NewFrame(p.Image.Grid, v)
				vp := Fit(f, 512, 512)
				cur := Cursor{IJK: [3]int{256, 256, k}, Valid: true}
				st := DefaultStyle()
				r := Renderer{Threads: threads}
				dst := r.Render(nil, l, f, cur.IJK[f.Normal], vp, st, cur)
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					dst = r.Render(dst, l, f, cur.IJK[f.Normal], vp, st, cur)
				}
			})
		}
	}
}
