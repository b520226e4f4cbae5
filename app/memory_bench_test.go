package app

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"
)

// BenchmarkOpenCaseMemory opens a 512×512×600 case through the whole
// application path (load, case screen, edit session, QC on open) and
// reports the peak of the Go heap in use while it opens, in megabytes and
// as a multiple of the case's voxel bytes (image and both maps);
// SAROS_BENCH_CASE names another case folder to open (a real CT). The
// window's own peak RSS is measured with /usr/bin/time -v (README, Speed).
func BenchmarkOpenCaseMemory(b *testing.B) {
	dir := os.Getenv("SAROS_BENCH_CASE") // a 600-slice case folder of your own
	if dir == "" {
		dir = benchCase(b, 600, 1).Dir
	}
	for i := 0; i < b.N; i++ {
		runtime.GC()
		var base runtime.MemStats
		runtime.ReadMemStats(&base)
		peak, stop := sampleHeap()
		c, tr := controllerForBench(b)
		c.OpenPath(filepath.Clean(dir))
		if err := tr.loop.Run(func() bool { return c.Work.Idle() && c.Screen != nil }, 10*time.Minute); err != nil {
			b.Fatal(err)
		}
		stop()
		im := c.Screen.Case.Layers.Image
		voxels := float64(len(im.Voxels)*2 + 2*len(im.Voxels))
		b.ReportMetric(float64(*peak-base.HeapInuse)/1e6, "peak-MB")
		b.ReportMetric(float64(*peak-base.HeapInuse)/voxels, "x-voxel-bytes")
		c.Work.Shutdown()
		tr.loop.Run(c.Work.Idle, time.Minute)
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
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapInuse > p {
				p = m.HeapInuse
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return &p, func() { close(done); wg.Wait() }
}
