package measure

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/volume"
)

// sample is a list of one of each kind on testImage's grid.
func sample(t testing.TB, g volume.Grid) *List {
	l := &List{}
	for _, m := range []Measurement{
		{Kind: Ruler, Axis: volume.AxisK, Slice: 1, Points: []Point{{0, 0}, {3, 4}}, Name: "width"},
		{Kind: Ellipse, Axis: volume.AxisK, Slice: 0, Points: []Point{{2, 2}, {6, 4}}},
		{Kind: Polygon, Axis: volume.AxisJ, Slice: 3, Points: []Point{{0.5, 0.5}, {3.5, 0.5}, {3.5, 2.5}, {0.5, 2.5}}, Name: "liver, left"},
	} {
		if _, err := l.Add(g, m); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

// TestListAddRemoveRoundTrip: IDs grow and are not reused, removal works,
// and the list survives Encode and Decode unchanged.
func TestListAddRemoveRoundTrip(t *testing.T) {
	g := testImage().Grid
	l := sample(t, g)
	if !l.Remove(2) || l.Remove(2) || len(l.Items) != 2 || l.Find(3) == nil {
		t.Fatalf("remove: %+v", l.Items)
	}
	id, err := l.Add(g, Measurement{Kind: Ruler, Axis: volume.AxisI, Slice: 0, Points: []Point{{0, 0}, {1, 1}}})
	if err != nil || id != 4 {
		t.Errorf("added id %d, %v; want 4", id, err)
	}
	if _, err := l.Add(g, Measurement{Kind: Ruler, Points: []Point{{0, 0}}}); err == nil || len(l.Items) != 3 {
		t.Error("a broken measurement was added")
	}
	var b bytes.Buffer
	if err := l.Encode(&b); err != nil {
		t.Fatal(err)
	}
	back, err := Decode(b.Bytes(), g)
	if err != nil {
		t.Fatal(err)
	}
	var b2 bytes.Buffer
	back.Encode(&b2)
	if b.String() != b2.String() || !strings.Contains(b.String(), `"version": 1`) {
		t.Errorf("round trip:\n%s\n%s", b.String(), b2.String())
	}
}

// TestDecodeRefusesHostileFiles: each broken file is an error saying
// what is wrong, never a panic.
func TestDecodeRefusesHostileFiles(t *testing.T) {
	g := testImage().Grid
	for want, file := range map[string]string{
		"unexpected EOF":    `{"version":1,`,
		"invalid character": `{"version":x}`,
		"version 2":         `{"version":2,"measurements":[]}`,
		"unknown field":     `{"version":1,"measurements":[],"extra":1}`,
		"ids are positive":  `{"version":1,"measurements":[{"id":1,"kind":"ruler","axis":2,"slice":0,"points":[[0,0],[1,1]]},{"id":1,"kind":"ruler","axis":2,"slice":0,"points":[[0,0],[1,1]]}]}`,
		"unknown kind":      `{"version":1,"measurements":[{"id":1,"kind":"arrow","axis":2,"slice":0,"points":[[0,0],[1,1]]}]}`,
		"slice 9 outside":   `{"version":1,"measurements":[{"id":1,"kind":"ruler","axis":2,"slice":9,"points":[[0,0],[1,1]]}]}`,
		"outside the plane": `{"version":1,"measurements":[{"id":1,"kind":"ruler","axis":2,"slice":0,"points":[[0,0],[1e300,1]]}]}`,
		"data after":        `{"version":1,"measurements":[]} {}`,
		"3 coordinates":     `{"version":1,"measurements":[{"id":1,"kind":"ruler","axis":2,"slice":0,"points":[[0,0,0],[1,1]]}]}`,
		"no array axis -1":  `{"version":1,"measurements":[{"id":1,"kind":"ruler","axis":-1,"slice":0,"points":[[0,0],[1,1]]}]}`,
	} {
		if _, err := Decode([]byte(file), g); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", want, err)
		}
	}
}

// FuzzDecode: no file panics Decode, and whatever it accepts measures and
// encodes again to a file it accepts.
func FuzzDecode(f *testing.F) {
	im := testImage()
	var b bytes.Buffer
	sample(f, im.Grid).Encode(&b)
	f.Add(b.Bytes())
	f.Add([]byte(`{"version":1,"measurements":[{"id":1,"kind":"polygon","axis":0,"slice":1,"points":[[0,0],[5,0],[5,3],[-1,3]]}]}`))
	f.Add([]byte(`{"version":1,"measurements":[{"id":7,"kind":"ellipse","axis":1,"slice":5,"points":[[8,4],[-1,-1]]}]}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Decode(data, im.Grid)
		if err != nil {
			return
		}
		for x := range l.Items {
			if _, err := l.Items[x].Measure(im); err != nil {
				t.Fatalf("accepted but not measurable: %v", err)
			}
		}
		var out bytes.Buffer
		if err := l.Encode(&out); err != nil {
			t.Fatal(err)
		}
		if _, err := Decode(out.Bytes(), im.Grid); err != nil {
			t.Fatalf("re-encoded list refused: %v", err)
		}
	})
}

// TestWriteCSV: one row per measurement with the figures of its kind, the
// plane named from the affine and the points in world millimetres.
func TestWriteCSV(t *testing.T) {
	im := testImage()
	var b bytes.Buffer
	if err := WriteCSV(&b, sample(t, im.Grid), im); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != 4 {
		t.Fatalf("%v: %v", err, rows)
	}
	want := [][]string{
		{"id", "name", "kind", "plane", "axis", "slice", "length_mm", "area_mm2", "voxels", "mean_hu", "sd_hu", "min_hu", "max_hu", "points_ras_mm"},
		{"1", "width", "ruler", "axial", "k", "1", "3.83", "", "", "", "", "", "", "10.00 20.00 -25.00; 7.90 16.80 -25.00"},
		{"2", "", "ellipse", "axial", "k", "0", "", "3.52", "7", "34.00", "5.92", "24", "44", "8.60 18.40 -30.00; 5.80 16.80 -30.00"},
		{"3", "liver, left", "polygon", "coronal", "j", "3", "", "21.00", "6", "182.00", "54.78", "131", "233", "9.65 17.60 -27.50; 7.55 17.60 -27.50; 7.55 17.60 -17.50; 9.65 17.60 -17.50"},
	}
	for r := range want {
		if strings.Join(rows[r], "|") != strings.Join(want[r], "|") {
			t.Errorf("row %d:\n got %q\nwant %q", r, rows[r], want[r])
		}
	}
}
