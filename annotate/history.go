package annotate

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// DefaultUndoBudget bounds the memory of the undo history.
const DefaultUndoBudget = 256 << 20

// KeepCommits is how many of the newest commits the budget never drops.
const KeepCommits = 20

// Patch is the change a commit made to one axial slice of one map: the
// bounding box of the changed voxels with their old and new values,
// run-length encoded.
type Patch struct {
	Map      Map
	K        int
	I0, J0   int
	W, H     int
	Old, New []byte // RLE of W×H values, row by row
}

// Commit is one undo step: a named user action and what it changed.
type Commit struct {
	Name    string
	Patches []Patch
	Changed int // voxels
	Bytes   int // memory held
}

// Slices lists the axial slices the commit changed, each once.
func (c *Commit) Slices() []int {
	var ks []int
	for _, p := range c.Patches {
		if !slices.Contains(ks, p.K) {
			ks = append(ks, p.K)
		}
	}
	return ks
}

// History is the undo and redo stacks, bounded by a memory budget that
// drops the oldest commits but never the last KeepCommits.
type History struct {
	Budget int
	undo   []*Commit
	redo   []*Commit
	bytes  int
}

// top is the commit an undo would revert, nil when none.
func (h *History) top() *Commit {
	if len(h.undo) == 0 {
		return nil
	}
	return h.undo[len(h.undo)-1]
}

// Bytes is the memory the history holds.
func (h *History) Bytes() int { return h.bytes }

// Len returns how many commits can be undone and redone.
func (h *History) Len() (undo, redo int) { return len(h.undo), len(h.redo) }

// UndoName and RedoName name the next undo and redo ("brush: muscle"),
// "" when there is none.
func (h *History) UndoName() string {
	if len(h.undo) == 0 {
		return ""
	}
	return h.undo[len(h.undo)-1].Name
}

// RedoName names the next redo.
func (h *History) RedoName() string {
	if len(h.redo) == 0 {
		return ""
	}
	return h.redo[len(h.redo)-1].Name
}

func (h *History) push(c *Commit) {
	for _, r := range h.redo {
		h.bytes -= r.Bytes
	}
	h.redo = h.redo[:0]
	h.undo = append(h.undo, c)
	h.bytes += c.Bytes
	for h.Budget > 0 && h.bytes > h.Budget && len(h.undo) > KeepCommits {
		h.bytes -= h.undo[0].Bytes
		h.undo[0] = nil
		h.undo = h.undo[1:]
	}
}

// ErrNothing is returned by Undo and Redo with nothing to do.
var ErrNothing = errors.New("nothing to undo or redo")

// Undo reverts the last commit and returns it.
func (s *Session) Undo() (*Commit, error) {
	h := &s.History
	if len(h.undo) == 0 {
		return nil, ErrNothing
	}
	if err := s.frozen(); err != nil {
		return nil, err
	}
	c := h.undo[len(h.undo)-1]
	if err := s.apply(c, false); err != nil {
		return nil, err // the step stays: nothing was changed
	}
	h.undo = h.undo[:len(h.undo)-1]
	h.redo = append(h.redo, c)
	return c, nil
}

// Redo re-applies the last undone commit and returns it.
func (s *Session) Redo() (*Commit, error) {
	h := &s.History
	if len(h.redo) == 0 {
		return nil, ErrNothing
	}
	if err := s.frozen(); err != nil {
		return nil, err
	}
	c := h.redo[len(h.redo)-1]
	if err := s.apply(c, true); err != nil {
		return nil, err // the step stays: nothing was changed
	}
	h.redo = h.redo[:len(h.redo)-1]
	h.undo = append(h.undo, c)
	return c, nil
}

// apply writes the new (redo) or old (undo) values of every patch. It
// decodes every patch first, so a damaged step changes nothing.
func (s *Session) apply(c *Commit, redo bool) error {
	for _, p := range c.Patches {
		data := p.Old
		if redo {
			data = p.New
		}
		if err := rleEach(data, p.W*p.H, func(byte, int) {}); err != nil {
			return fmt.Errorf("undo %q: %w", c.Name, err)
		}
	}
	for _, p := range c.Patches {
		m := s.Maps[p.Map]
		data := p.Old
		if redo {
			data = p.New
		}
		nx := m.Dims[0]
		base := p.K * nx * m.Dims[1]
		x, y := 0, 0
		err := rleEach(data, p.W*p.H, func(v byte, n int) {
			for ; n > 0; n-- {
				m.Voxels[base+(p.J0+y)*nx+p.I0+x] = v
				if x++; x == p.W {
					x, y = 0, y+1
				}
			}
		})
		if err != nil {
			return fmt.Errorf("undo %q: %w", c.Name, err)
		}
	}
	return nil
}

// rleAppend appends the run-length code of b (uvarint count, value).
func rleAppend(dst, b []byte) []byte {
	for i := 0; i < len(b); {
		j := i + 1
		for j < len(b) && b[j] == b[i] {
			j++
		}
		dst = binary.AppendUvarint(dst, uint64(j-i))
		dst = append(dst, b[i])
		i = j
	}
	return dst
}

// rleEach calls f for each run of an RLE code holding n values.
func rleEach(code []byte, n int, f func(v byte, count int)) error {
	got := 0
	for len(code) > 0 {
		c, w := binary.Uvarint(code)
		if w <= 0 || len(code) < w+1 || c == 0 || got+int(c) > n {
			return errors.New("corrupt undo record")
		}
		f(code[w], int(c))
		got += int(c)
		code = code[w+1:]
	}
	if got != n {
		return errors.New("short undo record")
	}
	return nil
}
