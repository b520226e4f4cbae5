package bodycomp

import (
	"encoding/json"
	"math"
	"testing"
)

// TestEmptyTissueMeanIsNull: a tissue without voxels has mean HU null in
// JSON (as export-bca writes it), a tissue with voxels keeps its mean,
// even 0 HU; a NaN mean is null, not an encoding error.
func TestEmptyTissueMeanIsNull(t *testing.T) {
	b, _ := json.Marshal(Figure{})
	if string(b) != `{"ml":0,"mean_hu":null}` {
		t.Errorf("empty: %s", b)
	}
	b, _ = json.Marshal(Figure{ML: 2.5, MeanHU: 0})
	if string(b) != `{"ml":2.5,"mean_hu":0}` {
		t.Errorf("water: %s", b)
	}
	if b, err := json.Marshal(Figure{ML: 1, MeanHU: math.NaN()}); err != nil || string(b) != `{"ml":1,"mean_hu":null}` {
		t.Errorf("NaN: %s %v", b, err)
	}
}
