package nnunet

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestImagesAreCopiesByDefault: rewriting an exported image in place (as
// nibabel's save does) leaves the data set's CT alone; with Link the
// image is the source file, and a later export without Link breaks the
// link.
func TestImagesAreCopiesByDefault(t *testing.T) {
	ds := smallDataset(t, 1)
	src := ds.Cases[0].Image
	before, _ := os.ReadFile(src)
	out := t.TempDir()
	r, err := Export(ds, out, Options{Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	img := filepath.Join(r.Dir, "imagesTr", "case_000_0000.nii.gz")
	if got, _ := os.ReadFile(img); !bytes.Equal(got, before) {
		t.Fatal("exported image differs from the source")
	}
	f, err := os.OpenFile(img, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("rewritten in place")
	f.Close()
	if after, _ := os.ReadFile(src); !bytes.Equal(after, before) {
		t.Fatal("writing the exported image changed the source CT")
	}
	// Opt-in hard link into another folder.
	r2, err := Export(ds, t.TempDir(), Options{Jobs: 1, Link: true})
	if err != nil {
		t.Fatal(err)
	}
	img2 := filepath.Join(r2.Dir, "imagesTr", "case_000_0000.nii.gz")
	a, _ := os.Stat(src)
	b, _ := os.Stat(img2)
	if !os.SameFile(a, b) {
		t.Fatal("Link: image not hard-linked")
	}
	if _, err := Export(ds, filepath.Dir(r2.Dir), Options{Jobs: 1}); err != nil {
		t.Fatal(err)
	}
	b, _ = os.Stat(img2)
	if os.SameFile(a, b) {
		t.Fatal("export without Link kept the hard link")
	}
}
