package viewer

import (
	"math"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/volume"
)

// annotatedRowsOnly points the frame's offsets along the axial slice axis
// (in coronal and sagittal views) at the nearest annotated slice, per
// l.Slices; it does nothing without them or in a view across that axis.
func (r *Renderer) annotatedRowsOnly(l Layers, f Frame) {
	g := l.Image.Grid
	if f.Normal == volume.AxisK || len(l.Slices) != g.Dims[2] || !r.nearestAnnotated(l.Slices) {
		return
	}
	stride := g.Dims[0] * g.Dims[1]
	if f.U == volume.AxisK {
		collapse(r.colOff, r.nearest, stride)
	} else if f.V == volume.AxisK {
		collapse(r.rowOff, r.nearest, stride)
	}
}

// nearestAnnotated fills r.nearest with, per axial slice, the nearest
// slice that is not ignored (ties: the lower); false when there is none.
func (r *Renderer) nearestAnnotated(states []volume.SliceState) bool {
	if cap(r.nearest) < len(states) {
		r.nearest = make([]int, len(states))
	}
	r.nearest = r.nearest[:len(states)]
	last := -1
	for k, st := range states {
		if st != volume.Ignored {
			last = k
		}
		r.nearest[k] = last
	}
	if last < 0 {
		return false
	}
	next := -1
	for k := len(states) - 1; k >= 0; k-- {
		if states[k] != volume.Ignored {
			next = k
		}
		if prev := r.nearest[k]; prev < 0 || next >= 0 && next-k < k-prev {
			r.nearest[k] = next
		}
	}
	return true
}

// collapse points every offset along the slice axis (a multiple of
// stride, or −1) at the nearest annotated slice's.
func collapse(off, nearest []int, stride int) {
	for x, o := range off {
		if o >= 0 {
			off[x] = nearest[o/stride] * stride
		}
	}
}

// hatchTables fills the not-annotated pixels of each grey at hatching
// strength s: from the grey itself (0) to full hatching (1).
func (r *Renderer) hatchTables(s float64) {
	h := uint32(math.Round(math.Max(0, math.Min(1, s)) * 256))
	for g := 0; g < 256; g++ {
		grey := uint32(g) | uint32(g)<<8 | uint32(g)<<16
		for s := range r.hatchPx {
			full := hatch(s == 1, uint8(g))
			var px uint32
			for c := 0; c < 24; c += 8 {
				px |= ((grey>>c&0xff)*(256-h) + (full>>c&0xff)*h) >> 8 << c
			}
			r.hatchPx[s][g] = px | 0xff<<24
		}
	}
}

// stripeAt is 1 where the diagonal stripes of the hatching lie, else 0.
func stripeAt(x, y int) int {
	if (x+y)&7 < 2 {
		return 1
	}
	return 0
}

// hatch is a not-annotated pixel of grey g at full strength: dimmed, or
// tinted on a stripe.
func hatch(stripe bool, g uint8) uint32 {
	v := uint32(g)
	if stripe {
		h := assets.HatchColour
		return (v*77+uint32(h.R)*179)>>8 | (v*77+uint32(h.G)*179)>>8<<8 | (v*77+uint32(h.B)*179)>>8<<16 | 0xff<<24
	}
	return v*140>>8 | (v*140>>8)<<8 | (v*150>>8)<<16 | 0xff<<24
}
