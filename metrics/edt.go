package metrics

import "math"

// EDT2D computes the exact squared Euclidean distance transform of a 2D
// grid of w×h points (x fastest) with spacing sx, sy mm: out[p] is the
// squared distance in mm² from point p to the nearest point with
// feature[p] true, or +Inf when there is none. It is the separable
// algorithm of Felzenszwalb and Huttenlocher ("Distance Transforms of
// Sampled Functions", Theory of Computing 8, 2012): an exact 1D transform
// down each column, then the lower envelope of parabolas along each row,
// with the spacing folded into the parabolas; no chamfer approximation.
// out must hold w·h values; scratch is reused when large enough and
// returned for the next call.
func EDT2D(feature []bool, w, h int, sx, sy float64, out []float64, scratch *EDTScratch) {
	if scratch == nil {
		scratch = &EDTScratch{}
	}
	scratch.grow(max(w, h))
	inf := math.Inf(1)
	// Columns: the distance along y to the nearest feature of the column.
	for x := 0; x < w; x++ {
		last := -1
		for y := 0; y < h; y++ {
			p := x + y*w
			if feature[p] {
				last = y
				out[p] = 0
			} else if last >= 0 {
				d := float64(y-last) * sy
				out[p] = d * d
			} else {
				out[p] = inf
			}
		}
		last = -1
		for y := h - 1; y >= 0; y-- {
			p := x + y*w
			if feature[p] {
				last = y
			} else if last >= 0 {
				d := float64(last-y) * sy
				if d*d < out[p] {
					out[p] = d * d
				}
			}
		}
	}
	// Rows: the lower envelope of the parabolas (x−q)²·sx² + f(q).
	f := scratch.f[:w]
	for y := 0; y < h; y++ {
		row := out[y*w : (y+1)*w]
		copy(f, row)
		envelope1D(f, row, sx, scratch)
	}
}

// EDTScratch holds the working arrays of EDT2D between calls.
type EDTScratch struct {
	f, z []float64
	v    []int
}

func (s *EDTScratch) grow(n int) {
	if len(s.f) < n {
		s.f = make([]float64, n)
		s.v = make([]int, n)
		s.z = make([]float64, n+1)
	}
}

// envelope1D sets d[q] = min over p of f[p] + ((q−p)·s)², skipping the
// infinite f[p] (no feature in that column); all of d is +Inf when every
// f[p] is.
func envelope1D(f, d []float64, s float64, sc *EDTScratch) {
	n := len(f)
	v, z := sc.v, sc.z
	k := -1
	for q := 0; q < n; q++ {
		if math.IsInf(f[q], 1) {
			continue
		}
		pq := float64(q) * s
		if k < 0 {
			k = 0
			v[0] = q
			z[0] = math.Inf(-1)
			z[1] = math.Inf(1)
			continue
		}
		var sI float64
		for {
			pv := float64(v[k]) * s
			sI = ((f[q] + pq*pq) - (f[v[k]] + pv*pv)) / (2 * (pq - pv))
			if sI <= z[k] && k > 0 {
				k--
				continue
			}
			break
		}
		k++
		v[k] = q
		z[k] = sI
		z[k+1] = math.Inf(1)
	}
	if k < 0 {
		for q := range d {
			d[q] = math.Inf(1)
		}
		return
	}
	j := 0
	for q := 0; q < n; q++ {
		pq := float64(q) * s
		for z[j+1] < pq {
			j++
		}
		// (q−v)·s, not q·s − v·s: the same rounding as a peer that
		// multiplies index differences by the spacing.
		dx := float64(q-v[j]) * s
		d[q] = dx*dx + f[v[j]]
	}
}
