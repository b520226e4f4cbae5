package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/annotate/measure"
	"github.com/saros-review/saros-review/volume"
)

// TestMeasurementsSidecar: measurements round-trip beside the case, no
// file is an empty list, the save leaves no temporary file behind, and a
// file that does not fit the case's grid is an error naming the case and
// the file.
func TestMeasurementsSidecar(t *testing.T) {
	g := volume.Grid{Dims: [3]int{64, 64, 20}, Spacing: [3]float64{0.8, 0.8, 5}, Affine: volume.Mat4{{-0.8, 0, 0, 0}, {0, -0.8, 0, 0}, {0, 0, 5, 0}, {0, 0, 0, 1}}}
	c := &Case{ID: "case_007", Dir: t.TempDir()}
	l, err := c.LoadMeasurements(g)
	if err != nil || len(l.Items) != 0 {
		t.Fatalf("no file: %v %v", l, err)
	}
	if _, err := l.Add(g, measure.Measurement{Kind: measure.Ruler, Axis: volume.AxisK, Slice: 19, Points: []measure.Point{{1, 2}, {60, 61}}, Name: "aorta"}); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Add(g, measure.Measurement{Kind: measure.Ellipse, Axis: volume.AxisJ, Slice: 30, Points: []measure.Point{{10, 2}, {20, 6}}}); err != nil {
		t.Fatal(err)
	}
	if err := c.SaveMeasurements(l); err != nil {
		t.Fatal(err)
	}
	back, err := c.LoadMeasurements(g)
	if err != nil || len(back.Items) != 2 || back.Items[0].Name != "aorta" || back.Items[1].Points[1] != (measure.Point{20, 6}) {
		t.Fatalf("read back %+v %v", back, err)
	}
	ents, _ := os.ReadDir(filepath.Join(c.Dir, ".saros-review"))
	if len(ents) != 1 || ents[0].Name() != "measurements.json" {
		t.Errorf("sidecar folder holds %v", ents)
	}
	small := g
	small.Dims[2] = 10
	if _, err := c.LoadMeasurements(small); err == nil || !strings.Contains(err.Error(), "case_007") || !strings.Contains(err.Error(), "measurements.json") || !strings.Contains(err.Error(), "slice 19") {
		t.Errorf("another grid: %v", err)
	}
}
