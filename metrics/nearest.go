package metrics

import (
	"math"
	"sort"
)

// The distance from each contour point of one reader to the nearest
// contour point of the other is exact: the minimum of the Euclidean
// distance in mm over all of the other's points. It is found by a search
// over the other contour's points indexed by column, outward from the
// query's column until the column offset alone exceeds the best distance
// so far; with readers that roughly agree this looks at a few columns per
// point. When the search would cost more than the whole transform, the
// exact distance transform of the contour (EDT2D) over the contours'
// bounding box replaces it; the two give the same distances.

// columnIndex holds a contour's points by column: the rows of column
// x0+c are rows[start[c]:start[c+1]], ascending.
type columnIndex struct {
	x0, x1, y0, y1 int
	start, next    []int32
	rows           []int32
}

func (ci *columnIndex) build(pts []point) {
	ci.x0, ci.x1, ci.y0, ci.y1 = math.MaxInt, -1, math.MaxInt, -1
	for _, p := range pts {
		ci.x0, ci.x1 = min(ci.x0, int(p.x)), max(ci.x1, int(p.x))
		ci.y0, ci.y1 = min(ci.y0, int(p.y)), max(ci.y1, int(p.y))
	}
	n := ci.x1 - ci.x0 + 1
	ci.start = grow(ci.start, n+1)
	clear(ci.start)
	for _, p := range pts {
		ci.start[int(p.x)-ci.x0+1]++
	}
	for c := 1; c <= n; c++ {
		ci.start[c] += ci.start[c-1]
	}
	ci.rows = grow(ci.rows, len(pts))
	ci.next = grow(ci.next, n)
	copy(ci.next, ci.start[:n])
	for _, p := range pts { // points come row by row: columns fill in order
		c := int(p.x) - ci.x0
		ci.rows[ci.next[c]] = p.y
		ci.next[c]++
	}
}

// searchBudget bounds the column probes of a search, per point of the
// bounding box of the two contours, before the transform takes over.
var searchBudget = 2

// nearest appends to out a surfel for each point of q with its distance to
// the nearest point of f (+Inf when f is empty).
func (ws *workspace) nearest(q, f []point, sx, sy float64, lengths *[16]float64, out []surfel) []surfel {
	if len(f) == 0 {
		for _, p := range q {
			out = append(out, surfel{math.Inf(1), lengths[p.code]})
		}
		return out
	}
	ci := &ws.index
	ci.build(f)
	bx0, bx1, by0, by1 := ci.x0, ci.x1, ci.y0, ci.y1
	for _, p := range q {
		bx0, bx1 = min(bx0, int(p.x)), max(bx1, int(p.x))
		by0, by1 = min(by0, int(p.y)), max(by1, int(p.y))
	}
	area := (bx1 - bx0 + 1) * (by1 - by0 + 1)
	budget := searchBudget * area
	base := len(out)
	probes := 0
	for _, p := range q {
		d2, n := ci.search(p, sx, sy)
		probes += n
		if probes > budget {
			return ws.transform(q, f, bx0, by0, bx1, by1, sx, sy, lengths, out[:base])
		}
		out = append(out, surfel{math.Sqrt(d2), lengths[p.code]})
	}
	return out
}

// search returns the squared distance from p to the nearest indexed point
// and the number of columns it probed.
func (ci *columnIndex) search(p point, sx, sy float64) (best float64, probes int) {
	best = math.Inf(1)
	px, py := int(p.x), p.y
	for k := 0; ; k++ {
		dx := float64(k) * sx
		if dx*dx > best {
			return best, probes
		}
		left, right := px-k, px+k
		if left < ci.x0 && right > ci.x1 {
			return best, probes
		}
		for side, c := range [2]int{left, right} {
			if (side == 1 && k == 0) || c < ci.x0 || c > ci.x1 {
				continue
			}
			probes++
			rows := ci.rows[ci.start[c-ci.x0]:ci.start[c-ci.x0+1]]
			if len(rows) == 0 {
				continue
			}
			i := sort.Search(len(rows), func(i int) bool { return rows[i] >= py })
			for _, j := range [2]int{i - 1, i} {
				if j < 0 || j >= len(rows) {
					continue
				}
				// (Δ·s)², the rounding of a transform that scales index
				// differences by the spacing.
				ddx, ddy := float64(c-px)*sx, float64(rows[j]-py)*sy
				if d := ddy*ddy + ddx*ddx; d < best {
					best = d
				}
			}
		}
	}
}

// transform finds the distances with the exact distance transform of f's
// points over the box x0..x1 × y0..y1 of corner points.
func (ws *workspace) transform(q, f []point, x0, y0, x1, y1 int, sx, sy float64, lengths *[16]float64, out []surfel) []surfel {
	w, h := x1-x0+1, y1-y0+1
	ws.feat = grow(ws.feat, w*h)
	clear(ws.feat)
	for _, p := range f {
		ws.feat[int(p.x)-x0+(int(p.y)-y0)*w] = true
	}
	ws.dist = grow(ws.dist, w*h)
	EDT2D(ws.feat, w, h, sx, sy, ws.dist, &ws.scratch)
	for _, p := range q {
		out = append(out, surfel{math.Sqrt(ws.dist[int(p.x)-x0+(int(p.y)-y0)*w]), lengths[p.code]})
	}
	return out
}
