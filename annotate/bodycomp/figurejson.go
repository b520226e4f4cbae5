package bodycomp

import (
	"encoding/json"
	"math"
	"strconv"
)

// MarshalJSON writes a figure; the mean HU of a tissue with no voxel is
// null, not 0 (0 HU is water, a real mean), as export-bca writes it; so is
// a mean that is not a number.
func (f Figure) MarshalJSON() ([]byte, error) {
	var m *float64
	if f.ML != 0 && !math.IsNaN(f.MeanHU) && !math.IsInf(f.MeanHU, 0) {
		m = &f.MeanHU
	}
	return json.Marshal(struct {
		ML     float64  `json:"ml"`
		MeanHU *float64 `json:"mean_hu"`
	}{f.ML, m})
}

// meanHUText is a figure's mean HU for CSV: one decimal, empty when the
// tissue has no voxel.
func meanHUText(f Figure) string {
	if f.ML == 0 || math.IsNaN(f.MeanHU) {
		return ""
	}
	return strconv.FormatFloat(f.MeanHU, 'f', 1, 64)
}
