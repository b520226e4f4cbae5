package annotate

import (
	"fmt"

	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/volume"
)

// DefaultSpeckMM2 is the size under which Clean specks relabels a
// component by default: the area under which qc's island rule calls a
// component a speck.
const DefaultSpeckMM2 = 5

// SpeckOptions choose what Clean specks works on.
type SpeckOptions struct {
	// Slices to clean; nil means every slice annotated in both maps.
	Slices []int
	// MaxAreaMM2: components smaller than this are specks (0 means
	// DefaultSpeckMM2).
	MaxAreaMM2 float64
	// Edited is the map the protection mode applies to (the one the
	// user edits); label locks apply to both maps.
	Edited Map
}

// SpeckResult is what Clean specks changes (or, previewed, would change).
type SpeckResult struct {
	Components int     // specks relabelled, both maps
	AreaMM2    float64 // their area
	Voxels     int     // voxels changed, both maps
	Slices     int     // slices with a change
	// Specks are where the specks lie (slice and box), for a preview to
	// show them.
	Specks []SpeckAt
}

// SpeckAt is one speck: its axial slice and its box (i0, j0, i1, j1).
type SpeckAt struct {
	K    int
	BBox [4]int
}

// PreviewSpecks reports what CleanSpecks would change, changing nothing.
func (s *Session) PreviewSpecks(o SpeckOptions) (SpeckResult, error) {
	return s.specks(o, false)
}

// CleanSpecks gives every component under the size limit, in both maps
// of the chosen slices, the label that surrounds it most (Slicer's
// Islands effect, sparse-aware), as one undo step:
//   - region specks first: a speck of body in the air becomes background
//     in both maps, a hole in the body takes the surrounding region and
//     the surrounding body part, so both maps keep one foreground;
//   - then part specks take the body part that surrounds them most (body
//     parts only: their foreground already follows the regions);
//   - a speck with a protected or locked voxel is left whole;
//   - a component that is the whole slice, or touches only 255, stays.
func (s *Session) CleanSpecks(o SpeckOptions) (SpeckResult, error) {
	return s.specks(o, true)
}

func (s *Session) specks(o SpeckOptions, apply bool) (SpeckResult, error) {
	ks := o.Slices
	if ks == nil {
		for k := 0; k < s.Image.Dims[2]; k++ {
			if s.Maps[MapRegions].SliceState(k) == volume.Annotated && s.Maps[MapParts].SliceState(k) == volume.Annotated {
				ks = append(ks, k)
			}
		}
	}
	for _, k := range ks {
		if err := s.Editable(k); err != nil {
			return SpeckResult{}, fmt.Errorf("clean specks: %w", err)
		}
	}
	name := fmt.Sprintf("clean specks on %d slices", len(ks))
	if len(ks) == 1 {
		name = fmt.Sprintf("clean specks on slice %d", ks[0])
	}
	if err := s.Begin(name); err != nil {
		return SpeckResult{}, err
	}
	max := o.MaxAreaMM2
	if max <= 0 {
		max = DefaultSpeckMM2
	}
	px := s.Image.Spacing[0] * s.Image.Spacing[1]
	var res SpeckResult
	var c speckCleaner
	for _, k := range ks {
		n, v := c.slice(s, k, max/px, o.Edited)
		if n > 0 {
			res.Components += n
			res.Voxels += v
			res.Slices++
		}
	}
	res.AreaMM2 = float64(c.area) * px
	res.Specks = c.at
	if apply {
		s.Commit()
	} else {
		s.Abort()
	}
	return res, nil
}

// speckCleaner holds the buffers of one Clean specks run.
type speckCleaner struct {
	lab   qc.Labeling
	mark  []int32 // per voxel: the tag of the component whose ring counted it
	tags  int32   // tags given so far (a component's tag is unique in a run)
	plan  []speck
	area  int // voxels of the specks relabelled
	count [256]int
	at    []SpeckAt
}

// speck is a decision: component id takes label to (and part for a
// hole filled in the regions).
type speck struct {
	id       int
	to, part uint8
}

