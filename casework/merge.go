package casework

import (
	"bytes"
	"context"
	"fmt"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/metrics"
	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// TakeSlice merges, on axial slice k, the maps compared with (A of cmp:
// the second reader's, the proposal, a revision) into the open case's
// maps: both maps of the slice become A's, as one edit the user can undo
// and saves like any other (an Edited event tells subscribers, who may
// score the comparison again with Recompare). A save that keeps a slice
// taken from the second reader audits it (their agreement is no longer
// recorded after that). Only a reviewer merges the second reader's work
// (see readersRefusal). It reports whether the slice was taken; why not
// is an event.
func (w *Workspace) TakeSlice(cmp *Comparison, k int) bool {
	c := w.open
	if c == nil || c.Edit == nil || cmp == nil {
		return false
	}
	if cmp.Dims != c.Edit.Image.Dims || k < 0 || k >= cmp.Dims[2] {
		w.fail(c, fmt.Sprintf("take slice %d", k), fmt.Errorf("the comparison is of a %v grid, the case's %v", cmp.Dims, c.Edit.Image.Dims))
		return false
	}
	if c.Reader != "" {
		w.fail(c, "take a slice", ErrBlind)
		return false
	}
	if why := w.readersRefusal(c); why != "" && cmp.Reader != "" {
		w.emit(Event{Kind: Message, Case: c, Text: why})
		return false
	}
	if why := w.noFileWrite(c); why != "" {
		w.emit(Event{Kind: Message, Case: c, Text: fmt.Sprintf("%s: taking slice %d refused, nothing changes", why, k)})
		return false
	}
	per := cmp.Dims[0] * cmp.Dims[1]
	a := [2][]uint8{cmp.A[0][k*per : (k+1)*per], cmp.A[1][k*per : (k+1)*per]}
	if bytes.Equal(c.Edit.Maps[0].Voxels[k*per:(k+1)*per], a[0]) && bytes.Equal(c.Edit.Maps[1].Voxels[k*per:(k+1)*per], a[1]) {
		w.emit(Event{Kind: Message, Case: c, Text: fmt.Sprintf("Slice %d already is %s's: nothing to take", k, cmp.Against)})
		return false
	}
	what := fmt.Sprintf("take slice %d of %s", k, cmp.Against)
	if err := c.Edit.TakeSlice(what, k, a[0], a[1]); err != nil {
		w.fail(c, what, err)
		return false
	}
	if cmp.Reader != "" {
		if c.taken == nil {
			c.taken = map[int]takenSlice{}
		}
		c.taken[k] = takenSlice{login: cmp.Reader, regions: a[0], parts: a[1]}
	}
	w.edited(false)
	return true
}

// Recompare scores A of cmp again against the open case's maps as they
// are now, in the background; then gets the new comparison (same A, same
// name) on the owner's goroutine, or nil when it could not be made (the
// error is a Failed event) or the case left the screen meanwhile.
func (w *Workspace) Recompare(cmp *Comparison, then func(*Comparison)) {
	c := w.open
	if c == nil || c.Layers.Regions == nil || c.Layers.Parts == nil || cmp == nil {
		then(nil)
		return
	}
	// On the owner's goroutine only the annotated slices are copied (a
	// fifth of a sparse map); the whole maps are written out in the
	// background.
	g := c.Layers.Regions.Grid
	per := g.Dims[0] * g.Dims[1]
	snap := [2]annotate.Snapshot{annotate.NewSnapshot(c.Layers.Regions.Voxels, per), annotate.NewSnapshot(c.Layers.Parts.Voxels, per)}
	w.Go(func() func() {
		next, err := score(cmp.A, [2][]uint8{snap[0].Flat(), snap[1].Flat()}, g, cmp.Against)
		if next != nil {
			next.Reader = cmp.Reader
		}
		return func() {
			if err != nil {
				w.fail(c, "compare "+c.ID+" with "+cmp.Against, err)
				next = nil
			}
			if w.open != c {
				next = nil
			}
			then(next)
		}
	})
}

// score compares a with b (both maps) on grid g.
func score(a, b [2][]uint8, g volume.Grid, against string) (*Comparison, error) {
	ma := metrics.Maps{Regions: &volume.LabelMap{Grid: g, Voxels: a[0]}, Parts: &volume.LabelMap{Grid: g, Voxels: a[1]}}
	mb := metrics.Maps{Regions: &volume.LabelMap{Grid: g, Voxels: b[0]}, Parts: &volume.LabelMap{Grid: g, Voxels: b[1]}}
	res, err := metrics.Compare(ma, mb, 0)
	if err != nil {
		return nil, err
	}
	return &Comparison{Against: against, A: a, B: b, Dims: g.Dims, Result: res}, nil
}

// recordReading records a second reader's save of c in the review store
// (in the background, after their maps are written): their active
// editing time since their last save, their maps' voxels against the
// proposal and their QC counts, so that the lab report counts their work.
func (w *Workspace) recordReading(c *Case, regions, parts *volume.LabelMap, activeMS int64) {
	if w.team.store == nil {
		return
	}
	l, login, ds := c.Loaded, c.Reader, w.ds
	w.write(c, "record your reading of "+c.ID+" (your maps are saved)", func(ctx context.Context, rv *review.Store) error {
		cfg, err := QCConfig(ds)
		if err != nil {
			cfg = qc.DefaultConfig()
		}
		e, wn, _ := qc.Count(qc.Check(&qc.Input{Image: l.Image, Regions: regions, Parts: parts}, cfg))
		r := review.ReaderSave{Case: l.Case.ID, Login: login, ActiveMS: activeMS, QCErrors: e, QCWarnings: wn}
		if prop, err := readerProposal(ctx, rv, l); err == nil {
			r.VsProposal = changesAgainst(prop, [2]*volume.LabelMap{regions, parts})
		}
		return rv.RecordReaderSave(ctx, r)
	}, nil)
}

// readerProposal is the proposal a second reader started from: the maps
// the case's first save replaced, or the case's maps on disk when its
// annotator has saved nothing yet (they are the proposal then).
func readerProposal(ctx context.Context, rv *review.Store, l *store.Loaded) ([2]*volume.LabelMap, error) {
	var out [2]*volume.LabelMap
	revs, err := rv.Revisions(ctx, l.Case.ID)
	if err != nil {
		return out, err
	}
	if first, ok := Proposal(revs); ok {
		maps, err := revisionMaps(l, first)
		if err != nil {
			return out, err
		}
		for m := range maps {
			out[m] = &volume.LabelMap{Grid: l.Image.Grid, Voxels: maps[m]}
		}
		return out, nil
	}
	for m, path := range [2]string{l.Case.Regions, l.Case.Parts} {
		lm, _, err := nifti.LoadLabels(path, nil)
		if err != nil {
			return out, err
		}
		if err := l.Image.SameAs(lm.Grid, volume.DefaultTolerance); err != nil {
			return out, fmt.Errorf("%s: %v", path, err)
		}
		out[m] = lm
	}
	return out, nil
}

// changesAgainst counts the voxels of cur that differ from proposal, per
// map and label (metrics.Changes); nil when they cannot be compared.
func changesAgainst(proposal, cur [2]*volume.LabelMap) map[string]int {
	out := map[string]int{}
	for m := range cur {
		ch, err := metrics.Changes([2]string{"regions", "parts"}[m], proposal[m], cur[m])
		if err != nil {
			return nil
		}
		for k, v := range ch {
			out[k] = v
		}
	}
	return out
}
