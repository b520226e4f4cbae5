package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/saros-review/saros-review/internal/dicomtest"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume/dicom"
)

// TestImportDICOMInApp: the series picker offers the series; Import
// writes a case and opens it.
func TestImportDICOMInApp(t *testing.T) {
	src := t.TempDir() + "/scan"
	dicomtest.Series{UID: "1.2.3.77", Rows: 40, Cols: 32, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 1, N: 25,
		BitsStored: 16, Slope: 1, Inter: -1024, Skip: -1, Value: func(i, j, k int) int { return 1024 + i }}.Write(t, src)
	c, shown := controller(t)
	all, skipped, warn, err := dicom.Scan(src)
	if err != nil || len(all) != 1 {
		t.Fatal(err)
	}
	c.pickSeries(src, all, skipped, warn) // what ImportDICOM shows after scanning
	tapButton(t, c, "Import")
	s := wait(t, shown)
	if s.Case.ID != "scan-case" || s.Case.Layers.Image.Dims != [3]int{32, 40, 25} || s.Case.Layers.Regions == nil {
		t.Fatalf("case %s dims %v", s.Case.ID, s.Case.Layers.Image.Dims)
	}
	if s.Case.Layers.Image.At(5, 0, 3) != 5 {
		t.Errorf("voxel %d", s.Case.Layers.Image.At(5, 0, 3))
	}
	// The DICOM tab lists the key tags, every tag on demand, and filters.
	var tab *container.TabItem
	for _, it := range s.tabs.Items {
		if it.Text == "DICOM" {
			tab = it
		}
	}
	if tab == nil {
		t.Fatal("no DICOM tab")
	}
	p := s.tagPanel
	if p == nil || tab.Content != p.content {
		t.Fatal("DICOM tab does not hold the tag panel")
	}
	key := len(p.shown)
	if key < 7 || p.shown[0].Tag == "" || len(p.all) <= key {
		t.Fatalf("key tags %d of %d", key, len(p.all))
	}
	test.Tap(p.showAll)
	if len(p.shown) != len(p.all) {
		t.Errorf("all tags: %d of %d", len(p.shown), len(p.all))
	}
	test.Type(p.filter, "modality")
	if len(p.shown) != 1 || p.shown[0].Value != "CT" {
		t.Errorf("filtered: %+v", p.shown)
	}
	p.list.Select(0)
	if got := fyne.CurrentApp().Clipboard().Content(); got != "CT" {
		t.Errorf("clipboard %q", got)
	}
}

// TestImportIntoDataset: a series imported while a data set is open
// becomes its next case, is opened inside the data set (the worklist has
// it, with its CSV row) rather than as a lone folder.
func TestImportIntoDataset(t *testing.T) {
	dir := t.TempDir()
	if err := store.WriteDemo(dir, 2); err != nil {
		t.Fatal(err)
	}
	src := t.TempDir() + "/scan"
	dicomtest.Series{UID: "1.2.3.78", Rows: 40, Cols: 32, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 1, N: 25,
		BitsStored: 16, Slope: 1, Inter: -1024, Skip: -1, Value: func(i, j, k int) int { return 1024 + i }}.Write(t, src)
	c, shown := controller(t)
	lists := make(chan *Worklist, 2)
	c.OnWorklist = func(w *Worklist) { lists <- w }
	c.OpenPath(dir)
	select {
	case wl := <-lists:
		if len(wl.Rows()) != 2 {
			t.Fatalf("worklist of %d", len(wl.Rows()))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no worklist")
	}
	all, skipped, warn, err := dicom.Scan(src)
	if err != nil || len(all) != 1 {
		t.Fatal(err)
	}
	c.pickSeries(src, all, skipped, warn)
	tapButton(t, c, "Import")
	s := wait(t, shown)
	if s.Case.ID != "case_002" || c.Dataset.Root != dir || len(c.Dataset.Cases) != 3 || c.Current != 2 {
		t.Fatalf("opened %s of %s (%d cases, current %d)", s.Case.ID, c.Dataset.Root, len(c.Dataset.Cases), c.Current)
	}
	if k := c.Dataset.Cases[2]; k.Meta["tcia_series_instance_uid"] != "1.2.3.78" || len(k.Problems) > 0 {
		t.Errorf("the new case's row %v, problems %v", k.Meta, k.Problems)
	}
}
