package app

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
)

// TestWorklistKnowsQCBeforeOpen: opening a data set checks every case in
// the background; the worklist's error and warning columns match QC of
// each case, sort numerically and filter; a second open takes every case
// from the cache.
func TestWorklistKnowsQCBeforeOpen(t *testing.T) {
	root := filepath.Join(t.TempDir(), "set")
	if err := store.WriteDemo(root, 4); err != nil {
		t.Fatal(err)
	}
	// One case gets a real-CT head with its specks: warnings, no errors.
	head := realCase(t)
	for _, f := range []string{store.ImageFile, store.RegionsFile, store.PartsFile} {
		b, err := os.ReadFile(filepath.Join(head, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, "case_003", f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ds, err := store.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	c, tr := controller(t)
	c.setDataset(ds, nil, "", "")
	wl := c.Worklist
	tr.settle()
	if wl.QCChecked() != len(ds.Cases) {
		t.Fatalf("%d of %d cases checked", wl.QCChecked(), len(ds.Cases))
	}
	for _, k := range ds.Cases {
		fs, err := qc.CheckFiles(qc.CaseFiles{ID: k.ID, Image: k.Image, Regions: k.Regions, Parts: k.Parts}, qc.DefaultConfig())
		if err != nil {
			t.Fatal(err)
		}
		e, w, _ := qc.Count(fs)
		got, _ := wl.QC(k.ID)
		if got.Errors != e || got.Warnings != w || got.Err != "" {
			t.Errorf("%s: worklist %+v, QC %d errors %d warnings", k.ID, got, e, w)
		}
		if wl.cell(k, colQCE) == "" {
			t.Errorf("%s: empty errors cell", k.ID)
		}
	}
	// Sorting by warnings, descending: the head (most warnings) first.
	wl.SortBy(colQCW)
	wl.SortBy(colQCW)
	if first := ds.Cases[wl.Rows()[0]]; first.ID != "case_003" {
		t.Errorf("most warnings first: %s", first.ID)
	}
	wl.SetView(viewQCWarnings)
	for _, i := range wl.Rows() {
		if n, _ := wl.QC(ds.Cases[i].ID); n.Warnings == 0 {
			t.Errorf("%s without warnings in the warnings view", ds.Cases[i].ID)
		}
	}
	wl.SetView(viewQCErrors)
	for _, i := range wl.Rows() {
		if n, _ := wl.QC(ds.Cases[i].ID); n.Errors == 0 {
			t.Errorf("%s without errors in the errors view", ds.Cases[i].ID)
		}
	}
	// The cache makes the second open free.
	c.setDataset(ds, nil, "", "")
	tr.settle()
	for _, k := range ds.Cases {
		if n, _ := c.Worklist.QC(k.ID); !n.Cached {
			t.Errorf("%s checked again though unchanged", k.ID)
		}
	}
}

// TestDatasetQCCancel: a run cancelled at once checks at most the cases
// its workers had already taken, and reports none as failed.
func TestDatasetQCCancel(t *testing.T) {
	root := filepath.Join(t.TempDir(), "set")
	n := runtime.NumCPU() + 4
	if err := store.WriteDemo(root, n); err != nil {
		t.Fatal(err)
	}
	ds, err := store.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	c, tr := controller(t)
	c.setDataset(ds, nil, "", "")
	c.stopDatasetQC()
	tr.settle()
	if got := c.Worklist.QCChecked(); got > runtime.NumCPU() {
		t.Errorf("%d of %d cases checked after the cancel", got, n)
	}
	for _, k := range ds.Cases {
		if q, ok := c.Worklist.QC(k.ID); ok && q.Err != "" {
			t.Errorf("%s: %s", k.ID, q.Err)
		}
	}
}

// TestDatasetQCRecordsCounts: with a review store, the background QC
// records each case's error count there, and the worklist's "qc errors"
// column (read from the store) agrees with its own errors column.
func TestDatasetQCRecordsCounts(t *testing.T) {
	dir := reviewSet(t)
	c, _, _ := openReviewSet(t, dir, "ann")
	settle(t, c)
	settle(t, c) // the summaries read after the run
	rv, wl := c.Work.Review(), c.Worklist
	if rv == nil || wl == nil {
		t.Fatal("no review store or worklist")
	}
	ctx := context.Background()
	errs := 0
	for _, k := range c.Work.Dataset().Cases {
		n, ok := wl.QC(k.ID)
		st, err := rv.Case(ctx, k.ID)
		if !ok || err != nil || st.QCErrors != n.Errors {
			t.Errorf("%s: worklist %+v (%v), store %d (%v)", k.ID, n, ok, st.QCErrors, err)
		}
		if got := wl.cell(k, colQCErrors); got != wl.cell(k, colQCE) {
			t.Errorf("%s: qc errors %q, errors %q", k.ID, got, wl.cell(k, colQCE))
		}
		errs += n.Errors
	}
	if errs == 0 {
		t.Error("the demo cases have errors; none counted")
	}
}
