package store

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// Loaded is a case in memory: the CT image and the label maps (nil when
// the case has none), with the headers they were read with.
type Loaded struct {
	Case          *Case
	Image         *volume.Image
	Regions       *volume.LabelMap
	Parts         *volume.LabelMap
	ImageHeader   *nifti.Header
	RegionsHeader *nifti.Header
	PartsHeader   *nifti.Header
	// Finished says what opening did to an interrupted save ("" if none):
	// see FinishSave.
	Finished string
}

// Progress is told the bytes done of the total for a whole case load.
type Progress func(done, total int64)

// Load reads the case's image and label maps, checking that each map has
// the image's grid.
func (c *Case) Load(progress Progress) (*Loaded, error) {
	return c.LoadContext(context.Background(), progress)
}

// LoadContext is Load that stops between files once ctx is done (a file
// being inflated is finished first; that takes well under a second).
func (c *Case) LoadContext(ctx context.Context, progress Progress) (*Loaded, error) {
	if c.Image == "" {
		return nil, fmt.Errorf("open %s: no %s", c.ID, ImageFile)
	}
	finished, err := c.FinishSave()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", c.ID, err)
	}
	// Read the pair while no save replaces it (SaveLockFile).
	if c.Dir != "" {
		unlock, _, err := lockSaves(c.Dir, false, true)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", c.ID, err)
		}
		defer unlock()
	}
	if progress == nil {
		progress = func(int64, int64) {}
	}
	sizes := fileSizes(c.Image, c.Regions, c.Parts)
	var total, base int64
	for _, s := range sizes {
		total += s
	}
	step := func() nifti.Progress {
		b := base
		return func(done, _ int64) { progress(b+done, total) }
	}
	l := &Loaded{Case: c, Finished: finished}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("open %s: %w", c.ID, err)
	}
	l.Image, l.ImageHeader, err = nifti.LoadImage(c.Image, step())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", c.ID, err)
	}
	base += sizes[0]
	for i, m := range []struct {
		path string
		dst  **volume.LabelMap
		hdr  **nifti.Header
	}{{c.Regions, &l.Regions, &l.RegionsHeader}, {c.Parts, &l.Parts, &l.PartsHeader}} {
		if m.path == "" {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("open %s: %w", c.ID, err)
		}
		lm, h, err := nifti.LoadLabels(m.path, step())
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", c.ID, err)
		}
		if err := l.Image.SameAs(lm.Grid, volume.DefaultTolerance); err != nil {
			return nil, fmt.Errorf("open %s/%s: %v of the image", c.ID, filepath.Base(m.path), err)
		}
		*m.dst, *m.hdr = lm, h
		base += sizes[i+1]
	}
	progress(total, total)
	return l, nil
}
