package qc

// Comp is one 8-connected component of equal label on an axial slice.
type Comp struct {
	Label      uint8
	Area       int    // voxels
	I, J       int    // a voxel inside
	BBox       [4]int // i0, j0, i1, j1
	SumI, SumJ float64
	Border     bool // touches the edge of the slice
}

// Centroid returns the component's mean voxel position.
func (c *Comp) Centroid() (float64, float64) {
	return c.SumI / float64(c.Area), c.SumJ / float64(c.Area)
}

type run struct {
	j, i0, i1 int32
	label     uint8
	comp      int32
}

// slice holds the components of one axial slice of one map, computed
// once from runs of equal labels and shared by every rule. Buffers are
// reused from slice to slice.
type slice struct {
	nx, ny int
	vals   []uint8
	runs   []run
	parent []int32
	comps  []Comp
	first  []int32 // per component: index of its first run
	next   []int32 // per run: next run of the same component, −1 at the end
	ids    []int32 // per root run: component id, −1 before it has one
	last   []int32 // per component: its last run so far
}

// label finds the components of vals (nx×ny, row by row).
func (s *slice) label(vals []uint8, nx, ny int) {
	s.nx, s.ny, s.vals = nx, ny, vals
	s.runs = s.runs[:0]
	prevStart, prevEnd := 0, 0
	for j := 0; j < ny; j++ {
		row := vals[j*nx : (j+1)*nx]
		start := len(s.runs)
		for i := 0; i < nx; {
			v := row[i]
			e := i + 1
			for e < nx && row[e] == v {
				e++
			}
			s.runs = append(s.runs, run{j: int32(j), i0: int32(i), i1: int32(e - 1), label: v})
			i = e
		}
		end := len(s.runs)
		if cap(s.parent) < end {
			np := make([]int32, end, 2*end)
			copy(np, s.parent)
			s.parent = np
		}
		s.parent = s.parent[:end]
		for r := start; r < end; r++ {
			s.parent[r] = int32(r)
		}
		// Join with runs of the row above that touch (8-connected).
		p := prevStart
		for r := start; r < end; r++ {
			cur := &s.runs[r]
			for p < prevEnd && s.runs[p].i1 < cur.i0-1 {
				p++
			}
			for q := p; q < prevEnd && s.runs[q].i0 <= cur.i1+1; q++ {
				if s.runs[q].label == cur.label {
					s.union(int32(r), int32(q))
				}
			}
		}
		prevStart, prevEnd = start, end
	}
	s.comps = s.comps[:0]
	s.first = s.first[:0]
	if cap(s.next) < len(s.runs) {
		s.next = make([]int32, len(s.runs))
	}
	s.next = s.next[:len(s.runs)]
	if cap(s.ids) < len(s.runs) {
		s.ids = make([]int32, len(s.runs))
	}
	ids := s.ids[:len(s.runs)]
	for i := range ids {
		ids[i] = -1
	}
	last := s.last[:0]
	for r := range s.runs {
		root := s.find(int32(r))
		id := ids[root]
		ru := &s.runs[r]
		if id < 0 {
			id = int32(len(s.comps))
			ids[root] = id
			s.comps = append(s.comps, Comp{Label: ru.label, I: int(ru.i0), J: int(ru.j),
				BBox: [4]int{int(ru.i0), int(ru.j), int(ru.i1), int(ru.j)}})
			s.first = append(s.first, int32(r))
			last = append(last, int32(r))
		} else {
			s.next[last[id]] = int32(r)
		}
		last[id] = int32(r)
		s.next[r] = -1
		s.last = last
		ru.comp = id
		c := &s.comps[id]
		n := int(ru.i1-ru.i0) + 1
		c.Area += n
		c.SumI += float64(n) * float64(ru.i0+ru.i1) / 2
		c.SumJ += float64(n) * float64(ru.j)
		c.BBox[0], c.BBox[2] = min(c.BBox[0], int(ru.i0)), max(c.BBox[2], int(ru.i1))
		c.BBox[3] = max(c.BBox[3], int(ru.j))
		if ru.i0 == 0 || int(ru.i1) == nx-1 || ru.j == 0 || int(ru.j) == ny-1 {
			c.Border = true
		}
	}
}

func (s *slice) find(x int32) int32 {
	for s.parent[x] != x {
		s.parent[x] = s.parent[s.parent[x]]
		x = s.parent[x]
	}
	return x
}

func (s *slice) union(a, b int32) {
	ra, rb := s.find(a), s.find(b)
	if ra != rb {
		if ra < rb {
			s.parent[rb] = ra
		} else {
			s.parent[ra] = rb
		}
	}
}

// ring returns the single label around component id (every 8-neighbour
// outside it), and false when it touches the edge or more than one label.
func (s *slice) ring(id int) (uint8, bool) {
	c := &s.comps[id]
	if c.Border {
		return 0, false
	}
	found, set := uint8(0), false
	check := func(v uint8) bool {
		if v == c.Label {
			return true
		}
		if !set {
			found, set = v, true
			return true
		}
		return v == found
	}
	nx := s.nx
	for r := s.first[id]; r >= 0; r = s.next[r] {
		ru := s.runs[r]
		j, i0, i1 := int(ru.j), int(ru.i0), int(ru.i1)
		if !check(s.vals[j*nx+i0-1]) || !check(s.vals[j*nx+i1+1]) {
			return 0, false
		}
		for _, y := range [2]int{j - 1, j + 1} {
			row := s.vals[y*nx : (y+1)*nx]
			for x := i0 - 1; x <= i1+1; x++ {
				if !check(row[x]) {
					return 0, false
				}
			}
		}
	}
	return found, set
}

// Labeling finds the 8-connected components of equal label on one axial
// slice, as the rules do, for tools that act on components (clean specks).
// Its buffers are reused from call to call; the zero value is ready.
type Labeling struct{ s slice }

// Label finds the components of vals (nx×ny labels, row by row). The
// result and the runs stay valid until the next call; vals is read, never
// written, and must not change while the runs are used.
func (l *Labeling) Label(vals []uint8, nx, ny int) []Comp {
	l.s.label(vals, nx, ny)
	return l.s.comps
}

// Runs calls f for each run of voxels of component id: row j, columns i0
// to i1 inclusive.
func (l *Labeling) Runs(id int, f func(j, i0, i1 int)) {
	for r := l.s.first[id]; r >= 0; r = l.s.next[r] {
		ru := &l.s.runs[r]
		f(int(ru.j), int(ru.i0), int(ru.i1))
	}
}
