package app

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/casework"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/viewer"
)

var (
	demoOnce sync.Once
	demoDir  string
)

// demoSet writes a 3-case demo data set once for the package's tests.
func demoSet(t *testing.T) string {
	demoOnce.Do(func() {
		d, err := os.MkdirTemp("", "saros-app-")
		if err != nil {
			t.Fatal(err)
		}
		if err := store.WriteDemo(d, 3); err != nil {
			t.Fatal(err)
		}
		demoDir = d
	})
	return demoDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoDir != "" {
		os.RemoveAll(demoDir)
	}
	os.Exit(code)
}

// tester drives a controller the way the desktop driver does: its
// UI-thread callbacks queue on a Loop that the test goroutine runs, so the
// test and the interface share one thread (and -race sees the real
// ordering). It records the workspace's events.
type tester struct {
	t        *testing.T
	c        *Controller
	loop     *casework.Loop
	events   []casework.Event
	reported *CaseScreen // the last case screen wait returned
	seenQC   int         // QC runs waitQC has returned
	seenSave int         // saves saveResult has returned
}

// testers finds the tester of a controller.
var testers = map[*Controller]*tester{}

// controller starts a controller in a test app with a review-store
// timeout of timeout (0: the default) and returns its tester.
func controllerWith(t *testing.T, timeout time.Duration) (*Controller, *tester) {
	a := test.NewTempApp(t)
	tr := &tester{t: t, loop: casework.NewLoop()}
	c := newController(a, "test", tr.loop.Do, timeout)
	tr.c = c
	c.Work.Subscribe(func(ev casework.Event) { tr.events = append(tr.events, ev) })
	testers[c] = tr
	t.Cleanup(func() {
		c.pre.wait()
		c.Work.Shutdown()
		tr.loop.Run(c.Work.Idle, settleGuard)
		delete(testers, c)
	})
	return c, tr
}

// controllerForBench is controller for a benchmark.
func controllerForBench(b *testing.B) (*Controller, *tester) {
	a := test.NewTempApp(b)
	tr := &tester{loop: casework.NewLoop()}
	c := newController(a, "bench", tr.loop.Do, 0)
	tr.c = c
	return c, tr
}

// controller starts a controller in a test app and returns its tester.
func controller(t *testing.T) (*Controller, *tester) { return controllerWith(t, 0) }

// settleGuard bounds a wait for background work: it only catches a hang
// (the work normally ends in well under a second), so it is generous
// enough for a loaded two-core machine running the race detector.
const settleGuard = 90 * time.Second

// settle runs the UI thread until no background work is left.
func (tr *tester) settle() {
	tr.t.Helper()
	if err := tr.loop.Run(tr.c.Work.Idle, settleGuard); err != nil {
		tr.t.Fatal(err)
	}
}

// settle runs c's UI thread until no background work is left.
func settle(t *testing.T, c *Controller) {
	t.Helper()
	testers[c].settle()
}

// saveResult starts a save with save (c.Save, Ctrl+S, …) and returns what
// the save reported.
func saveResult(t *testing.T, c *Controller, save func()) error {
	t.Helper()
	tr := testers[c]
	save()
	tr.settle()
	n := 0
	for _, ev := range tr.events {
		if ev.Kind == casework.Saved || ev.Kind == casework.Failed && ev.SaveFailed {
			if n++; n > tr.seenSave {
				tr.seenSave = n
				return ev.Err
			}
		}
	}
	t.Fatal("the save did not finish")
	return nil
}

// wait returns the next case screen shown, once the QC that opening
// starts (and everything else opening does) has finished.
func wait(t *testing.T, tr *tester) *CaseScreen {
	t.Helper()
	c := tr.c
	err := tr.loop.Run(func() bool { return c.Work.Idle() && c.Screen != nil && c.Screen != tr.reported }, settleGuard)
	if err != nil {
		t.Fatal("no case shown: ", err)
	}
	tr.reported = c.Screen
	return c.Screen
}

// waitQC returns the findings of the next QC run.
func waitQC(t *testing.T, c *Controller) []qc.Finding {
	t.Helper()
	tr := testers[c]
	tr.settle()
	n := 0
	for _, ev := range tr.events {
		if ev.Kind == casework.QCDone {
			if n++; n > tr.seenQC {
				tr.seenQC = n
				return ev.Findings
			}
		}
	}
	t.Fatal("QC did not run")
	return nil
}

