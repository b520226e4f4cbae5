package qc_test

import (
	"runtime"
	"testing"

	"github.com/saros-review/saros-review/internal/realct"
	"github.com/saros-review/saros-review/qc"
)

// BenchmarkCheckReal512: every rule on a 512×512×110 case with real CT
// texture (the head CT tiled) and its machine-like proposal, in memory,
// on one core.
func BenchmarkCheckReal512(b *testing.B) {
	im, err := realct.Large()
	if err != nil {
		b.Fatal(err)
	}
	r, p := realct.Propose(im, 1)
	in := &qc.Input{Image: im, Regions: r, Parts: p}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		qc.Check(in, nil)
	}
}
