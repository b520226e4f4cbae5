package store

import (
	"fmt"
	"math"
)

// L3File keeps a case's L3 choice: which axial slice is the third lumbar
// vertebra (marked by hand or taken from BOA's vertebrae.json) and a
// height typed in for the skeletal muscle index.
const L3File = ".saros-review/l3.json"

// L3Choice is the L3 slice of a case and where it came from, with the
// height the user typed (0 when none: the DICOM header's is used).
type L3Choice struct {
	K       int     `json:"k"`
	Source  string  `json:"source"` // "marked" or the vertebrae.json it came from
	HeightM float64 `json:"height_m,omitempty"`
}

// LoadL3 reads the case's L3 choice (nil when there is none); a slice
// below 0 or a height that is not metres (0.5 to 2.5) is refused.
func (c *Case) LoadL3() (*L3Choice, error) {
	var ch *L3Choice
	if err := c.loadSidecar(L3File, "L3 choice", &ch); err != nil || ch == nil {
		return nil, err
	}
	if ch.K < 0 {
		return nil, fmt.Errorf("L3 choice of %s (%s): slice %d", c.ID, L3File, ch.K)
	}
	if h := ch.HeightM; h != 0 && (math.IsNaN(h) || h < 0.5 || h > 2.5) {
		return nil, fmt.Errorf("L3 choice of %s (%s): height %g is not metres (0.5 to 2.5)", c.ID, L3File, h)
	}
	return ch, nil
}

// SaveL3 writes the case's L3 choice atomically.
func (c *Case) SaveL3(ch *L3Choice) error { return c.saveSidecar(L3File, "L3 choice", ch) }
