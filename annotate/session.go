// Package annotate is the editing session of one case: both label maps,
// the tools, undo and redo, the sparse-slice rules. It never imports a GUI
// toolkit; the label tables are in package labels.
package annotate

import (
	"errors"
	"fmt"

	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/volume"
)

// Map selects one of the two label maps of a case.
type Map int

// The maps.
const (
	MapRegions Map = iota
	MapParts
)

// String names the map.
func (m Map) String() string { return [...]string{"regions", "parts"}[m] }

// Table returns the label table of the map.
func (m Map) Table() labels.Table {
	if m == MapParts {
		return labels.Parts
	}
	return labels.Regions
}

// PaintOver says which voxels a tool may change (ITK-SNAP's "paint over").
type PaintOver int

// The paint-over modes.
const (
	OverAll        PaintOver = iota // any voxel
	OverBackground                  // only background voxels
	OverLabel                       // only voxels of one chosen label
)

// Protection is the paint-over mode of the map being edited.
type Protection struct {
	Mode  PaintOver
	Label uint8 // for OverLabel
}

// Session is the editing session of one case: both label maps edited
// together, the undo history, protection and locks. Every change goes
// through a stroke (Begin … Commit), so each user action is one undo step.
type Session struct {
	Image *volume.Image
	Maps  [2]*volume.LabelMap
	// Original is the maps as last saved (as opened until a save), for the
	// changes overlay and the revision's count of changes; annotated
	// slices only (see Snapshot).
	Original [2]Snapshot
	History  History
	Protect  Protection
	Locked   [2][256]bool // labels no tool may change, per map
	ReadOnly bool
	// Lent, when not nil, says that a background job reads the maps (QC
	// on opening, without a copy): every change is refused with it until
	// the job gives them back.
	Lent error
	// ActivePart is given to new body voxels when no body part lies near
	// (see SetRegion).
	ActivePart uint8
	// Notes holds the reason each slice was marked not annotated.
	Notes map[int]string

	stroke  stroke
	marked  map[int][2][]uint8 // contents of slices marked not annotated here
	scratch []int32            // fill and component stack, reused
	found   []int32            // component voxels, reused
	seenBuf []bool             // component visited marks, all false between uses
	saved   *Commit            // the commit on top of the undo stack at the last save
}

// NewSession starts editing; the maps must have the image's grid.
func NewSession(im *volume.Image, regions, parts *volume.LabelMap) (*Session, error) {
	if regions == nil || parts == nil {
		return nil, errors.New("edit: the case needs both label maps")
	}
	for _, m := range []*volume.LabelMap{regions, parts} {
		if err := im.SameAs(m.Grid, volume.DefaultTolerance); err != nil {
			return nil, fmt.Errorf("edit: label map %v of the image", err)
		}
	}
	s := &Session{Image: im, Maps: [2]*volume.LabelMap{regions, parts}, ActivePart: labels.PartTorso,
		Notes: map[int]string{}, marked: map[int][2][]uint8{}}
	per := regions.Dims[0] * regions.Dims[1]
	s.Original = [2]Snapshot{NewSnapshot(regions.Voxels, per), NewSnapshot(parts.Voxels, per)}
	s.History.Budget = DefaultUndoBudget
	return s, nil
}

// ErrReadOnly is returned by edits in read-only mode.
var ErrReadOnly = errors.New("read-only: nothing can be changed")

// frozen says why the maps may not change now, or nil.
func (s *Session) frozen() error {
	if s.ReadOnly {
		return ErrReadOnly
	}
	return s.Lent
}

// Editable returns nil when axial slice k may be edited, or an error that
// says why not, for the status bar.
func (s *Session) Editable(k int) error {
	if err := s.frozen(); err != nil {
		return err
	}
	if k < 0 || k >= s.Image.Dims[2] {
		return fmt.Errorf("slice %d is outside the volume", k)
	}
	for _, m := range s.Maps {
		switch m.SliceState(k) {
		case volume.Ignored:
			return fmt.Errorf("slice %d is not annotated: only annotated slices can be edited", k)
		case volume.Mixed:
			return fmt.Errorf("slice %d is partly not annotated (mixed): mark it not annotated or restore it first", k)
		}
	}
	return nil
}

// Dirty reports whether there are changes since the last save.
func (s *Session) Dirty() bool { return s.History.top() != s.saved || s.stroke.open }

// SavePoint identifies the current state, for MarkSavedAt after a save
// that ran in the background on copies of the maps.
func (s *Session) SavePoint() *Commit { return s.History.top() }

// Copies returns copies of both maps (to save or autosave in the
// background while editing goes on).
func (s *Session) Copies() (regions, parts *volume.LabelMap) {
	return s.Maps[0].Clone(), s.Maps[1].Clone()
}

