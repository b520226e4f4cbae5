package casework

import (
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/qc"
)

// BenchmarkRunQCMemory is the job of Edit › Run QC on a 512×512×600
// case annotated every fifth slice, on copies of whole maps (as before)
// beside copies of the annotated slices only (as RunQC does now): the
// peak of the Go heap in use above the case already in memory, in
// megabytes and as a multiple of the two maps' bytes.
func BenchmarkRunQCMemory(b *testing.B) {
	p, err := assets.NewPhantom(assets.PhantomConfig{Dims: [3]int{512, 512, 600}, Spacing: [3]float64{0.8, 0.8, 1}, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	sess, err := annotate.NewSession(p.Image, p.Regions, p.Parts)
	if err != nil {
		b.Fatal(err)
	}
	per := p.Image.Dims[0] * p.Image.Dims[1]
	maps := float64(2 * len(p.Regions.Voxels))
	for _, whole := range []bool{true, false} {
		name := map[bool]string{true: "whole-map-copies", false: "annotated-slice-copies"}[whole]
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				runtime.GC()
				var base runtime.MemStats
				runtime.ReadMemStats(&base)
				peak, stop := sampleHeap()
				in := &qc.Input{Image: p.Image, Regions: p.Regions, Parts: p.Parts}
				if whole {
					in.Regions, in.Parts = sess.Copies()
				} else {
					in.RegionSlices = newSparseSlices(p.Regions.Voxels, per)
					in.PartSlices = newSparseSlices(p.Parts.Voxels, per)
				}
				qc.Check(in, nil)
				stop()
				b.ReportMetric(float64(*peak-base.HeapInuse)/1e6, "peak-MB")
				b.ReportMetric(float64(*peak-base.HeapInuse)/maps, "x-map-bytes")
			}
		})
	}
}

// sampleHeap samples the heap in use every few milliseconds until stop
// is called; *peak is the largest seen.
func sampleHeap() (peak *uint64, stop func()) {
	var p uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			p = max(p, m.HeapInuse)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return &p, func() { close(done); wg.Wait() }
}
