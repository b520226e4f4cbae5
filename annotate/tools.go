package annotate

import (
	"fmt"
	"math"

	"github.com/saros-review/saros-review/volume"
)

// Brush is the shape and label of a painting tool.
type Brush struct {
	Map      Map
	Label    uint8   // 0 erases (in both maps)
	RadiusMM float64 // in-plane radius in millimetres
	// Threshold limits painting to voxels whose HU lies in [Lo, Hi].
	Threshold bool
	Lo, Hi    int16
}

// Threshold presets of the threshold brush (HU, inclusive).
var (
	Adipose  = [2]int16{-190, -30}
	MuscleHU = [2]int16{-29, 150}
	BoneHU   = [2]int16{150, 3071}
)

// nearMM is how far PartNear looks for a body part when a region is painted
// on background.
const nearMM = 30

// Dab paints one disc of the brush centred on fractional voxel (ci, cj) of
// axial slice k, inside the open stroke. It returns how many voxels
// changed.
func (s *Session) Dab(k int, ci, cj float64, b Brush) int {
	g := s.Image.Grid
	if k < 0 || k >= g.Dims[2] || !s.stroke.open {
		return 0
	}
	nx, ny := g.Dims[0], g.Dims[1]
	rx, ry := b.RadiusMM/g.Spacing[0], b.RadiusMM/g.Spacing[1]
	part := uint8(0)
	if b.Map == MapRegions && b.Label != 0 {
		part = s.PartNear(k, clamp(int(math.Round(ci)), 0, nx-1), clamp(int(math.Round(cj)), 0, ny-1), nearMM)
	}
	img := s.Image.Voxels
	n := 0
	j0, j1 := max(0, int(math.Ceil(cj-ry))), min(ny-1, int(math.Floor(cj+ry)))
	for j := j0; j <= j1; j++ {
		dy := (float64(j) - cj) / ry
		if dy*dy > 1 {
			continue
		}
		half := math.Sqrt(1-dy*dy) * rx
		i0, i1 := max(0, int(math.Ceil(ci-half))), min(nx-1, int(math.Floor(ci+half)))
		row := g.Index(0, j, k)
		for i := i0; i <= i1; i++ {
			idx := row + i
			if b.Threshold && (img[idx] < b.Lo || img[idx] > b.Hi) {
				continue
			}
			if s.set(b.Map, idx, b.Label, part) {
				n++
			}
		}
	}
	return n
}

// Line paints dabs from (ai, aj) to (bi, bj) close enough to leave a
// continuous stroke however fast the pointer moved.
func (s *Session) Line(k int, ai, aj, bi, bj float64, b Brush) int {
	g := s.Image.Grid
	dx, dy := (bi-ai)*g.Spacing[0], (bj-aj)*g.Spacing[1]
	dist := math.Hypot(dx, dy)
	step := math.Max(b.RadiusMM/2, math.Min(g.Spacing[0], g.Spacing[1])/2)
	n := int(math.Ceil(dist / step))
	changed := 0
	for t := 1; t <= n; t++ {
		f := float64(t) / float64(n)
		changed += s.Dab(k, ai+(bi-ai)*f, aj+(bj-aj)*f, b)
	}
	return changed
}

// Fill floods the 4-connected region of equal label under voxel (i, j) of
// slice k with the label, inside the open stroke.
func (s *Session) Fill(k, i, j int, m Map, label uint8) int {
	return s.recolour(k, i, j, m, label, false)
}

// Relabel gives the 4-connected component of the label under voxel (i, j)
// another label, inside the open stroke: the bone speck inside a cavity
// fixed in one click. Four-connectivity keeps it from leaking through a
// one-voxel diagonal gap (the brain into the scalp through the skull);
// RelabelConnected takes 8. RelabelLimited previews and limits it.
func (s *Session) Relabel(k, i, j int, m Map, label uint8) int {
	return s.RelabelConnected(k, i, j, m, label, Four)
}

// RelabelConnected is Relabel with the connectivity given.
func (s *Session) RelabelConnected(k, i, j int, m Map, label uint8, c Connectivity) int {
	return s.recolour(k, i, j, m, label, c == Eight)
}

