package casework

import (
	"fmt"

	"github.com/saros-review/saros-review/annotate/measure"
)

// SaveMeasurements keeps the open case's measurements beside its maps, in
// the background (a failure is a Failed event). A window that writes no
// file (read-only, the lock held elsewhere) keeps them on screen only and
// says so. l is copied: the caller may change it afterwards.
func (w *Workspace) SaveMeasurements(l *measure.List) {
	c := w.open
	if c == nil || c.Loaded == nil || c.Loaded.Case == nil || c.Loaded.Case.Dir == "" {
		return
	}
	if why := w.noFileWrite(c); why != "" {
		w.emit(Event{Kind: Message, Case: c, Text: why + ": the measurements are kept on screen only, not saved"})
		return
	}
	kept := measure.List{Version: l.Version, Items: append([]measure.Measurement(nil), l.Items...)}
	cs := c.Loaded.Case
	w.Go(func() func() {
		if err := cs.SaveMeasurements(&kept); err != nil {
			return func() { w.fail(c, "keep the measurements", fmt.Errorf("%s: %w", cs.ID, err)) }
		}
		return nil
	})
}
