package casework

import (
	"fmt"

	"github.com/saros-review/saros-review/annotate/bodycomp"
	"github.com/saros-review/saros-review/store"
)

// PatientHeight is DICOM PatientSize (0010,1020) of the case's kept tags,
// in metres; 0 when there is none. A value that is not a height in metres
// is an error (bodycomp.PatientHeight).
func (c *Case) PatientHeight() (float64, error) {
	return bodycomp.PatientHeight(c.Tags, store.DICOMTagsFile)
}

// SetL3 makes ch the open case's L3 choice and keeps it in the case
// folder (when the case has one) in the background; a failure to write
// is a Failed event. A read-only case keeps it in memory only and says so.
func (w *Workspace) SetL3(ch store.L3Choice) {
	c := w.open
	if c == nil {
		return
	}
	c.L3 = &ch
	if c.Loaded == nil {
		return
	}
	if why := w.noFileWrite(c); why != "" {
		w.emit(Event{Kind: Message, Case: c, Text: why + ": the L3 slice is kept on screen only, not saved"})
		return
	}
	cs := c.Loaded.Case
	w.Go(func() func() {
		if err := cs.SaveL3(&ch); err != nil {
			return func() { w.fail(c, "keep the L3 slice", fmt.Errorf("%s: %w", cs.ID, err)) }
		}
		return nil
	})
}

// ReadVertebrae reads BOA's vertebrae.json at path in the background and
// hands the vertebrae (or why not) to then on the owner's goroutine.
func (w *Workspace) ReadVertebrae(path string, then func(map[string][2]int, error)) {
	w.Go(func() func() {
		v, err := bodycomp.ReadVertebrae(path)
		return func() { then(v, err) }
	})
}

// loadL3 reads the L3 choice kept beside the maps of l into c.
func (c *Case) loadL3(l *store.Loaded) {
	ch, err := l.Case.LoadL3()
	if err != nil {
		c.loadErrs = append(c.loadErrs, err)
		return
	}
	c.L3 = ch
}
