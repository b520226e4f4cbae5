package casework

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/saros-review/saros-review/annotate/bodycomp"
	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume"
)

// TestMeasureRunsOffTheOwner: Measure returns at once; while the
// measurement runs the owner's loop goes on handling other events (here
// an edit of the very maps being measured, which -race would catch if
// the job read them), and the report is that of the maps as they were
// when Measure was called.
func TestMeasureRunsOffTheOwner(t *testing.T) {
	h := newHarness(t, 0)
	c := h.open(demo(t), "ann", 0)
	h.settle()
	want, err := bodycomp.Measure(c.Layers.Image, c.Layers.Regions, c.Layers.Parts)
	if err != nil {
		t.Fatal(err)
	}
	var got *bodycomp.Report
	calls := 0
	h.w.Measure(context.Background(), c, func(r *bodycomp.Report, err error) {
		if err != nil {
			t.Error(err)
		}
		got, calls = r, calls+1
	})
	if calls != 0 {
		t.Fatal("Measure measured on the owner's goroutine")
	}
	// Another event on the owner's goroutine while the job runs: an edit.
	handled := false
	h.loop.Do(func() { dab(t, c); handled = true })
	h.settle()
	if !handled || calls != 1 || got == nil {
		t.Fatalf("event handled %v, report delivered %d times", handled, calls)
	}
	if !reflect.DeepEqual(got, bodycomp.NewReport(c.Layers.Image.Grid, want)) {
		t.Error("the report is not that of the maps when Measure was called")
	}
	after, _ := bodycomp.Measure(c.Layers.Image, c.Layers.Regions, c.Layers.Parts)
	if reflect.DeepEqual(after, want) {
		t.Error("the edit changed nothing measurable: the test proves nothing")
	}
}

// TestMeasureCancelled: a measurement whose context ended reports
// nothing.
func TestMeasureCancelled(t *testing.T) {
	h := newHarness(t, 0)
	c := h.open(demo(t), "ann", 0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	h.w.Measure(ctx, c, func(*bodycomp.Report, error) { t.Error("a cancelled measurement reported") })
	h.settle()
}

// TestDeriveAllPartsLendsTheMaps: deriving every slice's parts runs in
// the background on the session's maps, which refuse edits meanwhile
// (saying why); the loop handles other events, and the proposal equals
// the one derived in place.
func TestDeriveAllPartsLendsTheMaps(t *testing.T) {
	h := newHarness(t, 0)
	c := h.open(demo(t), "ann", 0)
	h.settle()
	want := c.Edit.DeriveAllParts()
	var got map[int][]uint8
	h.w.DeriveAllParts(context.Background(), func(p map[int][]uint8, err error) {
		if err != nil {
			t.Error(err)
		}
		got = p
	})
	if got != nil {
		t.Fatal("derived on the owner's goroutine")
	}
	if err := c.Edit.Begin("brush"); !errors.Is(err, ErrDeriving) {
		t.Fatalf("an edit while deriving: %v", err)
	}
	handled := false
	h.loop.Do(func() { handled = true })
	h.settle()
	if !handled || len(got) == 0 || !reflect.DeepEqual(got, want) {
		t.Fatalf("event handled %v; proposal of %d slices, want %d", handled, len(got), len(want))
	}
	if err := c.Edit.Begin("brush"); err != nil {
		t.Fatalf("an edit after deriving: %v", err)
	}
	c.Edit.Abort()
}

// TestSparseSlicesGiveTheSameFindings: QC of the copies of the annotated
// slices finds what QC of whole maps finds (the demo case has defects of
// many kinds; one slice is made mixed here), from a fraction of the
// bytes.
func TestSparseSlicesGiveTheSameFindings(t *testing.T) {
	ds, err := store.Open(demo(t))
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load(context.Background(), ds.Cases[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	l := c.Layers
	l.Regions = l.Regions.Clone()
	ks := l.Regions.AnnotatedSlices()
	half := l.Regions.Axial(ks[3])
	for i := range half[:len(half)/2] {
		half[i] = volume.NotAnnotated // a mixed slice
	}
	whole := qc.Check(&qc.Input{Image: l.Image, Regions: l.Regions, Parts: l.Parts}, nil)
	per := l.Image.Dims[0] * l.Image.Dims[1]
	r, p := newSparseSlices(l.Regions.Voxels, per), newSparseSlices(l.Parts.Voxels, per)
	sparse := qc.Check(&qc.Input{Image: l.Image, Regions: l.Regions, Parts: l.Parts, RegionSlices: r, PartSlices: p}, nil)
	if len(whole) == 0 || !reflect.DeepEqual(whole, sparse) {
		t.Fatalf("%d findings on whole maps, %d on the sparse copy", len(whole), len(sparse))
	}
	if b := r.snap.Bytes(); b*3 > len(l.Regions.Voxels) {
		t.Errorf("the sparse copy takes %d of %d bytes", b, len(l.Regions.Voxels))
	}
	if !reflect.DeepEqual(r.SliceStates(), l.Regions.SliceStates()) || !reflect.DeepEqual(p.SliceStates(), l.Parts.SliceStates()) {
		t.Error("slice states differ")
	}
	if !slices.Contains(r.SliceStates(), volume.Mixed) && !slices.Contains(p.SliceStates(), volume.Mixed) {
		t.Error("no mixed slice: the test proves less than it says")
	}
}
