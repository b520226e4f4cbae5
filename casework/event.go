package casework

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/saros-review/saros-review/qc"
)

// Kind says what an Event is about.
type Kind int

// The kinds of events.
const (
	// Failed: something could not be done; Err says what and why.
	Failed Kind = iota
	// Message: a line for the user (Text).
	Message
	// DatasetOpened: a data set (and its review session) is open.
	DatasetOpened
	// Opened: Case is the open case now.
	Opened
	// Edited: the maps of Case changed (an edit, undo, restore).
	Edited
	// Saved: the maps of Case were written (Text names the revision
	// folder); a failed save is a Failed event with SaveFailed set.
	Saved
	// QCStarted: QC of Case is running.
	QCStarted
	// QCDone: QC of Case ran; Findings are its findings.
	QCDone
	// ReviewChanged: the status, lock, flags, revisions, comments or audit
	// log of Case changed.
	ReviewChanged
	// ModeChanged: read-only mode or the edit lock changed.
	ModeChanged
	// Accepted: the accepted findings of Case changed.
	Accepted
	// SlicesReviewed: Case.Slices (the user's slice reviews) changed;
	// Text names slices an edit sent back to unreviewed.
	SlicesReviewed
)

// Event is one change of the workspace.
type Event struct {
	Kind     Kind
	Case     *Case // the case it is about; nil for the data set
	Text     string
	Err      error
	Findings []qc.Finding
	// Slices is set on an Edited event that may have changed which slices
	// are annotated (a restore): views must look at the slices again.
	Slices bool
	// SaveFailed marks the Failed event of a save that wrote nothing:
	// every edit is still in memory.
	SaveFailed bool
}

// ErrNotAnswering is wrapped by errors of review-store calls that ran out
// of time.
var ErrNotAnswering = errors.New("the review store is not answering")

// describe wraps err with what was being done, and says plainly when a
// call ran out of time.
func describe(what string, err error, timeout time.Duration) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w (no reply within %s): %v", what, ErrNotAnswering, timeout, err)
	}
	if strings.HasPrefix(err.Error(), what+": ") {
		return err // the error names what failed already
	}
	return fmt.Errorf("%s: %w", what, err)
}
