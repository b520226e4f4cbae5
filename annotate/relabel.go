package annotate

import (
	"fmt"
)

// Connectivity says which neighbours on an axial slice join a connected
// component.
type Connectivity int

// The connectivities.
const (
	Four  Connectivity = 4 // edge neighbours only: a diagonal gap separates
	Eight Connectivity = 8 // edge and corner neighbours
)

// DefaultRelabelLimit is the component size, in voxels, above which
// RelabelLimited asks for confirmation unless the caller chooses another:
// about 50 cm² at 1 mm pixels, more than any speck or small structure.
const DefaultRelabelLimit = 5000

// Change is what an edit changes (or would change) on one axial slice of
// one map: how many voxels, their bounding box and a mask over it.
type Change struct {
	Map Map
	K   int
	// Count is the number of voxels of Map that change.
	Count int
	// I0, J0, I1, J1 bound the changed voxels (inclusive); empty when
	// Count is 0.
	I0, J0, I1, J1 int
	// Mask holds (I1-I0+1)×(J1-J0+1) flags, row after row (j), true where
	// a voxel changes.
	Mask []bool
	// Other counts the voxels of the other map changed along (a region
	// painted on background gets a body part).
	Other int
}

// Has reports whether voxel (i, j) of the slice changes.
func (c Change) Has(i, j int) bool {
	if c.Count == 0 || i < c.I0 || i > c.I1 || j < c.J0 || j > c.J1 {
		return false
	}
	return c.Mask[(j-c.J0)*(c.I1-c.I0+1)+i-c.I0]
}

// TooLargeError is returned by RelabelLimited when the change exceeds the
// limit: the caller shows Change and asks before relabelling with a
// larger limit (or 0, none).
type TooLargeError struct {
	Change Change
	Limit  int
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("relabel would change %d voxels on slice %d, more than the limit of %d", e.Change.Count, e.Change.K, e.Limit)
}

// PreviewRelabel returns what RelabelConnected would change, changing
// nothing: it relabels inside a stroke of its own, reads the change and
// aborts, so the preview is the edit itself. It fails when a stroke is
// open or the session is read-only.
func (s *Session) PreviewRelabel(k, i, j int, m Map, label uint8, c Connectivity) (Change, error) {
	if err := s.Begin("preview relabel"); err != nil {
		return Change{}, err
	}
	s.RelabelConnected(k, i, j, m, label, c)
	ch := s.strokeChange(m, k)
	s.Abort()
	return ch, nil
}

// RelabelLimited relabels the component under (i, j, k) as one undo step
// named name. When limit > 0 and more than limit voxels would change it
// changes nothing and returns a *TooLargeError carrying the change, to
// show before asking. The change made is returned with the commit (nil
// when nothing changed).
func (s *Session) RelabelLimited(name string, k, i, j int, m Map, label uint8, c Connectivity, limit int) (*Commit, Change, error) {
	if err := s.Begin(name); err != nil {
		return nil, Change{}, err
	}
	s.RelabelConnected(k, i, j, m, label, c)
	ch := s.strokeChange(m, k)
	if limit > 0 && ch.Count > limit {
		s.Abort()
		return nil, ch, &TooLargeError{Change: ch, Limit: limit}
	}
	return s.Commit(), ch, nil
}

// strokeChange is the open stroke's change to slice k of map m so far.
func (s *Session) strokeChange(m Map, k int) Change {
	ch := Change{Map: m, K: k}
	for _, sn := range s.stroke.snaps {
		if sn.k != k {
			continue
		}
		lm := s.Maps[sn.m]
		nx := lm.Dims[0]
		cur := lm.Axial(k)
		if sn.m != m {
			for y := sn.j0; y <= sn.j1; y++ {
				for x := sn.i0; x <= sn.i1; x++ {
					if sn.old[y*nx+x] != cur[y*nx+x] {
						ch.Other++
					}
				}
			}
			continue
		}
		ch.I0, ch.J0, ch.I1, ch.J1 = sn.i1, sn.j1, sn.i0, sn.j0 // shrunk to the changed voxels below
		for y := sn.j0; y <= sn.j1; y++ {
			for x := sn.i0; x <= sn.i1; x++ {
				if sn.old[y*nx+x] != cur[y*nx+x] {
					ch.Count++
					ch.I0, ch.I1 = min(ch.I0, x), max(ch.I1, x)
					ch.J0, ch.J1 = min(ch.J0, y), max(ch.J1, y)
				}
			}
		}
		if ch.Count == 0 {
			ch.I0, ch.J0, ch.I1, ch.J1 = 0, 0, -1, -1
			continue
		}
		w := ch.I1 - ch.I0 + 1
		ch.Mask = make([]bool, w*(ch.J1-ch.J0+1))
		for y := ch.J0; y <= ch.J1; y++ {
			for x := ch.I0; x <= ch.I1; x++ {
				ch.Mask[(y-ch.J0)*w+x-ch.I0] = sn.old[y*nx+x] != cur[y*nx+x]
			}
		}
	}
	if ch.Count == 0 {
		ch.I0, ch.J0, ch.I1, ch.J1 = 0, 0, -1, -1
	}
	return ch
}
