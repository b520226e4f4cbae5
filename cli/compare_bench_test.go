package cli

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/volume"
)

// compareBenchSets returns two cached data sets of n 512×512×110 cases
// (22 annotated slices, both maps, label maps only): A holds phantoms of
// seeds 1…n, B a second reader of each, whose boundaries are moved by up
// to 2 pixels on every slice and label.
func compareBenchSets(b *testing.B, n int) (string, string) {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	root := filepath.Join(cache, "saros-review", "bench", fmt.Sprintf("compare-512x512x110-%d-v1", n))
	a, c := filepath.Join(root, "a"), filepath.Join(root, "b")
	if _, err := os.Stat(filepath.Join(root, "done")); err == nil {
		return a, c
	}
	os.RemoveAll(root)
	for i := 0; i < n; i++ {
		p, err := assets.NewPhantom(assets.PhantomConfig{Dims: [3]int{512, 512, 110}, Spacing: [3]float64{0.9, 0.9, 5}, Seed: uint64(i + 1)})
		if err != nil {
			b.Fatal(err)
		}
		id := fmt.Sprintf("case_%03d", i)
		writeMaps(b, filepath.Join(a, id), p.Regions, p.Parts)
		r2, p2 := moveBoundaries(p.Regions, p.Parts)
		writeMaps(b, filepath.Join(c, id), r2, p2)
	}
	os.WriteFile(filepath.Join(root, "done"), nil, 0o644)
	return a, c
}

// moveBoundaries is a second reader: every annotated slice resampled
// through a displacement of up to 2 pixels that varies across the slice.
func moveBoundaries(regions, parts *volume.LabelMap) (*volume.LabelMap, *volume.LabelMap) {
	r2, p2 := regions.Clone(), parts.Clone()
	nx, ny := regions.Dims[0], regions.Dims[1]
	for _, k := range regions.AnnotatedSlices() {
		for j := 0; j < ny; j++ {
			for i := 0; i < nx; i++ {
				si := min(nx-1, max(0, i+int(math.Round(2*math.Sin(float64(j)/15+float64(k))))))
				sj := min(ny-1, max(0, j+int(math.Round(2*math.Cos(float64(i)/13+float64(k))))))
				r2.Set(i, j, k, regions.At(si, sj, k))
				p2.Set(i, j, k, parts.At(si, sj, k))
			}
		}
	}
	return r2, p2
}

// BenchmarkCompareCommand: `compare` on two 512×512×110 case folders
// (four .nii.gz label maps read and inflated, 22 slices, both maps, JSON
// written), in process. cpu-ms/op is the CPU time per run: on a shared
// machine the wall time also counts waiting for other processes.
func BenchmarkCompareCommand(b *testing.B) {
	a, c := compareBenchSets(b, 50)
	env := Env{Stdout: io.Discard, Stderr: io.Discard}
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if code := Run(env, []string{"compare", filepath.Join(a, "case_000"), filepath.Join(c, "case_000")}); code != 0 {
			b.Fatal("compare failed")
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
}

// BenchmarkCompareJobs: `compare` over two 50-case data sets of
// 512×512×110 cases with 1 and 2 jobs; compare the two for the speed-up.
func BenchmarkCompareJobs(b *testing.B) {
	a, c := compareBenchSets(b, 50)
	env := Env{Stdout: io.Discard, Stderr: io.Discard}
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if code := Run(env, []string{"compare", a, c, "--jobs", fmt.Sprint(jobs), "--format", "csv"}); code != 0 {
					b.Fatal("compare failed")
				}
			}
		})
	}
}
