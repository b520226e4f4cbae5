package casework

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// ErrNoFiles is returned by Save for a case that lives in memory only
// (the demo).
var ErrNoFiles = fmt.Errorf("the demo case lives in memory: write the demo data set to get files you can edit and save")

// ErrReadOnly is returned by Save in read-only mode.
var ErrReadOnly = fmt.Errorf("read-only: nothing is written")

// Save writes both label maps of the open case from copies in the
// background (editing goes on), then the reasons of its slices marked
// not annotated, and records the revision in the review store. done, when
// not nil, runs on the owner's goroutine with the error that kept the
// maps from being written (every edit is still in memory then); a Saved
// or Failed event tells subscribers either way. QC runs again after a
// save.
func (w *Workspace) Save(done func(error)) {
	finish := func(err error) {
		if done != nil {
			done(err)
		}
	}
	c := w.open
	switch {
	case c == nil || c.Edit == nil:
		finish(fmt.Errorf("no case with label maps is open"))
		return
	case w.ReadOnly:
		finish(ErrReadOnly)
		return
	case c.Loaded == nil:
		finish(ErrNoFiles)
		return
	case w.save.running:
		finish(fmt.Errorf("a save of %s is already under way", c.ID))
		return
	case w.needsLock() && !w.HoldsLock():
		err := w.lockRefusal(c)
		w.emit(Event{Kind: Message, Case: c, Text: err.Error()})
		w.Autosave()
		finish(err)
		return
	case c.Reader != "":
		w.saveReader(c, finish) // a second reader's maps go to their own folder
		return
	}
	job := w.saveJob(c)
	l := w.lease
	w.save.running = true
	unhold := w.hold(job.rv)
	if l != nil {
		l.saves.Add(1)
	}
	w.Go(func() func() {
		rev, recErr, err := job.run()
		if l != nil {
			l.saves.Done()
		}
		return func() {
			unhold()
			w.save.running = false
			if err != nil {
				if errors.Is(err, review.ErrLockLost) {
					w.lockLost(c, l, err)
				}
				w.save.activity.Add(time.Duration(job.activeMS) * time.Millisecond) // counted at the next save
				w.emit(Event{Kind: Failed, Case: c, SaveFailed: true,
					Err: fmt.Errorf("could not save %s; every edit is still here: %w", c.ID, err)})
				finish(err)
				return
			}
			c.Edit.MarkSaved(job.at, job.saved)
			if w.open == c {
				w.save.autosavedAt = nil
			}
			w.emit(Event{Kind: Saved, Case: c, Text: rev})
			w.savedSlices(c, job)
			w.auditTakes(c, job)
			if recErr != nil {
				w.emit(Event{Kind: Failed, Case: c, Err: fmt.Errorf("saved %s, but %w", c.ID, recErr)})
			}
			if w.open == c {
				// QC on every save, on the copies just saved: no one
				// changes them any more.
				w.runQC(c, &qc.Input{Image: c.Layers.Image, Regions: job.regions, Parts: job.parts}, nil)
				w.RefreshReview()
			}
			finish(nil)
		}
	})
}

// saveJob is everything a save needs, taken on the owner's goroutine so
// that the save goroutine reads nothing the owner may change: the copies
// of the maps, the maps as last saved, the notes, the review store and the
// user as they were when the save began.
type saveJob struct {
	l              *store.Loaded
	at             *annotate.Commit
	regions, parts *volume.LabelMap
	before         [2]annotate.Snapshot // the maps as last saved
	saved          [2]annotate.Snapshot // the maps as saved now
	notes          map[int]string
	rv             *review.Store
	user           string
	ds             *store.Dataset
	timeout        time.Duration
	fence          func() error // the review store's CheckLock (nil without a store)
	activeMS       int64        // active editing time since the last save
}

