package metrics

import (
	"encoding/binary"
	"math"
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

// point is a contour point: corner (x, y) of the pixel grid (between
// pixels x−1 and x, rows y−1 and y) and its neighbourhood code.
type point struct {
	x, y int32
	code uint8
}

const ones = 0x0101010101010101

// contourPoints lists, for every label, the corner points of the nx×ny
// slice s whose 2×2 neighbourhood (outside the slice is background) holds
// the label and something else, in row-major order. Value 0 is background
// and has no contour. Runs of 8 equal pixels in two rows are skipped a word
// at a time, so uniform areas cost little.
func contourPoints(s []uint8, nx, ny int, zero []uint8, out *[256][]point) {
	for v := range out {
		out[v] = out[v][:0]
	}
	for y := 0; y <= ny; y++ {
		top, bot := zero, zero
		if y > 0 {
			top = s[(y-1)*nx : y*nx]
		}
		if y < ny {
			bot = s[y*nx : (y+1)*nx]
		}
		for x := 0; x <= nx; {
			if x >= 1 && x+7 <= nx {
				wt := binary.LittleEndian.Uint64(top[x-1:])
				if wt == binary.LittleEndian.Uint64(bot[x-1:]) && wt == uint64(top[x-1])*ones {
					x += 7 // corners x … x+6 lie inside one label's run
					continue
				}
			}
			var tl, tr, bl, br uint8
			if x > 0 {
				tl, bl = top[x-1], bot[x-1]
			}
			if x < nx {
				tr, br = top[x], bot[x]
			}
			if tl == tr && tl == bl && tl == br {
				x++
				continue
			}
			for i, v := range [4]uint8{tl, tr, bl, br} {
				if v == 0 || (i > 0 && v == tl) || (i > 1 && v == tr) || (i > 2 && v == bl) {
					continue // background, or a label already emitted here
				}
				code := b2u(tl == v)<<3 | b2u(tr == v)<<2 | b2u(bl == v)<<1 | b2u(br == v)
				out[v] = append(out[v], point{int32(x), int32(y), code})
			}
			x++
		}
	}
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// samePoints reports whether two contours are the same points with the same
// codes (then every distance is 0).
func samePoints(a, b []point) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
