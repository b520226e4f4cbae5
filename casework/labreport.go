package casework

import (
	"context"

	"github.com/saros-review/saros-review/store/review"
)

// LabReport reads the lab's numbers per annotator (review.Store.LabReport)
// in the background with the store timeout; then gets them on the owner's
// goroutine. A failure is reported as an event.
func (w *Workspace) LabReport(then func([]review.AnnotatorReport)) {
	var rows []review.AnnotatorReport
	w.call(nil, "read the lab report", func(ctx context.Context, rv *review.Store) (err error) {
		rows, err = rv.LabReport(ctx)
		return err
	}, func() { then(rows) })
}