func (w *Workspace) saveJob(c *Case) *saveJob {
	sess := c.Edit
	j := &saveJob{l: c.Loaded, at: sess.SavePoint(), rv: w.team.store, user: w.team.user, notes: map[int]string{}}
	j.regions, j.parts = sess.Copies()
	j.before = sess.Original // never changed once made: no copy needed
	for k, why := range sess.Notes {
		if k >= 0 && k < j.regions.Dims[2] && j.regions.SliceState(k) == volume.Ignored {
			j.notes[k] = why
		}
	}
	j.ds = w.ds
	j.timeout = w.opts.Timeout
	j.fence = w.fence(c)
	j.activeMS = w.save.activity.Take().Milliseconds()
	return j
}

// run writes the maps, the notes and the revision (in the save
// goroutine). err means the maps were not written; recErr that they were,
// but something beside them was not.
func (j *saveJob) run() (rev string, recErr, err error) {
	rev, err = j.l.SaveLabelsFenced(j.regions, j.parts, j.fence)
	if err != nil {
		return "", nil, err
	}
	per := j.regions.Dims[0] * j.regions.Dims[1]
	j.saved = [2]annotate.Snapshot{annotate.NewSnapshot(j.regions.Voxels, per), annotate.NewSnapshot(j.parts.Voxels, per)}
	if nerr := j.l.Case.SaveSliceNotes(j.notes); nerr != nil {
		return rev, fmt.Errorf("the slice notes were not written: %w", nerr), nil
	}
	if rerr := j.recordRevision(rev); rerr != nil {
		return rev, fmt.Errorf("the revision was not recorded: %w", rerr), nil
	}
	return rev, nil, nil
}

// recordRevision records a save in the review store: who, the folder of
// the replaced maps, changed voxels per map and label, and QC counts.
func (j *saveJob) recordRevision(rev string) error {
	if j.rv == nil {
		return nil
	}
	changes := map[string]int{}
	for m, now := range [2][]uint8{j.regions.Voxels, j.parts.Voxels} {
		countChanges(changes, [2]string{"regions", "parts"}[m], j.before[m], now, j.regions.Dims[0]*j.regions.Dims[1])
	}
	cfg, err := QCConfig(j.ds)
	if err != nil {
		cfg = qc.DefaultConfig()
	}
	e, wn, _ := qc.Count(qc.Check(&qc.Input{Image: j.l.Image, Regions: j.regions, Parts: j.parts}, cfg))
	ctx, cancel := context.WithTimeout(context.Background(), j.timeout)
	defer cancel()
	_, err = j.rv.RecordSave(ctx, review.Revision{Case: j.l.Case.ID, Author: j.user, Path: rev,
		Changes: changes, QCErrors: e, QCWarnings: wn, ActiveMS: j.activeMS, VsProposal: j.vsProposal(ctx)})
	if err != nil {
		return describe("review store", err, j.timeout)
	}
	return nil
}

// vsProposal counts the voxels that differ from the proposal per map and
// label (metrics.Changes): the proposal is the maps the case's first save
// replaced, kept in its history, or the maps as last saved when this is
// the first save. nil when the proposal cannot be read (the revision is
// recorded without it).
func (j *saveJob) vsProposal(ctx context.Context) map[string]int {
	proposal := [2]*volume.LabelMap{}
	if revs, err := j.rv.Revisions(ctx, j.l.Case.ID); err == nil && len(revs) > 0 && revs[0].Path != "" {
		for m, name := range [2]string{store.RegionsFile, store.PartsFile} {
			lm, _, err := nifti.LoadLabels(filepath.Join(revs[0].Path, name), nil)
			if err != nil {
				return nil
			}
			proposal[m] = lm
		}
	} else {
		for m, snap := range j.before {
			proposal[m] = &volume.LabelMap{Grid: j.regions.Grid, Voxels: snap.Flat()}
		}
	}
	return changesAgainst(proposal, [2]*volume.LabelMap{j.regions, j.parts})
}

