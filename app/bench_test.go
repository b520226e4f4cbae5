package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/casework"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
	"github.com/saros-review/saros-review/viewer"
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
	s := NewCaseScreen(casework.FromLoaded(l), fyne.CurrentApp().Preferences())
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

// BenchmarkEdit: the editing hot paths on a 512×512×110 case.
func BenchmarkEdit(b *testing.B) {
	c := benchCase(b, 110, 5)
	l, err := c.Load(nil)
	if err != nil {
		b.Fatal(err)
	}
	sess, err := annotate.NewSession(l.Image, l.Regions, l.Parts)
	if err != nil {
		b.Fatal(err)
	}
	k := l.Regions.AnnotatedSlices()[12]
	lay := viewer.Layers{Image: l.Image, Regions: l.Regions, Parts: l.Parts, Original: [2][]uint8{sess.Original[0].Flat(), sess.Original[1].Flat()}}
	f := viewer.NewFrame(l.Image.Grid, viewer.Axial)
	vp := viewer.Fit(f, 512, 512)
	st := viewer.DefaultStyle()
	var r viewer.Renderer
	dst := r.Render(nil, lay, f, k, vp, st, viewer.Cursor{})
	// A dab of 10 mm radius inside a long stroke, with the stroke's
	// snapshot and box bookkeeping, and the axial frame drawn again.
	b.Run("dab-10mm-and-frame", func(b *testing.B) {
		brush := annotate.Brush{Map: annotate.MapRegions, Label: labels.RegionMuscle, RadiusMM: 10}
		sess.Begin("bench")
		sess.Dab(k, 200, 256, brush)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			x := 150 + float64(i%200)
			brush.Label = uint8(1 + i%2)
			sess.Dab(k, x, 256, brush)
			dst = r.Render(dst, lay, f, k, vp, st, viewer.Cursor{Marks: viewer.Marks{BrushAt: [3]float64{x, 256, float64(k)}, BrushMM: 10}})
		}
		b.StopTimer()
		sess.Abort()
	})
	// A fill of a 50,000-voxel region as one undo step: a 250×200
	// rectangle of a label found nowhere else on the slice, filled with
	// another label and back, so every fill changes 50,000 voxels.
	b.Run("fill-50k", func(b *testing.B) {
		g := l.Image.Grid
		sess.Begin("setup")
		for j := 150; j < 350; j++ {
			for i := 130; i < 380; i++ {
				sess.SetRegion(g.Index(i, j, k), labels.RegionBreastImplant, labels.PartTorso)
			}
		}
		sess.Commit()
		to := [2]uint8{labels.RegionBrain, labels.RegionBreastImplant}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			sess.Begin("fill")
			if n := sess.Fill(k, 200, 200, annotate.MapRegions, to[i%2]); n != 50000 {
				b.Fatalf("filled %d voxels", n)
			}
			sess.Commit()
		}
	})
	// Saving both maps: temporary files, fsync, rename, revision.
	b.Run("save-both-maps", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := l.SaveLabels(l.Regions, l.Parts); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		os.RemoveAll(filepath.Join(c.Dir, ".saros-review"))
	})
	// The undo memory of 100 brush strokes.
	b.Run("undo-memory-100-strokes", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			s2, _ := annotate.NewSession(l.Image, l.Regions.Clone(), l.Parts.Clone())
			for n := 0; n < 100; n++ {
				s2.Begin("stroke")
				y := 100 + float64(n*3)
				s2.Line(k, 120, y, 380, y+20, annotate.Brush{Map: annotate.MapRegions, Label: uint8(1 + n%12), RadiusMM: 4})
				s2.Commit()
			}
			b.ReportMetric(float64(s2.History.Bytes())/100, "bytes/stroke")
		}
	})
}

// BenchmarkWorklist900: opening the worklist of 900 cases with its review
// columns (status, assignment, flags, QC errors) from a generated review
// store, on SQLite and, under make bench, a local PostgreSQL.
func BenchmarkWorklist900(b *testing.B) {
	test.NewTempApp(b)
	ds := &store.Dataset{Root: b.TempDir(), Kind: store.DatasetFolder, Columns: []string{"id", "split", "tcia_collection"}}
	ids := make([]string, 900)
	for i := range ids {
		ids[i] = fmt.Sprintf("case_%03d", i)
		ds.Cases = append(ds.Cases, &store.Case{ID: ids[i], Meta: map[string]string{"split": fmt.Sprintf("fold-%d", i%5+1), "tcia_collection": "X"}})
	}
	dsns := map[string]string{"sqlite": filepath.Join(b.TempDir(), "review.sqlite")}
	if pg := os.Getenv("SAROS_REVIEW_TEST_PG"); pg != "" {
		dsns["postgres"] = pg
	}
	for name, dsn := range dsns {
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			rv, err := review.Open(ctx, dsn)
			if err != nil {
				b.Fatal(err)
			}
			defer rv.Close()
			rv.Identify(ctx, "boss")
			rv.EnsureCases(ctx, ids...)
			for i := 0; i < 900; i += 3 {
				rv.Assign(ctx, "boss", ids[i], "ann", "rev")
				rv.AddFlag(ctx, review.Flag{Case: ids[i], Map: "regions", Slice: 1, Label: -1, I: -1, J: -1, Category: review.Other, Comment: "x", Author: "boss"})
			}
			w := test.NewTempWindow(b, nil)
			w.Resize(fyne.NewSize(1400, 900))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				wl := NewWorklist(ds)
				wl.user = "ann"
				sums, err := rv.Summaries(ctx)
				if err != nil {
					b.Fatal(err)
				}
				m := make(map[string]review.Summary, len(sums))
				for _, x := range sums {
					m[x.ID] = x
				}
				wl.SetReview(m)
				w.SetContent(wl.Content())
				if len(wl.Rows()) != 900 {
					b.Fatal(len(wl.Rows()))
				}
			}
		})
	}
}

// BenchmarkBodyCompSlice: the Body composition tab following the cursor
// to another slice (table and plot drawn again), on the 512×512×110 case.
func BenchmarkBodyCompSlice(b *testing.B) {
	test.NewTempApp(b)
	l, err := benchCase(b, 110, 5).Load(nil)
	if err != nil {
		b.Fatal(err)
	}
	bc := NewBodyCompPanel("bench", &viewer.Layers{Image: l.Image, Regions: l.Regions, Parts: l.Parts})
	bc.Refresh(0)
	ks := bc.Report.Slices
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		bc.Refresh(ks[i%len(ks)].K)
	}
}
