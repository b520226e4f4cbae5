package casework

import (
	"bytes"
	"context"
	"fmt"
	"sort"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/store/review"
)

// readersRefusal says why the user may not compare or merge the two
// readings of c ("" when they may): that is the reviewer's work, never a
// reader's (the second reader reads blind; the first reader would no
// longer be independent).
func (w *Workspace) readersRefusal(c *Case) string {
	switch role := w.team.role; {
	case c.Reader != "":
		return ErrBlind.Error()
	case role != review.Reviewer && role != review.Radiologist && role != review.Admin:
		return "comparing and merging the two readings is for reviewers, radiologists and admins"
	case c.Review.State.Annotator != "" && c.Review.State.Annotator == w.team.user:
		return firstReaderRefusal(c.ID)
	}
	return ""
}

func firstReaderRefusal(id string) string {
	return "you are the first reader of " + id + ": another reviewer compares and merges its two readings"
}

// CompareReaders scores the open case's current maps (B) against its
// second reader's (A) and gets the comparison on the owner's goroutine.
// It also records the two readers' agreement for the lab report when the
// maps on screen are the case's as saved, in a window that writes, and
// none of the second reader's work was taken into them (the readings are
// not independent then); Comparison.Note says which.
func (w *Workspace) CompareReaders(then func(*Comparison)) {
	c := w.open
	if c == nil || c.Loaded == nil || c.Layers.Regions == nil || c.Layers.Parts == nil {
		return
	}
	if why := w.readersRefusal(c); why != "" {
		w.emit(Event{Kind: Message, Case: c, Text: why})
		return
	}
	g := c.Layers.Regions.Grid
	cur := [2][]uint8{clone(c.Layers.Regions.Voxels), clone(c.Layers.Parts.Voxels)}
	noRecord := w.noWrite()
	if noRecord == "" && c.Edit != nil && c.Edit.Dirty() {
		noRecord = "the maps have unsaved edits"
	}
	user := w.team.user
	var cmp *Comparison
	w.call(c, "compare the readers of "+c.ID, func(ctx context.Context, rv *review.Store) error {
		login, err := rv.SecondReader(ctx, c.ID)
		if err != nil {
			return err
		}
		if login == "" {
			return fmt.Errorf("%s has no second reader: assign one first", c.ID)
		}
		st, err := rv.Case(ctx, c.ID)
		if err != nil {
			return err
		}
		if st.Annotator != "" && st.Annotator == user {
			return fmt.Errorf("%s", firstReaderRefusal(c.ID))
		}
		revs, err := rv.Revisions(ctx, c.ID)
		if err != nil {
			return err
		}
		first := firstReader(st.Annotator, revs)
		other, ok, err := readReaderMaps(c.Loaded, login)
		if err == nil && !ok {
			err = fmt.Errorf("%s, the second reader of %s, has saved no maps yet", login, c.ID)
		}
		if err != nil {
			return err
		}
		if cmp, err = score(other, cur, g, "the second reader ("+login+")"); err != nil {
			return err
		}
		cmp.Reader = login
		switch {
		case noRecord != "":
		case first == "":
			noRecord = "nobody has saved the case's maps yet"
		case first == user:
			noRecord = "you saved the case's maps last, so they are no longer the first reader's"
		case first == login:
			noRecord = login + " saved the case's maps last, as well as their own reading"
		default:
			merged, err := rv.ReadersMerged(ctx, c.ID, login)
			if err != nil {
				return err
			}
			if merged {
				noRecord = "some of " + login + "'s work was taken into the case's maps"
			}
		}
		if noRecord != "" {
			cmp.Note = "Agreement not recorded for the lab report: " + noRecord + "."
			return nil
		}
		scores := make([]review.Agreement, 0, len(cmp.Result.Labels))
		for _, s := range cmp.Result.Labels {
			scores = append(scores, review.Agreement{Map: s.Map, Label: int(s.Label), Dice: s.Dice, NSD: s.NSD, HD95: s.HD95})
		}
		if err := rv.RecordAgreement(ctx, c.ID, first, login, scores); err != nil {
			return err
		}
		cmp.Note = "Agreement of " + first + " and " + login + " recorded for the lab report."
		return nil
	}, func() {
		if w.open == c {
			then(cmp)
		}
	})
}

// TakeReaderMaps replaces the open case's maps with its second reader's
// through the normal fenced save (the history keeps the maps replaced)
// and records it in the audit log; done (may be nil) gets the save's
// error on the owner's goroutine.
func (w *Workspace) TakeReaderMaps(done func(error)) {
	c := w.open
	if c == nil || c.Edit == nil {
		return
	}
	if why := w.readersRefusal(c); why != "" {
		w.emit(Event{Kind: Message, Case: c, Text: why})
		return
	}
	w.ReaderMaps(func(login string, maps [2][]uint8) {
		if w.open != c {
			return
		}
		if err := c.Edit.Replace("take the second reader's maps", maps[0], maps[1]); err != nil {
			w.fail(c, "take the second reader's maps", err)
			return
		}
		c.taken = nil // the whole maps are audited below
		w.edited(true)
		user := w.team.user
		w.Save(func(err error) {
			if err != nil {
				if done != nil {
					done(err)
				}
				return
			}
			w.call(c, "audit "+c.ID, func(ctx context.Context, rv *review.Store) error {
				return rv.AuditAction(ctx, c.ID, user, review.ActionTakeReader, "maps of "+login+" saved as the case's maps")
			}, func() {
				w.RefreshReview()
				if done != nil {
					done(nil)
				}
			})
		})
	})
}

// firstReader is who made the case's maps as saved: the author of its
// latest save, or, when its assigned annotator saved it too, the
// annotator ("" when nobody saved it: the maps are the proposal).
func firstReader(annotator string, revs []review.Revision) string {
	latest := -1
	for i, r := range revs {
		if r.Author == annotator && annotator != "" {
			return annotator
		}
		if latest < 0 || r.Created > revs[latest].Created || (r.Created == revs[latest].Created && r.ID > revs[latest].ID) {
			latest = i
		}
	}
	if latest < 0 {
		return ""
	}
	return revs[latest].Author
}

// takenSlice is a slice taken from the second reader's maps: whose, and
// the values taken.
type takenSlice struct {
	login          string
	regions, parts []uint8
}

// auditTakes writes to the audit log the slices taken from the second
// reader that a save kept (a take undone before the save is not one), and
// forgets them.
func (w *Workspace) auditTakes(c *Case, j *saveJob) {
	if len(c.taken) == 0 {
		return
	}
	per := j.regions.Dims[0] * j.regions.Dims[1]
	by := map[string][]int{}
	for k, t := range c.taken {
		if bytes.Equal(j.regions.Voxels[k*per:(k+1)*per], t.regions) && bytes.Equal(j.parts.Voxels[k*per:(k+1)*per], t.parts) {
			by[t.login] = append(by[t.login], k)
		}
	}
	c.taken = nil
	user := w.team.user
	for login, ks := range by {
		sort.Ints(ks)
		which := "slice"
		if len(ks) > 1 {
			which = "slices"
		}
		detail := fmt.Sprintf("%s %s of %s's maps saved", which, annotate.ListSlices(ks), login)
		w.write(c, "audit "+c.ID, func(ctx context.Context, rv *review.Store) error {
			return rv.AuditAction(ctx, c.ID, user, review.ActionTakeReaderSlice, detail)
		}, w.RefreshReview)
	}
}