// slice cleans slice k: regions, then parts. It returns the specks
// relabelled and the voxels changed.
func (c *speckCleaner) slice(s *Session, k int, maxVox float64, edited Map) (n, voxels int) {
	nx, ny := s.Image.Dims[0], s.Image.Dims[1]
	if len(c.mark) < nx*ny {
		c.mark = make([]int32, nx*ny)
	}
	base := k * nx * ny
	for _, m := range []Map{MapRegions, MapParts} {
		vals := s.Maps[m].Axial(k)
		other := s.Maps[1-m].Axial(k)
		comps := c.lab.Label(vals, nx, ny)
		if int64(c.tags)+int64(len(comps)) >= 1<<31-1 {
			clear(c.mark)
			c.tags = 0
		}
		c.plan = c.plan[:0]
		for id := range comps {
			cp := &comps[id]
			if float64(cp.Area) >= maxVox || cp.Label == volume.NotAnnotated || m == MapParts && cp.Label == 0 {
				continue
			}
			to, part, ok := c.surround(id, c.tags+int32(id)+1, cp.Label, vals, other, nx, ny, m)
			if ok && c.writable(s, id, cp.Label, to, other, nx, m, edited) {
				c.plan = append(c.plan, speck{id, to, part})
			}
		}
		c.tags += int32(len(comps))
		// Decisions are made on the slice as it was; apply them now.
		for _, sp := range c.plan {
			from := comps[sp.id].Label
			c.lab.Runs(sp.id, func(j, i0, i1 int) {
				for i := i0; i <= i1; i++ {
					idx := base + j*nx + i
					s.stroke.set(s, m, idx, sp.to)
					voxels++
					switch {
					case m == MapRegions && sp.to == 0:
						s.stroke.set(s, MapParts, idx, 0)
						voxels++
					case m == MapRegions && from == 0:
						s.stroke.set(s, MapParts, idx, sp.part)
						voxels++
					}
				}
			})
			c.area += comps[sp.id].Area
			c.at = append(c.at, SpeckAt{k, comps[sp.id].BBox})
			n++
		}
	}
	return n, voxels
}

// surround returns the label most common on the 8-neighbour ring of
// component id (each ring voxel counted once; ties go to the lower
// value), and for a region hole becoming body the body part most common
// on the same ring. Parts only take other body parts.
func (c *speckCleaner) surround(id int, tag int32, own uint8, vals, other []uint8, nx, ny int, m Map) (to, part uint8, ok bool) {
	clear(c.count[:])
	var parts [256]int
	c.lab.Runs(id, func(j, i0, i1 int) {
		for y := max(0, j-1); y <= min(ny-1, j+1); y++ {
			for x := max(0, i0-1); x <= min(nx-1, i1+1); x++ {
				idx := y*nx + x
				v := vals[idx]
				if v == own || c.mark[idx] == tag {
					continue
				}
				c.mark[idx] = tag
				c.count[v]++
				if p := other[idx]; m == MapRegions && p != 0 && p != volume.NotAnnotated {
					parts[p]++
				}
			}
		}
	})
	best := -1
	for v, n := range c.count {
		if n == 0 || v == volume.NotAnnotated || m == MapParts && v == 0 {
			continue
		}
		if best < 0 || n > c.count[best] {
			best = v
		}
	}
	if best < 0 {
		return 0, 0, false
	}
	if m == MapRegions && own == 0 {
		bp := -1
		for v, n := range parts {
			if n > 0 && (bp < 0 || n > parts[bp]) {
				bp = v
			}
		}
		if bp < 0 {
			return 0, 0, false
		}
		part = uint8(bp)
	}
	return uint8(best), part, true
}

// writable reports whether every voxel the relabelling of component id
// would change may change: the component's own voxels in map m, and the
// other map's voxels where the foreground changes.
func (c *speckCleaner) writable(s *Session, id int, from, to uint8, other []uint8, nx int, m, edited Map) bool {
	if !s.writable(m, edited, from) {
		return false
	}
	if m == MapParts || (from == 0) == (to == 0) {
		return true
	}
	ok := true
	c.lab.Runs(id, func(j, i0, i1 int) {
		for i := i0; i <= i1 && ok; i++ {
			ok = s.writable(MapParts, edited, other[j*nx+i])
		}
	})
	return ok
}