// recolour sets the connected component under (i, j, k) to label and
// returns how many voxels changed. A region label also gets the body part
// found nearest, so the two maps stay consistent.
func (s *Session) recolour(k, i, j int, m Map, label uint8, diagonal bool) int {
	lm := s.Maps[m]
	if !lm.Contains(i, j, k) || !s.stroke.open {
		return 0
	}
	from := lm.At(i, j, k)
	if from == label || from == volume.NotAnnotated {
		return 0
	}
	part := uint8(0)
	if m == MapRegions && label != 0 {
		part = s.PartNear(k, i, j, nearMM)
	}
	n := 0
	s.component(k, i, j, m, diagonal, func(idx int) {
		if s.set(m, idx, label, part) {
			n++
		}
	})
	return n
}

// component visits every voxel of the connected component (4- or
// 8-connected) of the label at (i, j, k) on its axial slice, collecting
// the component before calling visit so that visit may change labels.
func (s *Session) component(k, i, j int, m Map, eight bool, visit func(idx int)) {
	lm := s.Maps[m]
	nx, ny := lm.Dims[0], lm.Dims[1]
	base := k * nx * ny
	sl := lm.Voxels[base : base+nx*ny]
	from := sl[j*nx+i]
	if cap(s.scratch) < nx*ny {
		s.scratch = make([]int32, 0, nx*ny)
	}
	seen := s.seen(nx * ny)
	stack := s.scratch[:0]
	out := s.found[:0]
	push := func(p int) {
		if !seen[p] && sl[p] == from {
			seen[p] = true
			stack = append(stack, int32(p))
		}
	}
	push(j*nx + i)
	for len(stack) > 0 {
		p := int(stack[len(stack)-1])
		stack = stack[:len(stack)-1]
		out = append(out, int32(p))
		x, y := p%nx, p/nx
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				if dx == 0 && dy == 0 || !eight && dx != 0 && dy != 0 {
					continue
				}
				if xx, yy := x+dx, y+dy; xx >= 0 && yy >= 0 && xx < nx && yy < ny {
					push(yy*nx + xx)
				}
			}
		}
	}
	for _, p := range out {
		seen[p] = false
		visit(base + int(p))
	}
	s.scratch, s.found = stack, out
}

// Polygon fills the closed outline through the points (fractional voxel
// coordinates on slice k) with the label: every voxel whose centre lies
// inside, by the even-odd rule.
func (s *Session) Polygon(k int, pts [][2]float64, m Map, label uint8) int {
	g := s.Image.Grid
	if len(pts) < 3 || k < 0 || k >= g.Dims[2] || !s.stroke.open {
		return 0
	}
	nx, ny := g.Dims[0], g.Dims[1]
	minJ, maxJ := math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		minJ, maxJ = math.Min(minJ, p[1]), math.Max(maxJ, p[1])
	}
	part := uint8(0)
	if m == MapRegions && label != 0 {
		part = s.PartNear(k, clamp(int(pts[0][0]), 0, nx-1), clamp(int(pts[0][1]), 0, ny-1), nearMM)
	}
	n := 0
	xs := make([]float64, 0, 16)
	for j := max(0, int(math.Ceil(minJ))); j <= min(ny-1, int(math.Floor(maxJ))); j++ {
		y := float64(j)
		xs = xs[:0]
		for a := range pts {
			p, q := pts[a], pts[(a+1)%len(pts)]
			if (p[1] <= y) != (q[1] <= y) {
				xs = append(xs, p[0]+(y-p[1])/(q[1]-p[1])*(q[0]-p[0]))
			}
		}
		sortFloats(xs)
		for c := 0; c+1 < len(xs); c += 2 {
			for i := max(0, int(math.Ceil(xs[c]))); i <= min(nx-1, int(math.Floor(xs[c+1]))); i++ {
				if s.set(m, g.Index(i, j, k), label, part) {
					n++
				}
			}
		}
	}
	return n
}