// MarkSaved records that the maps saved were those of save point at, as
// snapshot orig (made in the background from the saved copies): Dirty is
// false again if nothing changed since, and the changes overlay starts
// from what is on disk.
func (s *Session) MarkSaved(at *Commit, orig [2]Snapshot) {
	s.saved = at
	s.Original = orig
}

// MarkSavedAt records that the maps saved were those of save point at,
// with the given voxels: Dirty is false again if nothing changed since,
// and the changes overlay starts from what is on disk.
func (s *Session) MarkSavedAt(at *Commit, regions, parts []uint8) {
	s.saved = at
	per := s.Image.Dims[0] * s.Image.Dims[1]
	if regions != nil {
		s.Original[0] = NewSnapshot(regions, per)
	}
	if parts != nil {
		s.Original[1] = NewSnapshot(parts, per)
	}
}

// writable reports whether a tool may change a voxel of map m holding old
// (protection applies to the map being edited, locks to both).
func (s *Session) writable(m, edited Map, old uint8) bool {
	if s.Locked[m][old] {
		return false
	}
	if m != edited {
		return true
	}
	switch s.Protect.Mode {
	case OverBackground:
		return old == 0
	case OverLabel:
		return old == s.Protect.Label
	}
	return true
}

// SetRegion gives voxel idx region label v, keeping the parts map's
// foreground equal to the regions' (the rule of the data set):
//   - v = 0 clears the voxel in both maps;
//   - a region painted on background gets body part part (the caller
//     passes the part under the brush centre or nearest to it, see
//     PartNear), so the voxel is body in both maps;
//   - changing one region label to another leaves the part alone.
//
// Protected or locked voxels, in either map, are left as they are. It
// reports whether the voxel changed.
func (s *Session) SetRegion(idx int, v, part uint8) bool {
	r, p := s.Maps[MapRegions].Voxels, s.Maps[MapParts].Voxels
	old := r[idx]
	if old == v || old == volume.NotAnnotated || !s.writable(MapRegions, MapRegions, old) {
		return false
	}
	switch {
	case v == 0:
		if !s.writable(MapParts, MapRegions, p[idx]) {
			return false
		}
		s.stroke.set(s, MapParts, idx, 0)
	case old == 0:
		if part == 0 || !s.writable(MapParts, MapRegions, p[idx]) {
			return false
		}
		s.stroke.set(s, MapParts, idx, part)
	}
	s.stroke.set(s, MapRegions, idx, v)
	return true
}

// SetPart gives voxel idx body part v. labels.Parts are only painted on body
// voxels (region > 0), so the maps keep the same foreground; v = 0 erases
// the voxel in both maps.
func (s *Session) SetPart(idx int, v uint8) bool {
	r, p := s.Maps[MapRegions].Voxels, s.Maps[MapParts].Voxels
	old := p[idx]
	if old == v || old == volume.NotAnnotated || !s.writable(MapParts, MapParts, old) {
		return false
	}
	if v == 0 {
		if !s.writable(MapRegions, MapParts, r[idx]) {
			return false
		}
		s.stroke.set(s, MapRegions, idx, 0)
	} else if r[idx] == 0 {
		return false
	}
	s.stroke.set(s, MapParts, idx, v)
	return true
}

// set routes a label to SetRegion or SetPart.
func (s *Session) set(m Map, idx int, v, part uint8) bool {
	if m == MapParts {
		return s.SetPart(idx, v)
	}
	return s.SetRegion(idx, v, part)
}

// PartNear returns the body part at voxel (i, j) of slice k, or the nearest
// body part within maxMM millimetres on that slice, or ActivePart.
func (s *Session) PartNear(k int, i, j int, maxMM float64) uint8 {
	g := s.Image.Grid
	p := s.Maps[MapParts].Voxels
	nx, ny := g.Dims[0], g.Dims[1]
	best, bestD := s.ActivePart, maxMM*maxMM
	ri, rj := int(maxMM/g.Spacing[0]), int(maxMM/g.Spacing[1])
	for dj := -rj; dj <= rj; dj++ {
		y := j + dj
		if y < 0 || y >= ny {
			continue
		}
		for di := -ri; di <= ri; di++ {
			x := i + di
			if x < 0 || x >= nx {
				continue
			}
			v := p[g.Index(x, y, k)]
			if v == 0 || v == volume.NotAnnotated {
				continue
			}
			d := (float64(di)*g.Spacing[0])*(float64(di)*g.Spacing[0]) + (float64(dj)*g.Spacing[1])*(float64(dj)*g.Spacing[1])
			if d < bestD || d == 0 {
				best, bestD = v, d
			}
		}
	}
	return best
}

// seen returns the visited marks for a slice of n voxels (all false).
func (s *Session) seen(n int) []bool {
	if len(s.seenBuf) < n {
		s.seenBuf = make([]bool, n)
	}
	return s.seenBuf[:n]
}
