package nifti

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
	"time"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/volume"
)

// benchCT returns a phantom CT of the given size as .nii.gz, written once
// into the user's cache folder with zlib's default level 6 (as SimpleITK
// writes SAROS files), and the phantom's label maps.
func benchCT(tb testing.TB, nz int, dz float64) (path string, voxelBytes int64) {
	tb.Helper()
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	dir = filepath.Join(dir, "saros-review", "bench")
	path = filepath.Join(dir, fmt.Sprintf("ct-512x512x%d-v1.nii.gz", nz))
	voxelBytes = 512 * 512 * int64(nz) * 2
	if _, err := os.Stat(path); err == nil {
		return path, voxelBytes
	}
	p := benchPhantom(tb, nz, dz)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		tb.Fatal(err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	zw, _ := gzip.NewWriterLevel(bw, 6)
	h, _ := NewHeader(p.Image.Grid, Int16)
	h.VoxOffset = 352
	zw.Write(h.encode())
	zw.Write([]byte{0, 0, 0, 0})
	vb := make([]byte, 2*len(p.Image.Voxels))
	for i, v := range p.Image.Voxels {
		vb[2*i], vb[2*i+1] = byte(v), byte(v>>8)
	}
	zw.Write(vb)
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	bw.Flush()
	f.Close()
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	return path, voxelBytes
}

func benchPhantom(tb testing.TB, nz int, dz float64) *assets.Phantom {
	p, err := assets.NewPhantom(assets.PhantomConfig{Dims: [3]int{512, 512, nz}, Spacing: [3]float64{0.8, 0.8, dz}, Seed: 1})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// medianRun times f n times and returns the median.
func medianRun(n int, f func() error) (time.Duration, error) {
	ds := make([]time.Duration, n)
	for i := range ds {
		t := time.Now()
		if err := f(); err != nil {
			return 0, err
		}
		ds[i] = time.Since(t)
	}
	sort.Slice(ds, func(a, b int) bool { return ds[a] < ds[b] })
	return ds[n/2], nil
}

// BenchmarkLoadCT: full load of a CT .nii.gz into an int16 image. Reports,
// besides time and allocation, the allocation per voxel byte (peak memory
// bound: compressed input plus voxels), the time relative to
// `libdeflate-gunzip -c FILE > /dev/null` and the speed-up over Go's
// compress/gzip reading the same file into a buffer (medians of 5).
func BenchmarkLoadCT(b *testing.B) {
	for _, c := range []struct {
		nz int
		dz float64
	}{{110, 5}, {600, 1}} {
		b.Run(fmt.Sprintf("512x512x%d", c.nz), func(b *testing.B) {
			path, vb := benchCT(b, c.nz, c.dz)
			st, _ := os.Stat(path)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			b.SetBytes(vb)
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				im, _, err := LoadImage(path, nil)
				if err != nil || len(im.Voxels) != int(vb/2) {
					b.Fatal(err)
				}
			}
			per := time.Since(start) / time.Duration(b.N)
			b.StopTimer()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(vb), "alloc/voxelbyte")
			b.ReportMetric(float64(st.Size())/float64(vb), "compressed/voxelbyte")
			if ref, err := medianRun(5, func() error {
				cmd := exec.Command("libdeflate-gunzip", "-c", path)
				cmd.Stdout = io.Discard
				return cmd.Run()
			}); err == nil {
				b.ReportMetric(float64(per)/float64(ref), "x-libdeflate-gunzip")
			}
			buf := make([]byte, 352+vb)
			std, err := medianRun(3, func() error {
				f, err := os.Open(path)
				if err != nil {
					return err
				}
				defer f.Close()
				zr, err := gzip.NewReader(bufio.NewReaderSize(f, 1<<20))
				if err != nil {
					return err
				}
				_, err = io.ReadFull(zr, buf)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(std)/float64(per), "speedup-vs-compress/gzip")
		})
	}
}

// BenchmarkWriteLabels: encoding both label maps of a 512×512×110 case
// (the codec alone; store's BenchmarkSaveLabelMaps includes the disk).
func BenchmarkWriteLabels(b *testing.B) {
	p := benchPhantom(b, 110, 5)
	var out bytes.Buffer
	b.SetBytes(int64(2 * len(p.Regions.Voxels)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, m := range []*volume.LabelMap{p.Regions, p.Parts} {
			out.Reset()
			if err := WriteLabels(&out, m, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(out.Len()), "bytes-parts.nii.gz")
}
