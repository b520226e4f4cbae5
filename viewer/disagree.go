package viewer

import "image"

// Disagreement marks, on one axial slice, the voxels of a label that are
// in one of two compared label maps only: OnlyA in the first map (the
// proposal or a revision), OnlyB in the second (the current maps).
type Disagreement struct {
	OnlyA, OnlyB Preview
}

// OnlyAColour tints voxels of the compared label in map A only (orange).
var OnlyAColour = [3]uint8{255, 140, 0}

// OnlyBColour tints voxels of the compared label in map B only (cyan).
var OnlyBColour = [3]uint8{0, 200, 255}

// disagree tints every pixel whose voxel p marks with col, in any view
// (like preview, without leaving pixels untinted). base is the offset of
// the view's slice.
func (r *Renderer) disagree(dst *image.RGBA, g [3]int, base int, p Preview, col [3]uint8) {
	if !p.Valid {
		return
	}
	plane := g[0] * g[1]
	for y, ro := range r.rowOff {
		if ro < 0 {
			continue
		}
		for x, co := range r.colOff {
			if co < 0 {
				continue
			}
			off := base + ro + co
			if off/plane != p.K || !p.Has(off%g[0], off%plane/g[0]) {
				continue
			}
			o := y*dst.Stride + 4*x
			px := dst.Pix[o : o+3 : o+3]
			px[0] = uint8((uint16(px[0]) + uint16(col[0])*3) / 4)
			px[1] = uint8((uint16(px[1]) + uint16(col[1])*3) / 4)
			px[2] = uint8((uint16(px[2]) + uint16(col[2])*3) / 4)
		}
	}
}