// countChanges adds to changes, by "map/label", the voxels gained (+) and
// lost (−) by each label from before to now (slices of per voxels).
func countChanges(changes map[string]int, name string, before annotate.Snapshot, now []uint8, per int) {
	var gained, lost [256]int
	for k := 0; k*per < len(now); k++ {
		cur, old := now[k*per:(k+1)*per], before.Slice(k)
		for i, v := range cur {
			o := uint8(volume.NotAnnotated)
			if old != nil {
				o = old[i]
			}
			if o != v {
				gained[v]++
				lost[o]++
			}
		}
	}
	for l := range gained {
		if gained[l] != 0 || lost[l] != 0 {
			changes[fmt.Sprintf("%s/%d", name, l)] += gained[l] - lost[l]
		}
	}
}

// Edited tells the workspace that the maps of the open case changed (a
// stroke, undo, redo): it autosaves every AutosaveStrokes edits and tells
// subscribers.
func (w *Workspace) Edited() { w.edited(false) }

// edited is Edited, saying whether which slices are annotated may have
// changed (a restore of whole maps).
func (w *Workspace) edited(slices bool) {
	if w.open == nil {
		return
	}
	w.save.strokes++
	w.save.activity.Touch(w.opts.Now())
	if w.save.strokes%AutosaveStrokes == 0 {
		w.Autosave()
	}
	w.emit(Event{Kind: Edited, Case: w.open, Slices: slices})
}

// Autosave copies unsaved edits of the open case to its recovery files in
// the background.
func (w *Workspace) Autosave() {
	c := w.open
	if c == nil || c.Edit == nil || c.Loaded == nil || w.ReadOnly || w.save.running || c.Reader != "" {
		return
	}
	sess := c.Edit
	at := sess.SavePoint()
	if !sess.Dirty() || sess.InStroke() || at == w.save.autosavedAt {
		return
	}
	r, p := sess.Copies()
	cs := c.Loaded.Case
	w.Go(func() func() {
		err := cs.WriteRecovery(r, p)
		return func() {
			if err != nil {
				w.fail(c, "autosave failed", err)
				return
			}
			if w.open == c {
				w.save.autosavedAt = at
			}
		}
	})
}

// Discard forgets the unsaved edits of the open case: the recovery files
// go and the session counts as saved (the caller leaves the case next).
func (w *Workspace) Discard() {
	c := w.open
	if c == nil || c.Edit == nil {
		return
	}
	if c.Loaded != nil {
		cs := c.Loaded.Case
		w.Go(func() func() {
			if err := cs.ClearRecovery(); err != nil {
				return func() { w.fail(c, "remove the autosaved edits", err) }
			}
			return nil
		})
	}
	// The maps on disk are still those of Original: mark the session saved
	// without writing Original (a save may be reading it).
	c.Edit.MarkSaved(c.Edit.SavePoint(), c.Edit.Original)
}

// Recover restores the autosaved edits of the open case as one undo step
// (restore) or removes them (!restore), in the background.
func (w *Workspace) Recover(restore bool) {
	c := w.open
	if c == nil || c.Loaded == nil || c.Edit == nil {
		return
	}
	l := c.Loaded
	c.RecoveredAt = time.Time{}
	w.Go(func() func() {
		if !restore {
			if err := l.Case.ClearRecovery(); err != nil {
				return func() { w.fail(c, "remove the autosaved edits", err) }
			}
			return nil
		}
		r, p, err := l.Case.LoadRecovery(l.Image.Grid)
		return func() {
			if err == nil {
				err = c.Edit.Replace("restore autosaved edits", r.Voxels, p.Voxels)
			}
			if err != nil {
				w.fail(c, "restore the autosaved edits", err)
				return
			}
			if w.open == c {
				w.edited(true)
			}
		}
	})
}

// needsLock reports whether saving the open case needs this window's
// edit lock: always for a case of a data set folder (with its review store
// not answering there is no lock, so no save either; edits go to the
// recovery files), never for a lone case or file without a review store.
func (w *Workspace) needsLock() bool {
	return w.team.store != nil || w.ds != nil && w.ds.Kind == store.DatasetFolder
}
