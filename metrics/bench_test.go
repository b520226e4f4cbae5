package metrics

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/saros-review/saros-review/assets"
)

// phantom512 is a 512×512×110 phantom case at 0.9×0.9×5 mm with 22
// annotated slices and both maps.
func phantom512(b *testing.B, seed uint64) Maps {
	b.Helper()
	p, err := assets.NewPhantom(assets.PhantomConfig{Dims: [3]int{512, 512, 110}, Spacing: [3]float64{0.9, 0.9, 5}, Seed: seed})
	if err != nil {
		b.Fatal(err)
	}
	if n := len(p.Regions.AnnotatedSlices()); n != 22 {
		b.Fatalf("%d annotated slices", n)
	}
	return Maps{Regions: p.Regions, Parts: p.Parts}
}

// secondReader is another reader of the same case: every label boundary
// of every annotated slice moved by up to 2 pixels, by a displacement
// field that varies across the slice (both maps alike, so their
// foregrounds still agree).
func secondReader(m Maps) Maps {
	out := Maps{Regions: m.Regions.Clone(), Parts: m.Parts.Clone()}
	nx, ny := m.Regions.Dims[0], m.Regions.Dims[1]
	for _, k := range m.Regions.AnnotatedSlices() {
		for j := 0; j < ny; j++ {
			for i := 0; i < nx; i++ {
				si := min(nx-1, max(0, i+int(math.Round(2*math.Sin(float64(j)/15+float64(k))))))
				sj := min(ny-1, max(0, j+int(math.Round(2*math.Cos(float64(i)/13+float64(k))))))
				out.Regions.Set(i, j, k, m.Regions.At(si, sj, k))
				out.Parts.Set(i, j, k, m.Parts.At(si, sj, k))
			}
		}
	}
	return out
}

// benchCompare times Compare on a pair of maps in memory, reports the CPU
// time per comparison (cpu-ms/op: the wall time on a shared machine
// includes waiting for other processes) and the time relative to the
// Python peer on the same maps in the same run (x-peer: the median of 3
// runs of scripts/surface_peer.py, interpreter start and file reads
// included; below 1 is faster).
func benchCompare(b *testing.B, a, c Maps) {
	b.ReportAllocs()
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := Compare(a, c, 3); err != nil {
			b.Fatal(err)
		}
	}
	ours, cpu := time.Since(start)/time.Duration(b.N), (cpuTime()-cpu0)/time.Duration(b.N)
	b.StopTimer()
	b.ReportMetric(float64(cpu)/1e6, "cpu-ms/op")
	if peer := cachedPeerTime(b, a, c); peer > 0 {
		b.ReportMetric(float64(ours)/float64(peer), "x-peer")
	}
}

// BenchmarkCompare512x512x110: two readers of one 512×512×110 case (22
// annotated slices, both maps), the second reader's boundaries moved by up
// to 2 pixels on every slice and label. Target: ≤ 100 ms.
func BenchmarkCompare512x512x110(b *testing.B) {
	a := phantom512(b, 1)
	benchCompare(b, a, secondReader(a))
}

// BenchmarkCompare512x512x110Unrelated: the worst case, maps of two
// different bodies (phantoms of seeds 1 and 6, the same annotated slices):
// boundaries up to centimetres apart on every slice and label.
func BenchmarkCompare512x512x110Unrelated(b *testing.B) {
	benchCompare(b, phantom512(b, 1), phantom512(b, 6))
}

// peerTimes keeps the peer's time per benchmark: the peer takes seconds,
// so it runs once per process, not for every b.N and -count round.
var peerTimes = map[string]time.Duration{}

func cachedPeerTime(b *testing.B, a, c Maps) time.Duration {
	if d, ok := peerTimes[b.Name()]; ok {
		return d
	}
	d := peerTime(b, a, c)
	peerTimes[b.Name()] = d
	return d
}

// peerTime runs the peer 3 times on the pair and returns the median time
// (0 when python3-scipy is missing: the peer tests fail then).
func peerTime(b *testing.B, a, c Maps) time.Duration {
	if exec.Command(python(), "-c", "import scipy.ndimage").Run() != nil {
		return 0
	}
	dir := b.TempDir()
	job := map[string]any{"tolerance": 3, "cases": []any{map[string]any{"id": "bench", "maps": []any{
		rawMap(b, dir, "regions", a.Regions.Voxels, c.Regions.Voxels, a),
		rawMap(b, dir, "parts", a.Parts.Voxels, c.Parts.Voxels, a)}}}}
	js, _ := json.Marshal(job)
	jobPath := filepath.Join(dir, "job.json")
	os.WriteFile(jobPath, js, 0o644)
	var ds []time.Duration
	for r := 0; r < 3; r++ {
		var out bytes.Buffer
		cmd := exec.Command(python(), "../scripts/surface_peer.py", jobPath)
		cmd.Stdout = &out
		t := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(t))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[1]
}

func rawMap(b *testing.B, dir, name string, va, vb []uint8, m Maps) map[string]any {
	pa, pb := filepath.Join(dir, name+"-a.raw"), filepath.Join(dir, name+"-b.raw")
	if os.WriteFile(pa, va, 0o644) != nil || os.WriteFile(pb, vb, 0o644) != nil {
		b.Fatal("write raw maps")
	}
	g := m.Regions.Grid
	return map[string]any{"map": name, "a": pa, "b": pb, "dims": g.Dims, "spacing": []float64{g.Spacing[0], g.Spacing[1]}}
}