// TestDemoOpensOnMiddleAnnotatedSlice: with no path the case screen shows
// the demo case at its middle annotated axial slice, in three views.
func TestDemoOpensOnMiddleAnnotatedSlice(t *testing.T) {
	c, shown := controller(t)
	c.Start("")
	s := wait(t, shown)
	ks := s.Case.Layers.Regions.AnnotatedSlices()
	if k := s.Views[viewer.Axial].Slice(); k != ks[len(ks)/2] {
		t.Errorf("axial slice %d, want middle annotated %d", k, ks[len(ks)/2])
	}
	if st := s.StatusText(); !strings.Contains(st, "demo") || !strings.Contains(st, "axial slice k = 51 of 0–99 (annotated)") {
		t.Errorf("status %q", st)
	}
	c.Window.Resize(fyne.NewSize(1200, 800))
	img := c.Window.Canvas().Capture()
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Dy() / 4; y < b.Dy()*3/4; y += 5 {
		for x := b.Dx() / 8; x < b.Dx()/2; x += 5 {
			r, g, bb, _ := img.At(x, y).RGBA()
			seen[(r>>12)<<8|(g>>12)<<4|bb>>12] = true
		}
	}
	if len(seen) < 8 {
		t.Errorf("the window shows %d colours", len(seen))
	}
}

// TestWorklistFilterSortOpenNext: a data set opens on its worklist; filter
// and split narrow it, a header sorts it; Enter opens the selected case;
// Ctrl+Page Down goes to the next case, which was prefetched.
func TestWorklistFilterSortOpenNext(t *testing.T) {
	c, shown := controller(t)
	c.OpenPath(demoSet(t))
	wl := recv(t, shown)
	if len(wl.Rows()) != 3 {
		t.Fatalf("worklist %v", wl)
	}
	wl.SetFilter("demo-001")
	if r := wl.Rows(); len(r) != 1 || c.Work.Dataset().Cases[r[0]].ID != "case_001" {
		t.Errorf("filter: rows %v", r)
	}
	wl.SetFilter("")
	wl.SetSplit("fold-3")
	if r := wl.Rows(); len(r) != 1 || c.Work.Dataset().Cases[r[0]].ID != "case_002" {
		t.Errorf("split: rows %v", r)
	}
	wl.SetSplit("")
	wl.SortBy("sex") // F, M, F: F first, ties by id
	if r := wl.Rows(); r[0] != 0 || r[1] != 2 || r[2] != 1 {
		t.Errorf("sort by sex: %v", r)
	}
	wl.SortBy("sex")
	if r := wl.Rows(); r[0] != 1 {
		t.Errorf("reverse sort: %v", r)
	}
	wl.SortBy(colID)
	// A click on a cell of the second row selects it; Enter opens it.
	cellAt(t, wl, 1, 2).Tapped(&fyne.PointEvent{})
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	s := wait(t, shown)
	if s.Case.ID != "case_001" || c.Current != 1 {
		t.Fatalf("opened %s", s.Case.ID)
	}
	c.pre.wait()
	start := time.Now()
	c.NextCase(1)
	s = wait(t, shown)
	if s.Case.ID != "case_002" {
		t.Fatalf("next case is %s", s.Case.ID)
	}
	if d := time.Since(start); d > slowdown*time.Second {
		t.Errorf("prefetched next case took %v", d)
	}
	c.NextCase(1) // the last case: nothing after it
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Screen != nil {
		t.Error("Escape did not return to the worklist")
	}
}

