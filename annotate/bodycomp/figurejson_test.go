package bodycomp

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestEmptyTissueMeanIsNull: a tissue without voxels has mean HU null in
// JSON and empty in CSV (as export-bca writes it), a tissue with voxels
// keeps its mean, even 0 HU.
func TestEmptyTissueMeanIsNull(t *testing.T) {
	b, _ := json.Marshal(Figure{})
	if string(b) != `{"ml":0,"mean_hu":null}` {
		t.Errorf("empty: %s", b)
	}
	b, _ = json.Marshal(Figure{ML: 2.5, MeanHU: 0})
	if string(b) != `{"ml":2.5,"mean_hu":0}` {
		t.Errorf("water: %s", b)
	}
	r := &Report{Tissues: Tissues{}}
	for _, k := range Keys {
		r.Tissues[k] = Figure{}
	}
	r.Tissues[Keys[0]] = Figure{ML: 1, MeanHU: 40}
	var w bytes.Buffer
	if err := WriteCSV(&w, r); err != nil {
		t.Fatal(err)
	}
	row := strings.Split(strings.TrimSpace(w.String()), "\n")[1]
	if !strings.Contains(row, "1.000,40.0,0.000,,") {
		t.Errorf("CSV row %s", row)
	}
}
