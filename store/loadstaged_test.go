package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/volume"
)

// TestLoadImageFirst: the image is handed over before the maps, and the
// whole load equals Load's, progress ending at the total; a map of
// another grid, a broken map and a cancelled load are errors as with
// Load.
func TestLoadImageFirst(t *testing.T) {
	dir := demoCopy(t)
	ds, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := ds.Cases[0]
	want, err := c.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	var last, total int64
	got, err := c.LoadImageFirst(context.Background(), func(d, tot int64) {
		if d < last {
			t.Errorf("progress went back from %d to %d", last, d)
		}
		last, total = d, tot
	}, func(l *Loaded) {
		calls++
		if l.Image == nil || l.ImageHeader == nil || l.Regions != nil || l.Parts != nil {
			t.Errorf("image ready: image %v, maps %v %v", l.Image != nil, l.Regions, l.Parts)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 || last != total || total == 0 {
		t.Errorf("%d image calls, progress %d of %d", calls, last, total)
	}
	if !reflect.DeepEqual(got.Image.Voxels, want.Image.Voxels) || !bytes.Equal(got.Regions.Voxels, want.Regions.Voxels) ||
		!bytes.Equal(got.Parts.Voxels, want.Parts.Voxels) || !reflect.DeepEqual(got.PartsHeader, want.PartsHeader) {
		t.Error("LoadImageFirst differs from Load")
	}

	g := volume.Grid{Dims: [3]int{256, 256, 99}, Spacing: [3]float64{1.5, 1.5, 5}, Affine: volume.Mat4{{-1.5, 0, 0, 0}, {0, -1.5, 0, 0}, {0, 0, 5, 0}, {0, 0, 0, 1}}}
	writeLabels(t, filepath.Join(dir, "case_001", RegionsFile), volume.NewLabelMap(g))
	os.WriteFile(filepath.Join(dir, "case_002", PartsFile), []byte("garbage"), 0o644)
	ds, _ = Open(dir)
	_, err = ds.Cases[1].LoadImageFirst(context.Background(), nil, nil)
	if err == nil || !strings.Contains(err.Error(), "open case_001/body-regions.nii.gz: dims 256×256×99 do not match 256×256×100") {
		t.Errorf("map of another grid: %v", err)
	}
	_, err = ds.Cases[2].LoadImageFirst(context.Background(), nil, nil)
	if err == nil || !strings.Contains(err.Error(), "case_002") || !strings.Contains(err.Error(), PartsFile) {
		t.Errorf("broken map: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.LoadImageFirst(ctx, nil, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
