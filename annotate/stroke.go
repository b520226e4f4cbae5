package annotate

import "errors"

// snap is the state of one axial slice of one map before the stroke first
// touched it, and the box of voxels the stroke changed on it.
type snap struct {
	m              Map
	k              int
	old            []byte
	i0, j0, i1, j1 int // changed box, inclusive; i0 > i1 when empty
}

// stroke is the edit under way. Slice buffers are reused between strokes,
// so painting allocates nothing once warm.
type stroke struct {
	open           bool
	name           string
	snaps          []snap
	free           [][]byte
	oldBox, newBox []byte // commit scratch, reused
}

// ErrStrokeOpen is returned by Begin while another stroke is open.
var ErrStrokeOpen = errors.New("an edit is already under way")

// Begin opens a stroke: every change until Commit or Abort is one undo
// step named name ("brush: muscle").
func (s *Session) Begin(name string) error {
	if err := s.frozen(); err != nil {
		return err
	}
	if s.stroke.open {
		return ErrStrokeOpen
	}
	s.stroke.open, s.stroke.name = true, name
	return nil
}

// InStroke reports whether a stroke is open.
func (s *Session) InStroke() bool { return s.stroke.open }

// set writes v at flat index idx of map m, snapshotting the slice first.
func (st *stroke) set(s *Session, m Map, idx int, v uint8) {
	lm := s.Maps[m]
	n := lm.Dims[0] * lm.Dims[1]
	k, r := idx/n, idx%n
	i, j := r%lm.Dims[0], r/lm.Dims[0]
	var sn *snap
	for x := range st.snaps {
		if st.snaps[x].m == m && st.snaps[x].k == k {
			sn = &st.snaps[x]
			break
		}
	}
	if sn == nil {
		var buf []byte
		if l := len(st.free); l > 0 && cap(st.free[l-1]) >= n {
			buf, st.free = st.free[l-1][:n], st.free[:l-1]
		} else {
			buf = make([]byte, n)
		}
		copy(buf, lm.Axial(k))
		st.snaps = append(st.snaps, snap{m: m, k: k, old: buf, i0: i, j0: j, i1: i, j1: j})
		sn = &st.snaps[len(st.snaps)-1]
	}
	sn.i0, sn.i1 = min(sn.i0, i), max(sn.i1, i)
	sn.j0, sn.j1 = min(sn.j0, j), max(sn.j1, j)
	lm.Voxels[idx] = v
}

// Commit closes the stroke and pushes its changes as one undo step. It
// returns nil when the stroke changed nothing.
func (s *Session) Commit() *Commit {
	st := &s.stroke
	if !st.open {
		return nil
	}
	c := &Commit{Name: st.name}
	oldBox, newBox := st.oldBox, st.newBox
	for _, sn := range st.snaps {
		lm := s.Maps[sn.m]
		nx := lm.Dims[0]
		cur := lm.Axial(sn.k)
		w, h := sn.i1-sn.i0+1, sn.j1-sn.j0+1
		oldBox, newBox = oldBox[:0], newBox[:0]
		changed := 0
		for y := sn.j0; y <= sn.j1; y++ {
			o, n := sn.old[y*nx+sn.i0:y*nx+sn.i1+1], cur[y*nx+sn.i0:y*nx+sn.i1+1]
			for x := range o {
				if o[x] != n[x] {
					changed++
				}
			}
			oldBox, newBox = append(oldBox, o...), append(newBox, n...)
		}
		if changed == 0 {
			continue
		}
		p := Patch{Map: sn.m, K: sn.k, I0: sn.i0, J0: sn.j0, W: w, H: h, Old: rleAppend(nil, oldBox), New: rleAppend(nil, newBox)}
		c.Patches = append(c.Patches, p)
		c.Changed += changed
		c.Bytes += len(p.Old) + len(p.New) + 64
	}
	st.oldBox, st.newBox = oldBox, newBox
	s.endStroke()
	if c.Changed == 0 {
		return nil
	}
	s.History.push(c)
	return c
}

// Abort closes the stroke and puts back every voxel it changed.
func (s *Session) Abort() {
	for _, sn := range s.stroke.snaps {
		copy(s.Maps[sn.m].Axial(sn.k), sn.old)
	}
	s.endStroke()
}

func (s *Session) endStroke() {
	st := &s.stroke
	for _, sn := range st.snaps {
		st.free = append(st.free, sn.old)
	}
	st.snaps = st.snaps[:0]
	st.open = false
}

// writeSlice replaces axial slice k of map m inside the open stroke.
func (s *Session) writeSlice(m Map, k int, vals []uint8) {
	lm := s.Maps[m]
	base := k * lm.Dims[0] * lm.Dims[1]
	for i, v := range vals {
		if lm.Voxels[base+i] != v {
			s.stroke.set(s, m, base+i, v)
		}
	}
}

// sliceOf returns a copy of axial slice k of map m.
func (s *Session) sliceOf(m Map, k int) []uint8 {
	return append([]uint8(nil), s.Maps[m].Axial(k)...)
}
