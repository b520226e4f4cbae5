package metrics

import (
	"math"
	"slices"
)

// surfel is one contour element of a slice: the distance in mm from its
// corner point to the other contour and its length in mm.
type surfel struct{ d, l float64 }

// contourLengths maps a 2×2 neighbourhood code to the length of the contour
// crossing that cell, as DeepMind's surface-distance
// (lookup_tables.create_table_neighbour_code_to_contour_length) defines it.
// Bits: 8 the pixel at (i−1, j−1) of the corner point, 4 (i, j−1),
// 2 (i−1, j), 1 (i, j); array axis 0 of that library is our j (spacing
// sy, its "vertical"), axis 1 our i (spacing sx, "horizontal").
func contourLengths(sx, sy float64) [16]float64 {
	var t [16]float64
	diag := 0.5 * math.Sqrt(sy*sy+sx*sx)
	t[0b0001], t[0b0010], t[0b0100], t[0b1000] = diag, diag, diag, diag
	t[0b0111], t[0b1011], t[0b1101], t[0b1110] = diag, diag, diag, diag
	t[0b0011], t[0b1100] = sx, sx
	t[0b0101], t[0b1010] = sy, sy
	t[0b0110], t[0b1001] = 2*diag, 2*diag
	return t
}

// box is an inclusive pixel bounding box; empty when x0 > x1.
type box struct{ x0, y0, x1, y1 int }

func emptyBox() box { return box{math.MaxInt, math.MaxInt, -1, -1} }

func (b box) empty() bool { return b.x0 > b.x1 }

func (b box) union(o box) box {
	return box{min(b.x0, o.x0), min(b.y0, o.y0), max(b.x1, o.x1), max(b.y1, o.y1)}
}

// workspace holds the buffers of one goroutine's comparisons.
type workspace struct {
	pa, pb         []uint8 // padded masks
	ca, cb         []uint8 // neighbourhood codes of the corner points
	fa, fb         []bool  // contour corner points
	dist           []float64
	scratch        EDTScratch
	histA, histB   [256]int
	inter          [256]int
	boxesA, boxesB [256]box
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// labelSurfels appends the surfels of label l on one axial slice pair (nx
// wide, a and b, 255 already excluded by the caller's boxes) to ab (A's
// contour, with distances to B's) and ba. bb is the union of the label's
// boxes in a and b.
func (ws *workspace) labelSurfels(a, b []uint8, nx int, l uint8, bb box, sx, sy float64, lengths *[16]float64, ab, ba []surfel) ([]surfel, []surfel) {
	w, h := bb.x1-bb.x0+1, bb.y1-bb.y0+1
	pw, ph := w+2, h+2 // padded masks: one pixel of background all round
	ws.pa = grow(ws.pa, pw*ph)
	ws.pb = grow(ws.pb, pw*ph)
	clear(ws.pa)
	clear(ws.pb)
	same := true
	for y := 0; y < h; y++ {
		ra := a[bb.x0+(bb.y0+y)*nx : bb.x0+(bb.y0+y)*nx+w]
		rb := b[bb.x0+(bb.y0+y)*nx : bb.x0+(bb.y0+y)*nx+w]
		da := ws.pa[1+(y+1)*pw : 1+(y+1)*pw+w]
		db := ws.pb[1+(y+1)*pw : 1+(y+1)*pw+w]
		for x := range ra {
			if ra[x] == l {
				da[x] = 1
			}
			if rb[x] == l {
				db[x] = 1
			}
		}
		if same && !slices.Equal(da, db) {
			same = false
		}
	}
	cw, ch := w+1, h+1 // corner points
	ws.ca = grow(ws.ca, cw*ch)
	ws.cb = grow(ws.cb, cw*ch)
	nA, nB := codes(ws.pa, pw, cw, ch, ws.ca), codes(ws.pb, pw, cw, ch, ws.cb)
	if same { // every contour point lies on the other contour
		for _, c := range ws.ca {
			if c != 0 && c != 15 {
				ab = append(ab, surfel{0, lengths[c]})
				ba = append(ba, surfel{0, lengths[c]})
			}
		}
		return ab, ba
	}
	ab = ws.distances(ws.ca, ws.cb, nB, cw, ch, sx, sy, lengths, ab)
	ba = ws.distances(ws.cb, ws.ca, nA, cw, ch, sx, sy, lengths, ba)
	return ab, ba
}

// codes fills the neighbourhood code of every corner point from a padded
// mask and returns how many corner points lie on the contour.
func codes(p []uint8, pw, cw, ch int, out []uint8) int {
	n := 0
	for y := 0; y < ch; y++ {
		top, bot := p[y*pw:(y+1)*pw], p[(y+1)*pw:(y+2)*pw]
		o := out[y*cw : (y+1)*cw]
		for x := range o {
			c := top[x]<<3 | top[x+1]<<2 | bot[x]<<1 | bot[x+1]
			o[x] = c
			if c != 0 && c != 15 {
				n++
			}
		}
	}
	return n
}

// distances appends a surfel for each contour point of from with its
// distance to the nearest contour point of to (+Inf when to has none).
func (ws *workspace) distances(from, to []uint8, nTo, cw, ch int, sx, sy float64, lengths *[16]float64, out []surfel) []surfel {
	if nTo == 0 {
		for _, c := range from {
			if c != 0 && c != 15 {
				out = append(out, surfel{math.Inf(1), lengths[c]})
			}
		}
		return out
	}
	ws.fa = grow(ws.fa, cw*ch)
	for i, c := range to {
		ws.fa[i] = c != 0 && c != 15
	}
	ws.dist = grow(ws.dist, cw*ch)
	EDT2D(ws.fa, cw, ch, sx, sy, ws.dist, &ws.scratch)
	for i, c := range from {
		if c != 0 && c != 15 {
			out = append(out, surfel{math.Sqrt(ws.dist[i]), lengths[c]})
		}
	}
	return out
}