// TestKeysAndPersistence: the case screen's keys change slice, window,
// overlay, opacity, outline and layout; the settings carry over to the
// next case screen through the preferences.
func TestKeysAndPersistence(t *testing.T) {
	c, shown := controller(t)
	c.Start("")
	s := wait(t, shown)
	sc := s.Scene
	k := sc.Cursor()[2]
	c.TypedRune(']')
	if sc.Cursor()[2] != k+5 {
		t.Errorf("] went from %d to %d", k, sc.Cursor()[2])
	}
	c.TypedRune('[')
	c.TypedRune('[')
	if sc.Cursor()[2] != k-5 {
		t.Errorf("[[ went to %d", sc.Cursor()[2])
	}
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp}) // one annotation stride
	if sc.Cursor()[2] != k {
		t.Errorf("Page Up went to %d", sc.Cursor()[2])
	}
	c.TypedRune('3')
	if sc.Style().Window != viewer.Presets[2].Window {
		t.Errorf("3 gave window %v", sc.Style().Window)
	}
	c.TypedRune('d')
	c.TypedRune('d')
	c.TypedRune('a')
	if sc.Style().Opacity != 0.6 {
		t.Errorf("opacity %g", sc.Style().Opacity)
	}
	c.TypedRune('o')
	c.TypedRune('l')
	if m, _ := s.Layout(); m != ThreeInRow || !sc.Style().Regions.Outline {
		t.Errorf("layout %v outline %v", m, sc.Style().Regions.Outline)
	}
	s.Panel.ShowOnly(annotate.MapRegions, labels.RegionMuscle)
	c.TypedRune('s')
	if sc.Style().Regions.Show || sc.Style().Parts.Show {
		t.Error("S did not hide the overlays")
	}
	c.TypedRune('s')
	// A new case screen starts with the same settings.
	c.Start("")
	s2 := wait(t, shown)
	st := s2.Scene.Style()
	if st.Window != viewer.Presets[2].Window || st.Opacity != 0.6 || !st.Regions.Outline || !st.Regions.Show {
		t.Errorf("settings not kept: %+v", st.Window)
	}
	for l := 1; l <= 13; l++ {
		if st.Regions.Hidden[l] != (uint8(l) != labels.RegionMuscle) {
			t.Errorf("label %d hidden = %v", l, st.Regions.Hidden[l])
		}
	}
	if m, _ := s2.Layout(); m != ThreeInRow {
		t.Errorf("layout %v not kept", m)
	}
	if !s2.Panel.outline.Checked || math.Abs(s2.Panel.opacity.Value-0.6) > 1e-9 || s2.Panel.checks[annotate.MapRegions][2].Checked != true || s2.Panel.checks[annotate.MapRegions][3].Checked {
		t.Error("label panel does not show the kept settings")
	}
}

func TestReadout(t *testing.T) {
	c, shown := controller(t)
	c.Start("")
	s := wait(t, shown)
	r := Readout(s.Case.Layers, [3]int{128, 128, 51})
	for _, want := range []string{"voxel (128, 128, 51)", "world (-0.8, -0.8, 5.0) mm", "HU", "region: pericardium", "part: torso"} {
		if !strings.Contains(r, want) {
			t.Errorf("readout %q lacks %q", r, want)
		}
	}
}

// TestITKSnapExportImport: the exported label file carries the names and
// colours in use, and importing one changes colours and visibility.
func TestITKSnapExportImport(t *testing.T) {
	st := viewer.DefaultStyle()
	st.Regions.Hidden[4] = true
	ds := labelDescs(true, st)
	if len(ds) != 14 || ds[4].Name != "thoracic cavity" || ds[4].Visible || ds[2].R != st.Regions.Colours[2].R {
		t.Fatalf("descs %+v", ds[:5])
	}
	p := filepath.Join(t.TempDir(), "labels.txt")
	f, _ := os.Create(p)
	annotate.WriteITKSnap(f, ds)
	f.Close()
	b, _ := os.ReadFile(p)
	if !strings.Contains(string(b), `"submandibular glands"`) {
		t.Errorf("file:\n%s", b)
	}
	other := viewer.DefaultStyle()
	ds[2].R, ds[2].G, ds[2].B = 1, 2, 3
	ds = append(ds, annotate.LabelDesc{Value: 40, Name: "extra"})
	n, unknown := applyLabelDescs(true, other, ds)
	if n != 13 || len(unknown) != 1 || unknown[0] != 40 || other.Regions.Colours[2].G != 2 || !other.Regions.Hidden[4] {
		t.Errorf("applied %d, unknown %v", n, unknown)
	}
}

// cellAt finds the worklist cell showing row r, column col.
func cellAt(t *testing.T, wl *Worklist, r, col int) *cellLabel {
	t.Helper()
	c := newCellLabel(wl)
	wl.table.UpdateCell(widget.TableCellID{Row: r, Col: col}, c)
	return c
}
