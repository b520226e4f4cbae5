package casework

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume"
)

// QCConfig is the rules file of data set ds, or the built-in rules (also
// for ds nil). It reads disk: call it off the UI thread.
func QCConfig(ds *store.Dataset) (*qc.Config, error) {
	if ds != nil && ds.Kind == store.DatasetFolder {
		p := filepath.Join(ds.Root, qc.RulesFile)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return qc.LoadRules(p)
		}
	}
	return qc.DefaultConfig(), nil
}

// ErrQCReading is why the maps of a case just opened refuse edits for a
// moment: QC reads them in the background without a copy.
var ErrQCReading = errors.New("QC is reading the maps of the case just opened: edit in a moment")

// RunQC checks the open case in the background on copies of the
// annotated slices of its maps (editing goes on; the copies take a fifth
// of whole maps on a sparse data set), tells the review store the error
// count (it gates submit and approve) and publishes the findings.
func (w *Workspace) RunQC() {
	c := w.open
	if c == nil {
		return
	}
	in := &qc.Input{Image: c.Layers.Image, Regions: c.Layers.Regions, Parts: c.Layers.Parts}
	if c.Edit != nil {
		per := c.Layers.Image.Dims[0] * c.Layers.Image.Dims[1]
		in.RegionSlices = newSparseSlices(c.Edit.Maps[annotate.MapRegions].Voxels, per)
		in.PartSlices = newSparseSlices(c.Edit.Maps[annotate.MapParts].Voxels, per)
	}
	w.runQC(c, in, nil)
}

// sparseSlices is a label map as QC reads it (qc.Slices) from a copy of
// its annotated slices: the others are one shared all-255 slice.
type sparseSlices struct {
	snap  annotate.Snapshot
	blank []uint8
}

// newSparseSlices copies the annotated slices of voxels, per voxels a
// slice.
func newSparseSlices(voxels []uint8, per int) sparseSlices {
	blank := bytes.Repeat([]byte{volume.NotAnnotated}, per)
	return sparseSlices{snap: annotate.NewSnapshot(voxels, per), blank: blank}
}

// Axial is slice k (the shared all-255 slice when nobody annotated it).
func (s sparseSlices) Axial(k int) []uint8 {
	if sl := s.snap.Slice(k); sl != nil {
		return sl
	}
	return s.blank
}

// SliceStates classifies every axial slice.
func (s sparseSlices) SliceStates() []volume.SliceState {
	st := make([]volume.SliceState, s.snap.Len()/max(1, len(s.blank)))
	for k := range st {
		switch sl := s.snap.Slice(k); {
		case sl == nil:
			st[k] = volume.Ignored
		case bytes.IndexByte(sl, volume.NotAnnotated) < 0:
			st[k] = volume.Annotated
		default:
			st[k] = volume.Mixed
		}
	}
	return st
}

// runQCOnOpen checks a case just opened on its own maps, without the
// copies RunQC makes (two whole maps: a third of a case's memory): the
// edit session refuses changes until QC gives the maps back.
func (w *Workspace) runQCOnOpen(c *Case) {
	in := &qc.Input{Image: c.Layers.Image, Regions: c.Layers.Regions, Parts: c.Layers.Parts}
	if c.Edit == nil {
		w.runQC(c, in, nil) // nothing edits these maps
		return
	}
	if c.Edit.InStroke() || c.Edit.Lent != nil {
		w.RunQC()
		return
	}
	c.Edit.Lent = ErrQCReading
	w.runQC(c, in, func() { c.Edit.Lent = nil })
}

// runQC runs QC on in (maps no one changes while it runs) in the
// background; back runs on the owner's goroutine when it has finished.
func (w *Workspace) runQC(c *Case, in *qc.Input, back func()) {
	ds, rv, timeout := w.ds, w.team.store, w.opts.Timeout
	if w.noWrite() != "" {
		rv = nil // browsing writes nothing, QC counts included
	}
	w.emit(Event{Kind: QCStarted, Case: c})
	done := w.hold(rv)
	w.Go(func() func() {
		cfg, err := QCConfig(ds)
		var fs []qc.Finding
		if err == nil {
			fs = qc.Check(in, cfg)
		}
		var storeErr error
		if err == nil && rv != nil && c.Loaded != nil {
			e, _, _ := qc.Count(fs)
			ctx, cancel := w.ctx()
			storeErr = rv.SetQCErrors(ctx, c.ID, e)
			cancel()
		}
		return func() {
			done()
			if back != nil {
				back()
			}
			if err != nil {
				w.fail(c, "QC rules", err)
				return
			}
			c.Findings = fs
			w.emit(Event{Kind: QCDone, Case: c, Findings: fs})
			if storeErr != nil {
				w.emit(Event{Kind: Failed, Case: c, Err: describe("tell the review store the QC errors of "+c.ID+" (submit and approve go by them)", storeErr, timeout)})
			}
		}
	})
}

// Accept records finding f (by its signature sig) of the open case as
// reviewed with a note, in the case folder when the case has one.
func (w *Workspace) Accept(sig, note string) { w.AcceptAll([]string{sig}, note) }

// AcceptAll records several findings (a group, by their signatures) of
// the open case as reviewed with one note, kept with one write.
func (w *Workspace) AcceptAll(sigs []string, note string) {
	c := w.open
	if c == nil || len(sigs) == 0 {
		return
	}
	if note == "" {
		note = "reviewed"
	}
	for _, sig := range sigs {
		c.Accepted[sig] = note
	}
	w.emit(Event{Kind: Accepted, Case: c})
	if c.Loaded == nil {
		return
	}
	if why := w.noFileWrite(c); why != "" {
		w.emit(Event{Kind: Message, Case: c, Text: why + ": the finding is marked reviewed on screen only, not saved"})
		return
	}
	keep := make(map[string]string, len(c.Accepted))
	for k, v := range c.Accepted {
		keep[k] = v
	}
	cs := c.Loaded.Case
	w.Go(func() func() {
		if err := cs.SaveAccepted(keep); err != nil {
			return func() { w.fail(c, "keep the accepted finding", fmt.Errorf("%s: %w", cs.ID, err)) }
		}
		return nil
	})
}
