package app

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

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
	c.dialogs.pickSeries(src, all, skipped, warn, "", c.runImport) // what ImportDICOM shows after scanning
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
	c.OpenPath(dir)
	if wl := recv(t, shown); len(wl.Rows()) != 2 {
		t.Fatalf("worklist of %d", len(wl.Rows()))
	}
	all, skipped, warn, err := dicom.Scan(src)
	if err != nil || len(all) != 1 {
		t.Fatal(err)
	}
	c.dialogs.pickSeries(src, all, skipped, warn, "", c.runImport)
	tapButton(t, c, "Import")
	s := wait(t, shown)
	if s.Case.ID != "case_002" || c.Work.Dataset().Root != dir || len(c.Work.Dataset().Cases) != 3 || c.Current != 2 {
		t.Fatalf("opened %s of %s (%d cases, current %d)", s.Case.ID, c.Work.Dataset().Root, len(c.Work.Dataset().Cases), c.Current)
	}
	if k := c.Work.Dataset().Cases[2]; k.Meta["tcia_series_instance_uid"] != "1.2.3.78" || len(k.Problems) > 0 {
		t.Errorf("the new case's row %v, problems %v", k.Meta, k.Problems)
	}
}

// TestOpenDICOMFileOrFolder: opening a DICOM file, as a file manager does
// for a .dcm, offers its series for import (not the folder's largest, and
// not a series in a sub-folder) and imports it; opening a folder of
// DICOM files offers its series too, instead of an error.
func TestOpenDICOMFileOrFolder(t *testing.T) {
	src := t.TempDir() + "/scan"
	series := func(uid string, n int) dicomtest.Series {
		return dicomtest.Series{UID: uid, Rows: 20, Cols: 16, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 2, N: n,
			BitsStored: 16, Slope: 1, Inter: -1024, Skip: -1, Value: func(i, j, k int) int { return 1024 }}
	}
	series("1.2.3.1", 30).Write(t, src)          // the largest
	series("1.2.3.2", 12).Write(t, src+"/other") // in a sub-folder
	small := t.TempDir() + "/mixed"
	series("1.2.3.1", 30).Write(t, small)
	series("1.2.3.3", 9).Write(t, small+"/tmp")
	// Move the small series' files beside the large one's.
	es, _ := os.ReadDir(small + "/tmp")
	for _, e := range es {
		os.Rename(small+"/tmp/"+e.Name(), small+"/small-"+e.Name())
	}
	os.Remove(small + "/tmp")
	os.MkdirAll(small+"/sub", 0o755)
	series("1.2.3.4", 40).Write(t, small+"/sub")

	radio := func(c *Controller) *widget.RadioGroup {
		settle(t, c) // the scan has reported to the UI
		if top := c.Window.Canvas().Overlays().Top(); top != nil {
			for _, o := range test.LaidOutObjects(top) {
				if r, ok := o.(*widget.RadioGroup); ok {
					return r
				}
			}
		}
		t.Fatal("no series picker")
		return nil
	}
	c, shown := controller(t)
	c.OpenPath(small + "/small-img0003.dcm")
	r := radio(c)
	if len(r.Options) != 2 || !strings.Contains(r.Selected, "1.2.3.3") {
		t.Fatalf("offered %v, chosen %q", r.Options, r.Selected)
	}
	tapButton(t, c, "Import")
	s := wait(t, shown)
	if s.Case.Layers.Image.Dims != [3]int{16, 20, 9} {
		t.Errorf("imported dims %v, want the opened file's series", s.Case.Layers.Image.Dims)
	}

	c2, _ := controller(t)
	c2.OpenPath(src)
	if r := radio(c2); len(r.Options) != 2 || !strings.Contains(r.Selected, "1.2.3.1") {
		t.Errorf("folder: offered %v, chosen %q", r.Options, r.Selected)
	}
}
