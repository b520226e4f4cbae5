package nnunet

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume/nifti"
)

// smallDataset writes n small phantom cases (64×64×40) with a CSV whose
// splits run fold-1…fold-4 then test, and opens it.
func smallDataset(t testing.TB, n int) *store.Dataset {
	t.Helper()
	dir := t.TempDir()
	rows := [][]string{{"id", "split"}}
	for i := 0; i < n; i++ {
		p, err := assets.NewPhantom(assets.PhantomConfig{Dims: [3]int{64, 64, 40}, Spacing: [3]float64{6, 6, 5}, Seed: uint64(i + 1)})
		if err != nil {
			t.Fatal(err)
		}
		id := fmt.Sprintf("case_%03d", i)
		cd := filepath.Join(dir, id)
		if err := os.MkdirAll(cd, 0o755); err != nil {
			t.Fatal(err)
		}
		write := func(name string, f func(io.Writer) error) {
			if err := store.WriteFileAtomic(filepath.Join(cd, name), f); err != nil {
				t.Fatal(err)
			}
		}
		write(store.ImageFile, func(w io.Writer) error { return nifti.WriteImage(w, p.Image, nil) })
		write(store.RegionsFile, func(w io.Writer) error { return nifti.WriteLabels(w, p.Regions, nil) })
		write(store.PartsFile, func(w io.Writer) error { return nifti.WriteLabels(w, p.Parts, nil) })
		split := fmt.Sprintf("fold-%d", i%5+1)
		if i%5 == 4 {
			split = "test"
		}
		rows = append(rows, []string{id, split})
	}
	if err := store.WriteFileAtomic(filepath.Join(dir, "Segmentation Info.csv"), func(w io.Writer) error {
		cw := csv.NewWriter(w)
		cw.WriteAll(rows)
		return cw.Error()
	}); err != nil {
		t.Fatal(err)
	}
	ds, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}
