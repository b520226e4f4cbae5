package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
	"time"

	"github.com/saros-review/saros-review/internal/realct"
)

// realLargeCase writes (once, to the user cache folder, never to the
// repository: the CT is GPL) a 512×512×110 case with real CT texture (the
// head CT tiled) and its machine-like proposal, and returns its folder.
func realLargeCase(b *testing.B) string {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "saros-review", "bench", "realct-512x512x110-v1", "case_000")
	if _, err := os.Stat(filepath.Join(dir, "done")); err == nil {
		return dir
	}
	im, err := realct.Large()
	if err != nil {
		b.Fatal(err)
	}
	r, p := realct.Propose(im, 1)
	if err := realct.WriteCase(dir, im, r, p); err != nil {
		b.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "done"), nil, 0o644)
	return dir
}

// buildBinary builds saros-review into a temporary folder.
func buildBinary(b *testing.B) string {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..")
	bin := filepath.Join(b.TempDir(), "saros-review")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// timeProcess runs a command and returns its wall time and its CPU time
// (user and system, children included).
func timeProcess(b *testing.B, name string, args ...string) (wall, cpu time.Duration) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "LANGUAGE=en")
	t := time.Now()
	out, err := cmd.Output()
	wall = time.Since(t)
	if len(out) == 0 || err != nil {
		if e, ok := err.(*exec.ExitError); !ok || e.ExitCode() > 1 {
			b.Fatalf("%s: %v", name, err)
		}
	}
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// BenchmarkQCProcess512: `saros-review qc CASE` as a whole process on a
// 512×512×110 case with real CT texture (every default rule, hu-range
// included, so the image is read), and the scipy.ndimage peer
// (scripts/qc_peer.py) as a process on the same case in the same run,
// interleaved, without the QC cache. x-scipy is the peer's median wall
// time over ours (target ≥ 10), x-scipy-cpu the same for CPU time.
func BenchmarkQCProcess512(b *testing.B) {
	script := peerScript(b)
	dir := realLargeCase(b)
	bin := buildBinary(b)
	var ours, peer, oursCPU, peerCPU []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w, c := timeProcess(b, bin, "qc", dir, "--no-cache")
		ours, oursCPU = append(ours, w), append(oursCPU, c)
		if len(peer) < 3 {
			b.StopTimer()
			w, c := timeProcess(b, peerPython, script, dir)
			peer, peerCPU = append(peer, w), append(peerCPU, c)
			b.StartTimer()
		}
	}
	b.StopTimer()
	med := func(ds []time.Duration) float64 {
		sort.Slice(ds, func(x, y int) bool { return ds[x] < ds[y] })
		return float64(ds[len(ds)/2])
	}
	b.ReportMetric(med(peer)/med(ours), "x-scipy")
	// The same ratio in CPU time, which waiting for a shared machine's
	// cores does not blur.
	b.ReportMetric(med(peerCPU)/med(oursCPU), "x-scipy-cpu")
	b.ReportMetric(med(ours)/1e6, "ms-ours")
	b.ReportMetric(med(peer)/1e6, "ms-scipy")
}
