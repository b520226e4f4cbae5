package metrics

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The transform equals the brute-force minimum over all features, with
// anisotropic spacing, on random sparse and dense feature sets.
func TestEDT2DMatchesBruteForce(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 7))
	var sc EDTScratch
	for trial := 0; trial < 200; trial++ {
		w, h := 1+rnd.IntN(40), 1+rnd.IntN(40)
		sx, sy := 0.3+rnd.Float64()*2, 0.3+rnd.Float64()*2
		density := []float64{0, 0.002, 0.02, 0.3, 0.9}[trial%5]
		f := make([]bool, w*h)
		for i := range f {
			f[i] = rnd.Float64() < density
		}
		got := make([]float64, w*h)
		EDT2D(f, w, h, sx, sy, got, &sc)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				want := math.Inf(1)
				for fy := 0; fy < h; fy++ {
					for fx := 0; fx < w; fx++ {
						if f[fx+fy*w] {
							dx, dy := float64(x-fx)*sx, float64(y-fy)*sy
							want = math.Min(want, dx*dx+dy*dy)
						}
					}
				}
				g := got[x+y*w]
				if !(g == want || math.Abs(g-want) <= 1e-9*want) {
					t.Fatalf("trial %d (%d×%d, %g×%g mm): (%d,%d) = %g, want %g", trial, w, h, sx, sy, x, y, g, want)
				}
			}
		}
	}
}
