package store

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// craniumPath is the real head CT of Debian's invesalius-examples (GPL-2:
// read at test time, never copied into the repository).
const craniumPath = "/usr/share/doc/invesalius-examples/examples/Cranium.inv3"

// benchDir is a folder of the user cache for benchmark cases.
func benchDir(name string) string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "saros-review", "bench", name)
}

// writeBenchCase writes a case folder once: the image at gzip level 6 (as
// SimpleITK writes SAROS files), the maps as the program writes them.
func writeBenchCase(b *testing.B, dir string, im *volume.Image, regions, parts *volume.LabelMap) *Case {
	if _, err := os.Stat(filepath.Join(dir, PartsFile)); err != nil {
		os.MkdirAll(dir, 0o755)
		var raw bytes.Buffer
		if err := nifti.WriteImage(&raw, im, nil); err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(&raw)
		if err != nil {
			b.Fatal(err)
		}
		err = WriteFileAtomic(filepath.Join(dir, ImageFile), func(w io.Writer) error {
			zw, _ := gzip.NewWriterLevel(w, 6)
			if _, err := io.Copy(zw, zr); err != nil {
				return err
			}
			return zw.Close()
		})
		if err != nil {
			b.Fatal(err)
		}
		for name, m := range map[string]*volume.LabelMap{RegionsFile: regions, PartsFile: parts} {
			if err := WriteFileAtomic(filepath.Join(dir, name), func(w io.Writer) error { return nifti.WriteLabels(w, m, nil) }); err != nil {
				b.Fatal(err)
			}
		}
	}
	ds, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	return ds.Cases[0]
}

// phantomCase600 is the demo phantom at 512×512×600 (1 mm slices).
func phantomCase600(b *testing.B) *Case {
	dir := benchDir("open-phantom-512x512x600-v1")
	if _, err := os.Stat(filepath.Join(dir, PartsFile)); err == nil {
		return writeBenchCase(b, dir, nil, nil, nil)
	}
	p, err := assets.NewPhantom(assets.PhantomConfig{Dims: [3]int{512, 512, 600}, Spacing: [3]float64{0.8, 0.8, 1}, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	return writeBenchCase(b, dir, p.Image, p.Regions, p.Parts)
}

// realCase600 is a 512×512×600 case of real CT: four different slices of
// the real head CT side by side on every slice (so no row repeats itself
// within gzip's window), the head's slices stretched along 600; maps
// annotated every fifth slice (body where HU > −300), 255 elsewhere.
func realCase600(b *testing.B) *Case {
	dir := benchDir("open-realct-512x512x600-v1")
	if _, err := os.Stat(filepath.Join(dir, PartsFile)); err == nil {
		return writeBenchCase(b, dir, nil, nil, nil)
	}
	head := cranium(b)
	g := volume.Grid{Dims: [3]int{512, 512, 600}, Spacing: [3]float64{0.957, 0.957, 1},
		Affine: volume.Mat4{{-0.957, 0, 0, 0}, {0, -0.957, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}}
	im, reg, par := volume.NewImage(g), volume.NewLabelMap(g), volume.NewLabelMap(g)
	const n = 256 * 256
	for k := 0; k < 600; k++ {
		for j := 0; j < 512; j++ {
			for i := 0; i < 512; i++ {
				tile := i/256 + 2*(j/256)
				s := (k*108/600 + 27*tile) % 108
				v := head[s*n+(j%256)*256+i%256]
				idx := g.Index(i, j, k)
				im.Voxels[idx] = v
				switch {
				case k%5 != 0:
					reg.Voxels[idx], par.Voxels[idx] = 255, 255
				case v > -300:
					reg.Voxels[idx], par.Voxels[idx] = 2, 1
				}
			}
		}
	}
	return writeBenchCase(b, dir, im, reg, par)
}

// cranium reads the real head CT's voxels (256×256×108 int16, slice after
// slice); the benchmark fails, not skips, without it.
func cranium(b *testing.B) []int16 {
	f, err := os.Open(craniumPath)
	if err != nil {
		b.Fatalf("the real head CT: %v (install invesalius-examples; make deps does)", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err != nil {
			b.Fatalf("%s: no matrix.dat: %v", craniumPath, err)
		}
		if !strings.HasSuffix(h.Name, "matrix.dat") {
			continue
		}
		if h.Size != 256*256*108*2 {
			b.Fatalf("%s: matrix.dat of %d bytes, want 256×256×108 int16", craniumPath, h.Size)
		}
		v := make([]int16, 256*256*108)
		if err := binary.Read(tr, binary.LittleEndian, v); err != nil {
			b.Fatal(err)
		}
		return v
	}
}

// firstPicture renders the three views of the image alone at 512×512, as
// the case screen's first frame does.
func firstPicture(l *Loaded) {
	st := viewer.DefaultStyle()
	for _, v := range viewer.Views {
		f := viewer.NewFrame(l.Image.Grid, v)
		var r viewer.Renderer
		r.Render(nil, viewer.Layers{Image: l.Image}, f, f.Slices/2, viewer.Fit(f, 512, 512), st, viewer.Cursor{})
	}
}

// BenchmarkOpenBigCase: opening a 512×512×600 case, of the phantom and of
// real CT, side by side in one run with `libdeflate-gunzip -c image.nii.gz
// > /dev/null` on the same file: the image alone, the first picture
// (LoadImageFirst's image, then the three views drawn while the maps
// load: ns/op, and image-ms its part), the whole case that way, and the
// whole case read file after file (Load).
func BenchmarkOpenBigCase(b *testing.B) {
	for _, data := range []struct {
		name string
		open func(*testing.B) *Case
	}{{"phantom", phantomCase600}, {"realct", realCase600}} {
		c := data.open(b)
		st, _ := os.Stat(c.Image)
		b.Run(data.name+"/libdeflate-gunzip", func(b *testing.B) {
			b.ReportMetric(float64(st.Size())/1e6, "MB-image.nii.gz")
			for i := 0; i < b.N; i++ {
				cmd := exec.Command("libdeflate-gunzip", "-c", c.Image)
				cmd.Stdout = io.Discard
				if err := cmd.Run(); err != nil {
					b.Fatalf("libdeflate-gunzip: %v (install libdeflate-tools)", err)
				}
			}
		})
		b.Run(data.name+"/image", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, _, err := nifti.LoadImage(c.Image, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(data.name+"/first-picture", func(b *testing.B) {
			var toImage []time.Duration
			for i := 0; i < b.N; i++ {
				start := time.Now()
				_, err := c.LoadImageFirst(context.Background(), nil, func(l *Loaded) {
					toImage = append(toImage, time.Since(start))
					firstPicture(l)
					b.StopTimer() // the maps finish loading off the clock
				})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			sort.Slice(toImage, func(x, y int) bool { return toImage[x] < toImage[y] })
			b.ReportMetric(float64(toImage[len(toImage)/2])/1e6, "image-ms")
		})
		b.Run(data.name+"/case-image-first", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := c.LoadImageFirst(context.Background(), nil, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(data.name+"/case-sequential", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := c.Load(nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