// Pick returns the region and part labels at voxel (i, j, k).
func (s *Session) Pick(i, j, k int) (region, part uint8) {
	return s.Maps[MapRegions].At(i, j, k), s.Maps[MapParts].At(i, j, k)
}

// MarkNotAnnotated sets axial slice k to 255 in both maps as one undo step,
// keeping its labels so RestoreSlice can bring them back, and records why.
func (s *Session) MarkNotAnnotated(k int, reason string) error {
	if err := s.Editable(k); err != nil {
		return err
	}
	if err := s.Begin(fmt.Sprintf("mark slice %d not annotated", k)); err != nil {
		return err
	}
	s.marked[k] = [2][]uint8{s.sliceOf(MapRegions, k), s.sliceOf(MapParts, k)}
	all := make([]uint8, len(s.marked[k][0]))
	for i := range all {
		all[i] = volume.NotAnnotated
	}
	s.writeSlice(MapRegions, k, all)
	s.writeSlice(MapParts, k, all)
	s.Notes[k] = reason
	s.Commit()
	return nil
}

// RestoreSlice makes a not-annotated slice annotated again, as one undo
// step: with the labels it had when marked in this session, or as empty
// background to annotate from scratch.
func (s *Session) RestoreSlice(k int) error {
	if err := s.frozen(); err != nil {
		return err
	}
	if k < 0 || k >= s.Image.Dims[2] {
		return fmt.Errorf("slice %d is outside the volume", k)
	}
	if s.Maps[MapRegions].SliceState(k) == volume.Annotated && s.Maps[MapParts].SliceState(k) == volume.Annotated {
		return fmt.Errorf("slice %d is already annotated", k)
	}
	if err := s.Begin(fmt.Sprintf("restore slice %d", k)); err != nil {
		return err
	}
	vals, ok := s.marked[k]
	if !ok {
		z := make([]uint8, s.Image.Dims[0]*s.Image.Dims[1])
		vals = [2][]uint8{z, z}
	}
	s.writeSlice(MapRegions, k, vals[0])
	s.writeSlice(MapParts, k, vals[1])
	delete(s.Notes, k)
	s.Commit()
	return nil
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

func sortFloats(xs []float64) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

// Replace makes the maps equal to the given voxels as one undo step (a
// recovered autosave, for example).
func (s *Session) Replace(name string, regions, parts []uint8) error {
	n := len(s.Maps[MapRegions].Voxels)
	if len(regions) != n || len(parts) != n {
		return fmt.Errorf("replace: %d and %d voxels for a map of %d", len(regions), len(parts), n)
	}
	if err := s.Begin(name); err != nil {
		return err
	}
	per := s.Image.Dims[0] * s.Image.Dims[1]
	for k := 0; k < s.Image.Dims[2]; k++ {
		s.writeSlice(MapRegions, k, regions[k*per:(k+1)*per])
		s.writeSlice(MapParts, k, parts[k*per:(k+1)*per])
	}
	s.Commit()
	return nil
}

// TakeSlice makes axial slice k of both maps equal to the given slices as
// one undo step named name: a reviewer merging two readers' maps slice by
// slice. The slice must be editable (annotated, not read-only) and the
// values taken annotated everywhere (no 255), so that taking a slice
// never changes which slices are annotated.
func (s *Session) TakeSlice(name string, k int, regions, parts []uint8) error {
	if err := s.Editable(k); err != nil {
		return err
	}
	per := s.Image.Dims[0] * s.Image.Dims[1]
	if len(regions) != per || len(parts) != per {
		return fmt.Errorf("take slice %d: %d and %d voxels for a slice of %d", k, len(regions), len(parts), per)
	}
	for m, vals := range [2][]uint8{regions, parts} {
		for _, v := range vals {
			if v == volume.NotAnnotated {
				return fmt.Errorf("take slice %d: the %s taken are not annotated on it", k, Map(m))
			}
		}
	}
	if err := s.Begin(name); err != nil {
		return err
	}
	s.writeSlice(MapRegions, k, regions)
	s.writeSlice(MapParts, k, parts)
	s.Commit()
	return nil
}
