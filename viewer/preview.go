package viewer

import "image"

// Preview marks the voxels an edit would change, on axial slice K, before
// it is made (the relabel tool shows its component under the pointer).
// Mask holds (I1-I0+1)×(J1-J0+1) flags, row after row (j).
type Preview struct {
	Valid          bool
	K              int
	I0, J0, I1, J1 int
	Mask           []bool
}

// Has reports whether voxel (i, j) of slice K is marked.
func (p Preview) Has(i, j int) bool {
	if !p.Valid || i < p.I0 || i > p.I1 || j < p.J0 || j > p.J1 {
		return false
	}
	w := p.I1 - p.I0 + 1
	o := (j-p.J0)*w + i - p.I0
	return o < len(p.Mask) && p.Mask[o]
}

// PreviewColour tints the voxels of a Preview: a strong magenta, distinct
// from every label colour and from the change tint.
var PreviewColour = [3]uint8{255, 0, 200}

// tintMarked tints with col every pixel whose voxel p marks (in any view:
// the coronal and sagittal views show the row of slice K they cut); with
// gaps it leaves every fourth pixel diagonal untinted so the labels
// beneath stay visible (the preview of an edit). base is the offset of the
// view's slice.
func (r *Renderer) tintMarked(dst *image.RGBA, g [3]int, base int, p Preview, col [3]uint8, gaps bool) {
	if !p.Valid {
		return
	}
	plane := g[0] * g[1]
	for y, ro := range r.rowOff {
		if ro < 0 {
			continue
		}
		for x, co := range r.colOff {
			if co < 0 || gaps && (x+y)%4 == 0 {
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
