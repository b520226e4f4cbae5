package qc

import (
	"math/rand/v2"
	"testing"
)

// TestHUCount: the word-at-a-time count equals the plain one on every
// boundary value and on random data, at every alignment and length.
func TestHUCount(t *testing.T) {
	edges := []int16{-32768, -3000, -1025, -1024, -1023, -1, 0, 1, 3070, 3071, 3072, 4095, 4096, 32767}
	rnd := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 200; n++ {
		v := make([]int16, rnd.IntN(40))
		for i := range v {
			if rnd.IntN(2) == 0 {
				v[i] = edges[rnd.IntN(len(edges))]
			} else {
				v[i] = int16(rnd.Uint32())
			}
		}
		for off := 0; off < 4 && off <= len(v); off++ {
			l, h := huCount(v[off:])
			wl, wh := huCountSlow(v[off:])
			if l != wl || h != wh {
				t.Fatalf("%v: %d %d, want %d %d", v[off:], l, h, wl, wh)
			}
		}
	}
}
