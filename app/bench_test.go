package app

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume/nifti"
)

// benchCase returns a case folder with a 512×512×nz phantom, written once
// into the user cache folder.
func benchCase(b *testing.B, nz int, dz float64) *store.Case {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	dir = filepath.Join(dir, "saros-review", "bench", fmt.Sprintf("case-512x512x%d-v1", nz))
	if _, err := os.Stat(filepath.Join(dir, store.PartsFile)); err != nil {
		p, err := assets.NewPhantom(assets.PhantomConfig{Dims: [3]int{512, 512, nz}, Spacing: [3]float64{0.8, 0.8, dz}, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		os.MkdirAll(dir, 0o755)
		for name, write := range map[string]func(io.Writer) error{
			store.ImageFile:   func(w io.Writer) error { return nifti.WriteImage(w, p.Image, nil) },
			store.RegionsFile: func(w io.Writer) error { return nifti.WriteLabels(w, p.Regions, nil) },
			store.PartsFile:   func(w io.Writer) error { return nifti.WriteLabels(w, p.Parts, nil) },
		} {
			if err := store.WriteFileAtomic(filepath.Join(dir, name), write); err != nil {
				b.Fatal(err)
			}
		}
	}
	ds, err := store.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	return ds.Cases[0]
}

// firstFrame builds the case screen in a 1400×900 window, lays it out and
// renders the three views' frames through their raster generators, which
// is what the GL painter calls to draw them. (The test canvas's own
// software compositing of the whole window is left out: the real window
// composites on the GPU; the traced real-window figures are in the README.)
func firstFrame(w fyne.Window, l *store.Loaded) {
	s := NewCaseScreen(caseOf(l), fyne.CurrentApp().Preferences())
	w.SetContent(s.Content())
	for _, v := range s.Views {
		sz := v.Size()
		r := test.WidgetRenderer(v).Objects()[0].(*canvas.Raster)
		r.Generator(int(sz.Width), int(sz.Height))
	}
}

// BenchmarkOpenCase: from asking for a case to its first painted frame
// (all three views): a 512×512×110 case already prefetched, and a
// 512×512×600 case loaded from disk.
func BenchmarkOpenCase(b *testing.B) {
	test.NewTempApp(b)
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(1400, 900))
	b.Run("prefetched-512x512x110", func(b *testing.B) {
		l, err := benchCase(b, 110, 5).Load(nil)
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			firstFrame(w, l)
		}
	})
	b.Run("from-disk-512x512x600", func(b *testing.B) {
		c := benchCase(b, 600, 1)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			l, err := c.Load(nil)
			if err != nil {
				b.Fatal(err)
			}
			firstFrame(w, l)
		}
	})
}
