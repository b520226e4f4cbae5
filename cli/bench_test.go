package cli

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/saros-review/saros-review/internal/dicomtest"

	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
)

// BenchmarkQCJobs: QC over 8 demo cases (files on disk) with 1 and 2
// jobs; compare the two for the speed-up.
func BenchmarkQCJobs(b *testing.B) {
	dir := b.TempDir()
	if err := store.WriteDemo(dir, 8); err != nil {
		b.Fatal(err)
	}
	ds, err := store.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for _, r := range CheckCases(ds.Cases, qc.DefaultConfig(), jobs, nil) {
					if r.Error != "" {
						b.Fatal(r.Error)
					}
				}
			}
		})
	}
	os.RemoveAll(dir)
}

// BenchmarkStatsJobs: `stats` over 8 demo cases (files on disk, CSV
// output) with 1 and 2 jobs.
func BenchmarkStatsJobs(b *testing.B) {
	dir := b.TempDir()
	if err := store.WriteDemo(dir, 8); err != nil {
		b.Fatal(err)
	}
	env := Env{Stdout: io.Discard, Stderr: io.Discard}
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if code := Run(env, []string{"stats", dir, "--format", "csv", "--jobs", fmt.Sprint(jobs)}); code != 0 {
					b.Fatal("stats failed")
				}
			}
		})
	}
}

// BenchmarkImportDICOM300: importing a 300-slice 512×512 CT series (scan,
// read every slice, write image.nii.gz and the label maps), with the time
// relative to dcm2niix -z y converting the same folder in the same run
// (x-dcm2niix; below 1 is faster).
func BenchmarkImportDICOM300(b *testing.B) {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	src := filepath.Join(cache, "saros-review", "bench", "dicom-512x512x300-v1")
	if _, err := os.Stat(filepath.Join(src, "done")); err != nil {
		os.RemoveAll(src)
		dicomtest.Series{UID: "1.2.3.300", Rows: 512, Cols: 512, Orient: [6]float64{1, 0, 0, 0, 1, 0}, Origin: [3]float64{-200, -200, 0},
			RowSp: 0.8, ColSp: 0.8, Step: 1, N: 300, BitsStored: 12, Slope: 1, Inter: -1024, Skip: -1,
			Value: func(i, j, k int) int { return (i*7 + j*3 + k) % 3000 }}.Write(b, src)
		os.WriteFile(filepath.Join(src, "done"), nil, 0o644)
	}
	env := Env{Stdout: io.Discard, Stderr: io.Discard}
	b.ResetTimer()
	var ours time.Duration
	for i := 0; i < b.N; i++ {
		dst := b.TempDir()
		t := time.Now()
		if code := Run(env, []string{"import-dicom", src, dst}); code != 0 {
			b.Fatal("import failed")
		}
		ours += time.Since(t)
	}
	b.StopTimer()
	if bin, err := exec.LookPath("dcm2niix"); err == nil {
		var ds []time.Duration
		for r := 0; r < 3; r++ {
			out := b.TempDir()
			t := time.Now()
			if err := exec.Command(bin, "-z", "y", "-f", "img", "-o", out, src).Run(); err != nil {
				b.Fatal(err)
			}
			ds = append(ds, time.Since(t))
		}
		sort.Slice(ds, func(x, y int) bool { return ds[x] < ds[y] })
		b.ReportMetric(float64(ours)/float64(b.N)/float64(ds[1]), "x-dcm2niix")
	}
}
