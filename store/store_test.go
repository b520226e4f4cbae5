package store

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

var (
	demoOnce sync.Once
	demoDir  string
	demoErr  error
)

// demoCopy writes the demo data set once and returns a fresh copy for the
// test to change.
func demoCopy(t *testing.T) string {
	t.Helper()
	demoOnce.Do(func() {
		demoDir, demoErr = os.MkdirTemp("", "saros-demo-")
		if demoErr == nil {
			demoErr = WriteDemo(demoDir, 3)
		}
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	dst := t.TempDir()
	err := filepath.Walk(demoDir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(demoDir, p)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoDir != "" {
		os.RemoveAll(demoDir)
	}
	os.Exit(code)
}

func TestOpenDemoDataset(t *testing.T) {
	dir := demoCopy(t)
	ds, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if ds.Kind != DatasetFolder || len(ds.Cases) != 3 || len(ds.Problems) != 0 {
		t.Fatalf("kind %s, %d cases, problems %v", ds.Kind, len(ds.Cases), ds.Problems)
	}
	c := ds.Cases[1]
	if c.ID != "case_001" || c.Split() != "fold-2" || c.Collection() != "SAROS-DEMO" || c.Meta["sex"] != "M" {
		t.Errorf("case %s meta %v", c.ID, c.Meta)
	}
	if len(c.Problems) != 0 || strings.Join(c.Files(), " ") != "image regions parts" {
		t.Errorf("problems %v files %v", c.Problems, c.Files())
	}
	l, err := c.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	if l.Regions == nil || l.Parts == nil || len(l.Regions.AnnotatedSlices()) != 20 {
		t.Error("label maps not loaded")
	}
}

// TestCSVByColumnName: columns in any order and case, extra columns kept,
// missing ones tolerated, numeric ids matched, stray rows reported.
func TestCSVByColumnName(t *testing.T) {
	dir := demoCopy(t)
	os.Remove(filepath.Join(dir, DemoCSV))
	csv := "\ufeffSplit,notes,ID\nfold-3,looks fine,0\ntest,\"has, comma\",case_002\nfold-1,,case_077\n"
	if err := os.WriteFile(filepath.Join(dir, "Segmentation Info 2024-01-05.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	ds, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ds.Columns, ","); got != "split,notes,id" {
		t.Errorf("columns %s", got)
	}
	c0, c1, c2 := ds.Cases[0], ds.Cases[1], ds.Cases[2]
	if c0.Split() != "fold-3" || c0.Meta["notes"] != "looks fine" || c0.Collection() != "" {
		t.Errorf("case_000 meta %v", c0.Meta)
	}
	if c2.Meta["notes"] != "has, comma" {
		t.Errorf("case_002 meta %v", c2.Meta)
	}
	if len(c1.Problems) != 1 || !strings.Contains(c1.Problems[0], "no row") {
		t.Errorf("case_001 problems %v", c1.Problems)
	}
	if len(ds.Problems) != 1 || !strings.Contains(ds.Problems[0], "line 4: case_077 has no case folder") {
		t.Errorf("data set problems %v", ds.Problems)
	}
}

// TestProblemsArePerCase: a missing file and a mismatched grid are listed on
// their case; the data set still opens and other cases are clean.
func TestProblemsArePerCase(t *testing.T) {
	dir := demoCopy(t)
	os.Remove(filepath.Join(dir, "case_000", PartsFile))
	g := volume.Grid{Dims: [3]int{256, 256, 99}, Spacing: [3]float64{1.5, 1.5, 5}, Affine: volume.Mat4{{-1.5, 0, 0, 0}, {0, -1.5, 0, 0}, {0, 0, 5, 0}, {0, 0, 0, 1}}}
	writeLabels(t, filepath.Join(dir, "case_001", RegionsFile), volume.NewLabelMap(g))
	os.WriteFile(filepath.Join(dir, "case_002", PartsFile), []byte("garbage"), 0o644)
	ds, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"missing body-parts.nii.gz", "body-regions.nii.gz: dims 256×256×99 do not match 256×256×100 of the image", "body-parts.nii.gz"}
	for i, c := range ds.Cases {
		if len(c.Problems) != 1 || !strings.Contains(c.Problems[0], want[i]) {
			t.Errorf("%s problems %q, want %q", c.ID, c.Problems, want[i])
		}
	}
	_, err = ds.Cases[1].Load(nil)
	if err == nil || !strings.Contains(err.Error(), "open case_001/body-regions.nii.gz: dims 256×256×99 do not match 256×256×100") {
		t.Errorf("load: %v", err)
	}
}

func writeLabels(t *testing.T, p string, m *volume.LabelMap) {
	t.Helper()
	err := WriteFileAtomic(p, func(w io.Writer) error { return nifti.WriteLabels(w, m, nil) })
	if err != nil {
		t.Fatal(err)
	}
}

// TestLinkedCaseFolders: case folders that are symbolic links count.
func TestLinkedCaseFolders(t *testing.T) {
	dir := demoCopy(t)
	other := t.TempDir()
	if err := os.Rename(filepath.Join(dir, "case_002"), filepath.Join(other, "elsewhere")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(other, "elsewhere"), filepath.Join(dir, "case_002")); err != nil {
		t.Fatal(err)
	}
	ds, err := Open(dir)
	if err != nil || len(ds.Cases) != 3 || len(ds.Problems) != 0 || ds.Cases[2].Image == "" {
		t.Fatalf("%v: %d cases, problems %v", err, len(ds.Cases), ds.Problems)
	}
}

func TestOpenCaseFolderAndLoneImage(t *testing.T) {
	dir := demoCopy(t)
	ds, err := Open(filepath.Join(dir, "case_002"))
	if err != nil || ds.Kind != CaseFolder || len(ds.Cases) != 1 || ds.Cases[0].ID != "case_002" || ds.Cases[0].Parts == "" {
		t.Fatalf("case folder: %v %+v", err, ds)
	}
	ds, err = Open(filepath.Join(dir, "case_002", ImageFile))
	if err != nil || ds.Kind != LoneImage || ds.Cases[0].Regions == "" || ds.Cases[0].ID != "case_002" {
		t.Fatalf("lone image.nii.gz: %v %+v", err, ds)
	}
	// A label map opened on its own opens its case: the image under it.
	for _, m := range []string{RegionsFile, PartsFile} {
		ds, err = Open(filepath.Join(dir, "case_002", m))
		if err != nil || ds.Cases[0].Image != filepath.Join(dir, "case_002", ImageFile) || ds.Cases[0].Regions == "" || ds.Cases[0].Parts == "" || ds.Cases[0].ID != "case_002" {
			t.Fatalf("lone %s: %v %+v", m, err, ds.Cases[0])
		}
	}
	other := filepath.Join(t.TempDir(), "scan.nii.gz")
	b, _ := os.ReadFile(filepath.Join(dir, "case_002", ImageFile))
	os.WriteFile(other, b, 0o644)
	ds, err = Open(other)
	if err != nil || ds.Cases[0].ID != "scan" || ds.Cases[0].Regions != "" {
		t.Fatalf("lone scan: %v %+v", err, ds)
	}
	if _, err := Open(filepath.Join(dir, DemoCSV)); err == nil {
		t.Error("opened a CSV as an image")
	}
	if _, err := Open(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no case_NNN folders") {
		t.Errorf("empty folder: %v", err)
	}
}

// TestWriteFileAtomicKeepsOldOnFailure: a failed write leaves the old file
// as it was and no temporary file behind.
func TestWriteFileAtomicKeepsOldOnFailure(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.nii.gz")
	os.WriteFile(p, []byte("old"), 0o644)
	boom := errors.New("disk full")
	err := WriteFileAtomic(p, func(w io.Writer) error {
		w.Write([]byte("half"))
		return boom
	})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), p) {
		t.Errorf("error %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("old file now %q", b)
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("left %d files", len(es))
	}
	if err := WriteFileAtomic(p, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("file now %q", b)
	}
}

// TestSaveLabelsKeepsRevision: saving writes both maps with the file's
// header fields and keeps the previous versions in the history folder.
func TestSaveLabelsKeepsRevision(t *testing.T) {
	dir := demoCopy(t)
	ds, _ := Open(dir)
	c := ds.Cases[0]
	l, err := c.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	oldRegions, _ := os.ReadFile(c.Regions)
	ks := l.Regions.AnnotatedSlices()
	l.Regions.Set(100, 100, ks[3], 9)
	l.Parts.Set(100, 100, ks[3], 1)
	rev, err := l.SaveLabels(l.Regions, l.Parts)
	if err != nil {
		t.Fatal(err)
	}
	kept, err := os.ReadFile(filepath.Join(rev, RegionsFile))
	if err != nil || !bytes.Equal(kept, oldRegions) {
		t.Fatalf("revision: %v", err)
	}
	again, _ := c.Load(nil)
	if again.Regions.At(100, 100, ks[3]) != 9 || again.RegionsHeader.DescripString() != l.RegionsHeader.DescripString() {
		t.Error("saved map not read back")
	}
	if es, _ := os.ReadDir(c.Dir); len(es) != 4 { // three files and .saros-review
		t.Errorf("case folder holds %d entries", len(es))
	}
}

// TestRecoveryRestoresEdits: autosaved maps come back with the edits, are
// offered only while newer than the saved ones, and a save clears them.
func TestRecoveryRestoresEdits(t *testing.T) {
	ds, _ := Open(demoCopy(t))
	c := ds.Cases[2]
	l, err := c.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.RecoveryTime(); ok {
		t.Fatal("recovery offered before any edit")
	}
	k := l.Regions.AnnotatedSlices()[5]
	l.Regions.Set(50, 60, k, 12)
	time.Sleep(20 * time.Millisecond)
	if err := c.WriteRecovery(l.Regions, l.Parts); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.RecoveryTime(); !ok {
		t.Fatal("recovery not offered")
	}
	r, p, err := c.LoadRecovery(l.Image.Grid)
	if err != nil || r.At(50, 60, k) != 12 || !bytes.Equal(p.Voxels, l.Parts.Voxels) {
		t.Fatalf("recovered maps differ: %v", err)
	}
	if _, err := l.SaveLabels(l.Regions, l.Parts); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.RecoveryTime(); ok {
		t.Error("recovery still offered after saving")
	}
}
