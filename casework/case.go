package casework

import (
	"context"
	"time"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/volume/dicom"
)

// Case is one case open for work: its volumes, its files (nil for the
// demo), the edit session, and what QC and the review store say of it.
// Its fields are read on the owner's goroutine; the workspace changes
// them and says so with events.
type Case struct {
	ID     string
	Layers viewer.Layers
	// Loaded is the case's files, nil for the demo.
	Loaded *store.Loaded
	// Edit is the edit session; nil when the case has no label maps to
	// edit (EditErr says why, when there was a reason).
	Edit    *annotate.Session
	EditErr error
	// Tags are the DICOM header tags kept when the case was imported from
	// DICOM; TagsErr says why they could not be read.
	Tags    []dicom.Tag
	TagsErr error
	// Deid records how the tags were de-identified on import (nil for a
	// case imported before the record existed, or not from DICOM);
	// DeidErr says why it could not be read.
	Deid    *store.Deidentification
	DeidErr error
	// Accepted are the findings marked reviewed, by signature, with notes.
	Accepted map[string]string
	// Findings are those of the last QC run.
	Findings []qc.Finding
	// RecoveredAt is when autosaved edits newer than the files were
	// written (zero when there are none).
	RecoveredAt time.Time
	// LockedBy names who holds the edit lock when it is someone else: the
	// case is read-only then.
	LockedBy string
	// Review is the case's review state (empty without a review store).
	Review ReviewState
	// Slices is the user's review of the annotated slices.
	Slices SliceReviewState
	// L3 is the case's L3 slice and typed height (nil when not chosen).
	L3 *store.L3Choice
	// Reader is the login of the case's second reader when that is the
	// user: their maps are shown and saved apart (see Blind.Case).
	Reader string
	// taken holds the slices taken from the second reader's maps since
	// the last save, audited when a save keeps them.
	taken map[int]takenSlice

	loadErrs []error // what could not be read beside the maps
	// life ends when the case leaves the screen: background jobs of the
	// case (a measurement, parts being derived) stop then.
	life context.Context
	end  context.CancelFunc
}

// ReviewState is what the review store says of a case.
type ReviewState struct {
	Known     bool // the state was read at least once
	State     review.CaseState
	Flags     []review.Flag
	Revisions []review.Revision
	Comments  []review.Comment
	Audit     []review.Event
}

// NewCase makes a case of volumes (label maps may be nil) and its files
// (nil for the demo), with an edit session when both maps are there.
func NewCase(id string, layers viewer.Layers, l *store.Loaded) *Case {
	c := &Case{ID: id, Layers: layers, Loaded: l, Accepted: map[string]string{}}
	if layers.Regions != nil && layers.Parts != nil {
		c.Edit, c.EditErr = annotate.NewSession(layers.Image, layers.Regions, layers.Parts)
	}
	return c
}

// Load reads case cs with everything kept beside its maps: the DICOM
// tags, the accepted findings, the slice notes and whether autosaved
// edits wait. It runs in a goroutine; progress may be nil.
func Load(ctx context.Context, cs *store.Case, progress store.Progress) (*Case, error) {
	l, err := cs.LoadContext(ctx, progress)
	if err != nil {
		return nil, err
	}
	return FromLoaded(l), nil
}

// FromLoaded makes the case of files already read (a prefetch), reading
// what lies beside the maps; it touches disk, so it runs in a goroutine.
func FromLoaded(l *store.Loaded) *Case {
	c := NewCase(l.Case.ID, viewer.Layers{Image: l.Image, Regions: l.Regions, Parts: l.Parts}, l)
	if l.Case.Dir != "" {
		c.Tags, c.TagsErr = store.ReadDICOMTags(l.Case.Dir)
		c.Deid, c.DeidErr = store.ReadDeidentification(l.Case.Dir)
	}
	if acc, err := l.Case.LoadAccepted(); err != nil {
		c.loadErrs = append(c.loadErrs, err)
	} else if acc != nil {
		c.Accepted = acc
	}
	if notes, err := l.Case.LoadSliceNotes(); err != nil {
		c.loadErrs = append(c.loadErrs, err)
	} else if c.Edit != nil {
		for k, why := range notes {
			c.Edit.Notes[k] = why
		}
	}
	c.loadL3(l)
	if t, ok := l.Case.RecoveryTime(); ok {
		c.RecoveredAt = t
	}
	return c
}
