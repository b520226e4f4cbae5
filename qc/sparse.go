package qc

import (
	"fmt"
	"sort"

	"github.com/saros-review/saros-review/volume"
)

// annotated lists the axial slices annotated in the regions map (or the
// parts map without regions).
func (c *checker) annotated() []int {
	m := 0
	if c.maps[0] == nil {
		m = 1
	}
	var ks []int
	for k, st := range c.states[m] {
		if st == volume.Annotated {
			ks = append(ks, k)
		}
	}
	return ks
}

// strideOf is the median spacing of annotated slices.
func strideOf(ks []int) int {
	if len(ks) < 2 {
		return 0
	}
	d := make([]int, len(ks)-1)
	for i := range d {
		d[i] = ks[i+1] - ks[i]
	}
	sort.Ints(d)
	return d[(len(d)-1)/2]
}

// continuity reports a label missing between two annotated slices that
// have it, located where the label lies on the previous slice (with no
// area: the finding is about what is missing).
func (c *checker) continuity() {
	ks := c.annotated()
	st := strideOf(ks)
	if st == 0 || !c.cfg.on(RuleContinuity) {
		return
	}
	limit := int(c.cfg.ContinuityStrides * float64(st))
	nx := c.grid.Dims[0]
	for m := range c.maps {
		if c.maps[m] == nil {
			continue
		}
		for x := 1; x+1 < len(ks); x++ {
			prev, k, next := ks[x-1], ks[x], ks[x+1]
			hp, hk, hn := c.hasLab[m][prev], c.hasLab[m][k], c.hasLab[m][next]
			if hp == nil || hk == nil || hn == nil || k-prev > limit || next-k > limit {
				continue
			}
			for l := 1; l < 255; l++ {
				if m == 0 && !c.cfg.ContinuityRegions[uint8(l)] || m == 1 && c.tables[1].Name(uint8(l)) == "" {
					continue
				}
				if hp[l] && hn[l] && !hk[l] {
					first, box, _ := boxOf(c.maps[m].Axial(prev), nx, func(v uint8) bool { return v == uint8(l) })
					at := []Component{{I: first % nx, J: first / nx, BBox: box}}
					c.emit(RuleContinuity, mapNames[m], k, l, at,
						fmt.Sprintf("%s is on slices %d and %d but missing on slice %d between them.", capital(c.name(m, uint8(l))), prev, next, k))
				}
			}
		}
	}
}

func (c *checker) stride() {
	ks := c.annotated()
	st := strideOf(ks)
	if st == 0 {
		return
	}
	have := map[int]bool{}
	for _, k := range ks {
		have[k] = true
	}
	m := 0
	if c.maps[0] == nil {
		m = 1
	}
	for k := ks[0]; k <= ks[len(ks)-1]; k += st {
		if !have[k] && c.states[m][k] == volume.Ignored {
			c.emit(RuleStride, mapNames[m], k, -1, c.whole(),
				fmt.Sprintf("Slice %d lies on the annotation grid (every %d slices) but is not annotated.", k, st))
		}
	}
}
