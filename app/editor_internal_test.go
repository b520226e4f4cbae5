package app

import "testing"

// TestClosesPolygon: a click closes the polygon when it lands within
// CloseDistance screen units of the first corner, measured in millimetres
// (anisotropic voxels count at their size) and scaled by the zoom.
func TestClosesPolygon(t *testing.T) {
	first := [3]float64{100, 100, 7}
	sp := [3]float64{0.5, 2, 5} // 0.5 mm across, 2 mm down
	for _, c := range []struct {
		p          [3]float64
		unitsPerMM float64
		want       bool
	}{
		{[3]float64{100, 100, 7}, 1, true},
		{[3]float64{115, 100, 7}, 1, true},  // 7.5 mm at 1 unit/mm
		{[3]float64{117, 100, 7}, 1, false}, // 8.5 mm
		{[3]float64{100, 3.9 + 100, 7}, 1, true},
		{[3]float64{100, 104, 7}, 1, false},  // 8 mm: not within
		{[3]float64{100, 104, 7}, 0.5, true}, // zoomed out: 4 units
		{[3]float64{103, 100, 7}, 6, false},  // zoomed in: 9 units
	} {
		if got := closesPolygon(first, c.p, sp, c.unitsPerMM); got != c.want {
			t.Errorf("click at %v, %g units/mm: closes %v, want %v", c.p, c.unitsPerMM, got, c.want)
		}
	}
}
