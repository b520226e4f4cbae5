package casework

import (
	"context"
	"errors"
	"fmt"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/annotate/bodycomp"
	"github.com/saros-review/saros-review/volume"
)

// ErrDeriving is why the maps refuse edits while body parts are derived
// from the regions in the background.
var ErrDeriving = errors.New("body parts are being derived from the regions: edit in a moment")

// Measure measures the body composition of case c in the background and
// hands the report (or why there is none) to then on the owner's
// goroutine; then is not called when ctx ended first or c is no longer
// the open case. The job reads a copy of the annotated slices of the
// maps only (a sparse map: a fifth of its bytes), made here, so editing
// goes on meanwhile; the CT is never changed, so it is read in place.
func (w *Workspace) Measure(ctx context.Context, c *Case, then func(*bodycomp.Report, error)) {
	l := c.Layers
	if l.Image == nil || l.Regions == nil {
		then(nil, fmt.Errorf("body composition of %s: no regions map", c.ID))
		return
	}
	if err := l.Image.SameAs(l.Regions.Grid, volume.DefaultTolerance); err != nil {
		then(nil, fmt.Errorf("body composition: regions map: %w", err))
		return
	}
	if l.Parts != nil {
		if err := l.Image.SameAs(l.Parts.Grid, volume.DefaultTolerance); err != nil {
			then(nil, fmt.Errorf("body composition: parts map: %w", err))
			return
		}
	}
	per := l.Image.Dims[0] * l.Image.Dims[1]
	regions := annotate.NewSnapshot(l.Regions.Voxels, per)
	var parts func(k int) []uint8
	if l.Parts != nil {
		parts = annotate.NewSnapshot(l.Parts.Voxels, per).Slice
	}
	im := l.Image
	ctx, stop := c.bound(ctx)
	w.Go(func() func() {
		defer stop()
		var ks []int
		for k := 0; k < im.Dims[2]; k++ {
			if regions.Slice(k) != nil {
				ks = append(ks, k)
			}
		}
		sl, err := bodycomp.MeasureSlices(ctx, im, ks, regions.Slice, parts)
		var r *bodycomp.Report
		if err == nil {
			r = bodycomp.NewReport(im.Grid, sl)
		}
		return func() {
			if w.open != c || errors.Is(err, context.Canceled) {
				return
			}
			then(r, err)
		}
	})
}

// DeriveAllParts proposes body parts from the regions for every
// annotated slice of the open case in the background and hands the
// proposal to then on the owner's goroutine (not called when ctx ended
// first or the case was closed). The job reads the session's own maps,
// without a copy: the session refuses edits (ErrDeriving) until it is
// done, as when QC reads a case just opened.
func (w *Workspace) DeriveAllParts(ctx context.Context, then func(map[int][]uint8, error)) {
	c := w.open
	if c == nil || c.Edit == nil {
		return
	}
	sess := c.Edit
	if sess.InStroke() || sess.Lent != nil {
		reason := annotate.ErrStrokeOpen
		if sess.Lent != nil {
			reason = sess.Lent
		}
		then(nil, fmt.Errorf("derive parts: %w", reason))
		return
	}
	sess.Lent = ErrDeriving
	ctx, stop := c.bound(ctx)
	w.emit(Event{Kind: Message, Case: c, Text: "Deriving body parts from the regions of every annotated slice…"})
	w.Go(func() func() {
		p, err := sess.DeriveAllPartsContext(ctx)
		stop()
		return func() {
			sess.Lent = nil
			if w.open != c || errors.Is(err, context.Canceled) {
				return
			}
			then(p, err)
		}
	})
}

// bound is ctx ended also when case c leaves the screen; stop releases
// it.
func (c *Case) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	if c.life == nil {
		return ctx, cancel
	}
	unhook := context.AfterFunc(c.life, cancel)
	return ctx, func() { unhook(); cancel() }
}
