package casework

import (
	"bytes"
	"context"
	"fmt"
	"sort"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/store/review"
)

// SliceReviewState is the current user's review of the annotated slices
// of a case, as the review store last said it.
type SliceReviewState struct {
	Known    bool                 // read at least once
	Slices   []review.SliceReview // in slice order
	Progress review.Progress
}

// State returns the review state of annotated slice k (Unreviewed for a
// slice not recorded as annotated) and whether k is annotated.
func (s SliceReviewState) State(k int) (review.SliceReview, bool) {
	i := sort.Search(len(s.Slices), func(i int) bool { return s.Slices[i].Slice >= k })
	if i < len(s.Slices) && s.Slices[i].Slice == k {
		return s.Slices[i], true
	}
	return review.SliceReview{Slice: k, State: review.Unreviewed}, false
}

// annotatedOf lists the slices annotated in either map of a snapshot pair
// of n slices (a slice of a snapshot is nil when all of it is 255).
func annotatedOf(maps [2]annotate.Snapshot, n int) []int {
	var out []int
	for k := 0; k < n; k++ {
		if maps[0].Slice(k) != nil || maps[1].Slice(k) != nil {
			out = append(out, k)
		}
	}
	return out
}

// changedSlices lists the slices where a map differs between two
// snapshot pairs of the same dims.
func changedSlices(before, now [2]annotate.Snapshot, slices int) []int {
	var out []int
	for k := 0; k < slices; k++ {
		for m := 0; m < 2; m++ {
			if !equalSlice(before[m].Slice(k), now[m].Slice(k)) {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

// equalSlice compares two slices of a snapshot (nil: all 255).
func equalSlice(a, b []uint8) bool {
	return (a == nil) == (b == nil) && bytes.Equal(a, b)
}

// syncSlices records the annotated slices of c (when slices is not nil:
// it returns them and the slices edited, and runs in the background),
// sends the accepted slices among those edited back to unreviewed, then
// reads the user's slice reviews; a SlicesReviewed event follows. It does
// nothing without a review store or files.
func (w *Workspace) syncSlices(c *Case, slices func() (annotated, edited []int)) {
	rv, user := w.team.store, w.team.user
	if rv == nil || c.Loaded == nil {
		return
	}
	done := w.hold(rv)
	w.Go(func() func() {
		ctx, cancel := w.ctx()
		defer cancel()
		var reset []int
		var st SliceReviewState
		err := func() error {
			var annotated, edited []int
			if slices != nil {
				annotated, edited = slices()
			}
			if annotated != nil {
				if err := rv.SetAnnotatedSlices(ctx, c.ID, annotated); err != nil {
					return err
				}
			}
			if len(edited) > 0 {
				var err error
				if reset, err = rv.SlicesEdited(ctx, user, c.ID, edited); err != nil {
					return err
				}
			}
			var err error
			st, err = readSlices(ctx, rv, c.ID, user)
			return err
		}()
		return func() {
			done()
			if err != nil {
				w.fail(c, "read the slice reviews of "+c.ID, describe("review store", err, w.opts.Timeout))
				return
			}
			c.Slices = st
			text := ""
			if len(reset) > 0 {
				text = fmt.Sprintf("Edited slices %v of %s need review again", reset, c.ID)
			}
			w.emit(Event{Kind: SlicesReviewed, Case: c, Text: text})
		}
	})
}

// readSlices reads user's slice reviews of case id with their progress.
func readSlices(ctx context.Context, rv *review.Store, id, user string) (SliceReviewState, error) {
	rs, err := rv.SliceReviews(ctx, id, user)
	if err != nil {
		return SliceReviewState{}, err
	}
	st := SliceReviewState{Known: true, Slices: rs, Progress: review.Progress{Annotated: len(rs)}}
	for _, r := range rs {
		switch r.State {
		case review.Accepted:
			st.Progress.Accepted++
		case review.NeedsFix:
			st.Progress.NeedsFix++
		}
	}
	return st, nil
}

// openSlices records the annotated slices of a case just shown, as last
// saved, and reads the user's reviews of them. A second reader's maps are
// not the case's: their slices are not recorded.
func (w *Workspace) openSlices(c *Case) {
	if c.Edit == nil || c.Layers.Regions == nil || w.noWrite() != "" || c.Reader != "" {
		w.syncSlices(c, nil)
		return
	}
	// The snapshots of the maps as saved never change: the background
	// may read them.
	orig, n := c.Edit.Original, c.Layers.Regions.Dims[2]
	w.syncSlices(c, func() ([]int, []int) { return annotatedOf(orig, n), nil })
}

// savedSlices records the annotated slices of a save and resets the
// accepted slices its edits changed.
func (w *Workspace) savedSlices(c *Case, j *saveJob) {
	n := j.regions.Dims[2]
	w.syncSlices(c, func() ([]int, []int) { return annotatedOf(j.saved, n), changedSlices(j.before, j.saved, n) })
}

// reviewSlice records the user's verdict on annotated slice k of the
// open case; a SlicesReviewed event follows.
func (w *Workspace) reviewSlice(r review.SliceReview) {
	c := w.open
	if c == nil {
		return
	}
	user := w.team.user
	w.write(c, fmt.Sprintf("review slice %d of %s", r.Slice, c.ID), func(ctx context.Context, rv *review.Store) error {
		return rv.ReviewSlice(ctx, user, c.ID, r)
	}, func() { w.syncSlices(c, nil) })
}

// AcceptSlice accepts annotated slice k of the open case as the user.
func (w *Workspace) AcceptSlice(k int) {
	w.reviewSlice(review.SliceReview{Slice: k, State: review.Accepted})
}

// NeedsFix marks annotated slice k of the open case as needing a fix,
// saying what in comment.
func (w *Workspace) NeedsFix(k int, comment string) {
	w.reviewSlice(review.SliceReview{Slice: k, State: review.NeedsFix, Comment: comment})
}

// NextUnreviewed returns the first annotated slice of the open case after
// slice from (wrapping round) the user has not reviewed, from the model's
// state, and false when there is none.
func (w *Workspace) NextUnreviewed(from int) (int, bool) {
	c := w.open
	if c == nil {
		return 0, false
	}
	rs := c.Slices.Slices
	i := sort.Search(len(rs), func(i int) bool { return rs[i].Slice > from })
	for n := 0; n < len(rs); n++ {
		if r := rs[(i+n)%len(rs)]; r.State == review.Unreviewed {
			return r.Slice, true
		}
	}
	return 0, false
}
