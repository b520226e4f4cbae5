package app

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
)

// demo50 is a 50-case demo data set, written once into the user cache
// folder.
func demo50(b *testing.B) *store.Dataset {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "saros-review", "bench", "app-demo-50-v1")
	if _, err := os.Stat(filepath.Join(dir, "done")); err != nil {
		os.RemoveAll(dir)
		if err := store.WriteDemo(dir, 50); err != nil {
			b.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "done"), nil, 0o644)
	}
	ds, err := store.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	return ds
}

// BenchmarkDatasetQC50: the background QC of a 50-case demo data set as
// the application runs it when the data set opens, cold (no cache) and
// warm (every case cached). Meanwhile a 60 Hz ticker asks the UI loop for
// a frame (a worklist refresh); frame-ms-median and frame-ms-max are the
// delays from asking to the frame being done, so a loop blocked by QC
// would show. s/8cases/core is the wall time per 8 cases per core
// (target ≤ 1 s), cpu-s/8cases the CPU time; BenchmarkQCDemo50 in cli is
// the same QC as a command, to run beside it.
func BenchmarkDatasetQC50(b *testing.B) {
	ds := demo50(b)
	cores := runtime.GOMAXPROCS(0)
	for _, warm := range []bool{false, true} {
		name := map[bool]string{false: "cold", true: "warm"}[warm]
		b.Run(name, func(b *testing.B) {
			os.Remove(filepath.Join(ds.Root, qc.CacheFile))
			if warm {
				c, tr := controllerForBench(b)
				c.setDataset(ds, nil, "", "")
				tr.loop.Run(c.Work.Idle, time.Minute)
				c.Work.Shutdown()
			}
			var frames []time.Duration
			var elapsed, cpu time.Duration
			for i := 0; i < b.N; i++ {
				if !warm {
					os.Remove(filepath.Join(ds.Root, qc.CacheFile))
				}
				c, tr := controllerForBench(b)
				stop := make(chan struct{})
				var mu sync.Mutex
				var wg sync.WaitGroup
				wg.Add(1)
				go func() { // the display asking for frames
					defer wg.Done()
					tick := time.NewTicker(time.Second / 60)
					defer tick.Stop()
					for {
						select {
						case <-stop:
							return
						case <-tick.C:
							asked := time.Now()
							c.Work.Do(func() {
								c.Worklist.table.Refresh()
								mu.Lock()
								frames = append(frames, time.Since(asked))
								mu.Unlock()
							})
						}
					}
				}()
				start, cpu0 := time.Now(), processCPU()
				c.setDataset(ds, nil, "", "")
				if err := tr.loop.Run(c.Work.Idle, time.Minute); err != nil {
					b.Fatal(err)
				}
				elapsed += time.Since(start)
				cpu += processCPU() - cpu0
				close(stop)
				wg.Wait()
				if c.Worklist.QCChecked() != len(ds.Cases) {
					b.Fatalf("%d of %d cases checked", c.Worklist.QCChecked(), len(ds.Cases))
				}
				c.Work.Shutdown()
			}
			per8 := float64(b.N) * float64(len(ds.Cases)) / 8
			b.ReportMetric(elapsed.Seconds()*float64(cores)/per8, "s/8cases/core")
			// CPU seconds per 8 cases (QC and the frames asked meanwhile):
			// the figure on a machine others share.
			b.ReportMetric(cpu.Seconds()/per8, "cpu-s/8cases")
			mu := func(q float64) float64 {
				if len(frames) == 0 {
					return 0
				}
				slices.Sort(frames)
				return float64(frames[int(q*float64(len(frames)-1))].Microseconds()) / 1000
			}
			b.ReportMetric(mu(0.5), "frame-ms-median")
			b.ReportMetric(mu(0.99), "frame-ms-p99")
			b.ReportMetric(mu(1), "frame-ms-max")
		})
	}
}
