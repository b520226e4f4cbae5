package casework

import (
	"fmt"
	"path/filepath"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// revisionMaps reads the label maps revision r kept (in a goroutine).
func revisionMaps(l *store.Loaded, r review.Revision) ([2][]uint8, error) {
	var out [2][]uint8
	for m, name := range []string{store.RegionsFile, store.PartsFile} {
		lm, _, err := nifti.LoadLabels(filepath.Join(r.Path, name), nil)
		if err != nil {
			return out, err
		}
		if err := l.Image.SameAs(lm.Grid, volume.DefaultTolerance); err != nil {
			return out, fmt.Errorf("revision %d: %v", r.ID, err)
		}
		out[m] = lm.Voxels
	}
	return out, nil
}

// RevisionMaps reads the maps revision r of the open case replaced, in
// the background; then gets them on the owner's goroutine.
func (w *Workspace) RevisionMaps(r review.Revision, then func(maps [2][]uint8)) {
	c := w.open
	if c == nil || c.Loaded == nil || w.blindRefuses(c) {
		return
	}
	w.Go(func() func() {
		maps, err := revisionMaps(c.Loaded, r)
		return func() {
			if err != nil {
				w.fail(c, fmt.Sprintf("read revision %d of %s", r.ID, c.ID), err)
				return
			}
			then(maps)
		}
	})
}

// RestoreRevision puts back the maps revision r replaced, as one undo
// step (save to keep it).
func (w *Workspace) RestoreRevision(r review.Revision) {
	c := w.open
	if c == nil || c.Edit == nil {
		return
	}
	w.RevisionMaps(r, func(maps [2][]uint8) {
		if err := c.Edit.Replace(fmt.Sprintf("restore revision %d", r.ID), maps[0], maps[1]); err != nil {
			w.fail(c, "restore revision", err)
			return
		}
		if w.open == c {
			w.edited(true)
		}
	})
}
