package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
)

// TestQCCache: qc fills DATASET/.saros-review/qc-cache.json; a case whose
// files keep their identity is not read again (proved by corrupting an
// image in place and restoring its size and time: the cached result
// stands), --no-cache reads it (and fails on it), and a changed file is
// checked again.
func TestQCCache(t *testing.T) {
	dir := qcSet(t)
	code, first, errs := run("qc", dir)
	if code != 1 {
		t.Fatalf("exit %d %s", code, errs)
	}
	b, err := os.ReadFile(filepath.Join(dir, qc.CacheFile))
	if err != nil {
		t.Fatal(err)
	}
	var disk struct {
		Cases map[string]qc.CacheEntry `json:"cases"`
	}
	if err := json.Unmarshal(b, &disk); err != nil || len(disk.Cases) != 3 {
		t.Fatalf("cache: %d cases, %v", len(disk.Cases), err)
	}
	img := filepath.Join(dir, "case_001", store.ImageFile)
	st, _ := os.Stat(img)
	f, _ := os.OpenFile(img, os.O_WRONLY, 0)
	f.WriteAt(make([]byte, 512), 0) // same size, same inode
	f.Close()
	os.Chtimes(img, st.ModTime(), st.ModTime())
	if code, again, errs := run("qc", dir); code != 1 || again != first {
		t.Errorf("cached run: exit %d %s, output differs: %v", code, errs, again != first)
	}
	if code, _, errs := run("qc", dir, "--no-cache"); code != 2 || !strings.Contains(errs, "case_001") {
		t.Errorf("--no-cache: exit %d %q", code, errs)
	}
	later := st.ModTime().Add(time.Second)
	os.Chtimes(img, later, later)
	if code, _, errs := run("qc", dir); code != 2 || !strings.Contains(errs, "case_001") {
		t.Errorf("changed file: exit %d %q", code, errs)
	}
}

// BenchmarkQCDemo50: `qc` over a 50-case demo data set on all cores, cold
// (no cache) and warm (every case cached). s/8cases/core is the time per
// 8 cases per core (target ≤ 1 s).
func BenchmarkQCDemo50(b *testing.B) {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "saros-review", "bench", "demo-50-v1")
	if _, err := os.Stat(filepath.Join(dir, "done")); err != nil {
		os.RemoveAll(dir)
		if err := store.WriteDemo(dir, 50); err != nil {
			b.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "done"), nil, 0o644)
	}
	env := Env{Stdout: io.Discard, Stderr: io.Discard}
	cores := runtime.GOMAXPROCS(0)
	for _, warm := range []bool{false, true} {
		name := "cold"
		if warm {
			name = "warm"
		}
		b.Run(name, func(b *testing.B) {
			os.Remove(filepath.Join(dir, qc.CacheFile))
			args := []string{"qc", dir, "--jobs", fmt.Sprint(cores)}
			if warm {
				Run(env, args)
			} else {
				args = append(args, "--no-cache")
			}
			cpu0 := cpuTime()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if code := Run(env, args); code > 1 {
					b.Fatal("qc failed")
				}
			}
			b.StopTimer()
			per8 := float64(b.N) * 50 / 8
			b.ReportMetric(b.Elapsed().Seconds()*float64(cores)/per8, "s/8cases/core")
			// CPU seconds per 8 cases: the same figure on a machine
			// others share (wall time there waits for the CPU).
			b.ReportMetric((cpuTime()-cpu0).Seconds()/per8, "cpu-s/8cases")
		})
	}
}

// TestQCRecordsCounts: qc over a data set records each case's error count
// in the review store, where `review` (and the worklist) read it.
func TestQCRecordsCounts(t *testing.T) {
	dir := qcSet(t)
	code, out, errs := run("qc", dir)
	if code != 1 {
		t.Fatalf("exit %d %s", code, errs)
	}
	var r qcJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, c := range r.Cases {
		n := 0
		for _, f := range c.Findings {
			if f.Severity == "error" {
				n++
			}
		}
		want[c.ID] = fmt.Sprint(n)
	}
	_, rv, errs := run("review", dir, "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(rv)).ReadAll()
	if err != nil || len(rows) != 4 {
		t.Fatalf("review: %v %s\n%s", err, errs, rv)
	}
	errorsSeen := false
	for _, row := range rows[1:] {
		if row[5] != want[row[0]] {
			t.Errorf("%s: qc_errors %s in the review store, qc found %s", row[0], row[5], want[row[0]])
		}
		errorsSeen = errorsSeen || row[5] != "0"
	}
	if !errorsSeen {
		t.Error("no case with errors: the test proves nothing")
	}
}
