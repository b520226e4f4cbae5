package store

import (
	"os"
	"path/filepath"
	"testing"
)

// A case folder, or its image or map, opened on its own belongs to the
// data set above it; a lone case folder belongs to none.
func TestEnclosing(t *testing.T) {
	dir := t.TempDir()
	if err := WriteDemo(dir, 2); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(dir, "case_001"), filepath.Join(dir, "case_001", RegionsFile), filepath.Join(dir, "case_001", ImageFile)} {
		ds, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		parent, id, ok := ds.Enclosing()
		if !ok || id != "case_001" || parent.Root != dir || parent.Kind != DatasetFolder {
			t.Errorf("%s: enclosing %v %q %v", p, parent, id, ok)
		}
	}
	ds, _ := Open(dir)
	if _, _, ok := ds.Enclosing(); ok {
		t.Error("a data set has an enclosing data set")
	}
	lone := filepath.Join(t.TempDir(), "case_007")
	if err := os.Rename(filepath.Join(dir, "case_000"), lone); err != nil {
		t.Fatal(err)
	}
	ds, err := Open(lone)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok := ds.Enclosing(); ok {
		t.Error("a lone case folder has an enclosing data set")
	}
}
