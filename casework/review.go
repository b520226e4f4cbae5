package casework

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/user"
	"time"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
)

// UserName is the person working: name when given, else the OS user.
func UserName(name string) string {
	if name != "" {
		return name
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if n := os.Getenv("USER"); n != "" {
		return n
	}
	return "annotator"
}

// OpenReview opens the review store of data set ds (dsn "" for its own
// SQLite file) as the database login (review.OpenAsLogin: the person is
// the store's Login, never a typed name) and learns the login's role; it
// runs in a goroutine and gives up after timeout. readOnly opens it for
// browsing (review.OpenReadOnly): nothing is created or written, and a
// data set without a store yet gives a nil store and no error.
func OpenReview(ds *store.Dataset, dsn string, readOnly bool, timeout time.Duration) (*review.Store, review.Role, error) {
	if timeout <= 0 {
		timeout = StoreTimeout
	}
	ids := make([]string, len(ds.Cases))
	for i, cs := range ds.Cases {
		ids[i] = cs.ID
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	const what = "review store (status, flags, history are off)"
	if readOnly {
		s, err := review.OpenReadOnly(ctx, ds.Root, dsn)
		if errors.Is(err, review.ErrNoStore) {
			return nil, "", nil
		}
		if err != nil {
			return nil, "", describe(what, err, timeout)
		}
		role, err := s.RoleOf(ctx, s.Login())
		if errors.Is(err, review.ErrNotFound) {
			role, err = "", nil
		}
		if err != nil {
			s.Close()
			return nil, "", describe(what, err, timeout)
		}
		return s, role, nil
	}
	s, err := review.OpenAsLogin(ctx, ds.Root, dsn, ids)
	if err != nil {
		return nil, "", describe(what, err, timeout)
	}
	role, err := s.Identify(ctx, s.Login())
	if err != nil {
		s.Close()
		return nil, "", describe(what, err, timeout)
	}
	return s, role, nil
}

// call runs one review-store call f in the background with the timeout;
// then (may be nil) runs on the owner's goroutine when it succeeded, and
// a failure becomes a Failed event naming what.
func (w *Workspace) call(c *Case, what string, f func(ctx context.Context, rv *review.Store) error, then func()) {
	rv := w.team.store
	if rv == nil {
		w.emit(Event{Kind: Message, Case: c, Text: "This needs a data set with a review store."})
		return
	}
	done := w.hold(rv)
	w.Go(func() func() {
		ctx, cancel := w.ctx()
		defer cancel()
		err := f(ctx, rv)
		return func() {
			done()
			if err != nil {
				w.fail(c, what, err)
				return
			}
			if then != nil {
				then()
			}
		}
	})
}

// RefreshReview reloads the status, flags, revisions, comments and audit
// log of the open case in the background. A second reader, who reads
// blind, gets the status only: the flags, comments, history and audit log
// are about the first reader's maps.
func (w *Workspace) RefreshReview() {
	c, rv := w.open, w.team.store
	if c == nil || rv == nil || c.Loaded == nil {
		return
	}
	blind := c.Reader != ""
	done := w.hold(rv)
	w.Go(func() func() {
		ctx, cancel := w.ctx()
		defer cancel()
		var st ReviewState
		var err error
		st.State, err = rv.Case(ctx, c.ID)
		if err == nil && !blind {
			st.Flags, err = rv.Flags(ctx, c.ID)
		}
		if err == nil && !blind {
			st.Revisions, err = rv.Revisions(ctx, c.ID)
		}
		if err == nil && !blind {
			st.Comments, err = rv.Comments(ctx, c.ID)
		}
		if err == nil && !blind {
			st.Audit, err = rv.Audit(ctx, c.ID)
		}
		return func() {
			done()
			if err != nil {
				w.fail(c, "read the review state of "+c.ID, err)
				return
			}
			st.Known = true
			c.Review = st
			w.emit(Event{Kind: ReviewChanged, Case: c})
		}
	})
}

// Transition moves the open case from one status to another; reason is
// the return's reasons, override the reason to go on despite QC errors.
// needOverride runs instead of a Failed event when QC errors stand in
// the way.
func (w *Workspace) Transition(from, to review.Status, reason, override string, needOverride func()) {
	c := w.open
	if c == nil {
		return
	}
	rv, user := w.team.store, w.team.user
	if rv == nil {
		return
	}
	if why := w.noWrite(); why != "" {
		w.emit(Event{Kind: Message, Case: c, Text: fmt.Sprintf("%s: %s stays %s (nothing is written)", why, c.ID, from)})
		return
	}
	done := w.hold(rv)
	w.Go(func() func() {
		ctx, cancel := w.ctx()
		defer cancel()
		err := rv.Transition(ctx, user, c.ID, from, to, reason, override)
		return func() {
			done()
			switch {
			case errors.Is(err, review.ErrQCErrors) && needOverride != nil:
				needOverride()
			case errors.Is(err, review.ErrSlicesNotAccepted) && needOverride != nil:
				w.emit(Event{Kind: Message, Case: c, Text: fmt.Sprintf("%s is not %s: %v", c.ID, to, err)})
				needOverride()
			case err != nil:
				w.fail(c, fmt.Sprintf("move %s to %s", c.ID, to), err)
			default:
				w.emit(Event{Kind: Message, Case: c, Text: fmt.Sprintf("%s is now %s", c.ID, to)})
			}
			w.RefreshReview()
		}
	})
}

// AddFlag flags voxel ijk of the open case (slice, voxel, the region
// label there) with a category and a comment.
func (w *Workspace) AddFlag(ijk [3]int, category, comment string) {
	c := w.open
	if c == nil || w.blindRemark(c, "flag") {
		return
	}
	label := -1
	if r := c.Layers.Regions; r != nil {
		label = int(r.At(ijk[0], ijk[1], ijk[2]))
	}
	f := review.Flag{Case: c.ID, Map: "regions", Slice: ijk[2], Label: label,
		I: ijk[0], J: ijk[1], Category: category, Comment: comment, Author: w.team.user}
	w.write(c, "flag "+c.ID, func(ctx context.Context, rv *review.Store) error {
		_, err := rv.AddFlag(ctx, f)
		return err
	}, func() {
		w.emit(Event{Kind: Message, Case: c, Text: fmt.Sprintf("flagged slice %d: %s", ijk[2], category)})
		w.RefreshReview()
	})
}

// ResolveFlag resolves flag id of the open case with a reply.
func (w *Workspace) ResolveFlag(id int64, reply string) {
	c, user := w.open, w.team.user
	w.write(c, "resolve the flag", func(ctx context.Context, rv *review.Store) error {
		return rv.ResolveFlag(ctx, user, id, reply)
	}, w.RefreshReview)
}

// AddComment adds a comment to the thread of the open case; done runs
// when it is stored.
func (w *Workspace) AddComment(text string, done func()) {
	c, user := w.open, w.team.user
	if c == nil || w.blindRemark(c, "comment") {
		return
	}
	w.write(c, "comment on "+c.ID, func(ctx context.Context, rv *review.Store) error {
		return rv.AddComment(ctx, user, c.ID, text)
	}, func() {
		if done != nil {
			done()
		}
		w.RefreshReview()
	})
}

// BreakLock frees the open case from another person's lock (admins), with
// a reason for the audit log, and takes the lock.
func (w *Workspace) BreakLock(reason string) {
	c, user := w.open, w.team.user
	if c == nil {
		return
	}
	w.write(c, "break the lock of "+c.ID, func(ctx context.Context, rv *review.Store) error {
		return rv.BreakLock(ctx, user, c.ID, reason)
	}, func() {
		c.LockedBy = ""
		if c.Edit != nil {
			c.Edit.ReadOnly = w.ReadOnly
		}
		w.takeLock(c)
		w.emit(Event{Kind: ModeChanged, Case: c})
		w.emit(Event{Kind: Message, Case: c, Text: "lock broken; you edit " + c.ID + " now"})
		w.RefreshReview()
	})
}

// CaseState reads the review state of case id (the worklist's assign
// dialog); then runs with it on the owner's goroutine.
func (w *Workspace) CaseState(id string, then func(review.CaseState)) {
	var st review.CaseState
	w.call(nil, "read the review state of "+id, func(ctx context.Context, rv *review.Store) (err error) {
		st, err = rv.Case(ctx, id)
		return err
	}, func() { then(st) })
}

// Assign sets the annotator, reviewer and second reader of case id in one
// store transaction (review.AssignAll: all of it or nothing); done runs
// when it is stored.
func (w *Workspace) Assign(id string, a review.Assignment, done func()) {
	user := w.team.user
	w.write(nil, "assign "+id, func(ctx context.Context, rv *review.Store) error {
		if rv.TrustsNames() { // a store trusting names (tests, tools) makes them known
			for _, n := range []string{a.Annotator, a.Reviewer, a.SecondReader} {
				if n != "" {
					if _, err := rv.Identify(ctx, n); err != nil {
						return err
					}
				}
			}
		}
		return rv.AssignAll(ctx, user, id, a)
	}, done)
}

// Summaries reads the review state of every case (the worklist's
// columns); then runs with them, by case id.
func (w *Workspace) Summaries(then func(map[string]review.Summary)) {
	if w.team.store == nil {
		return
	}
	var sums []review.Summary
	w.call(nil, "read the review states", func(ctx context.Context, rv *review.Store) (err error) {
		sums, err = rv.Summaries(ctx)
		return err
	}, func() {
		m := make(map[string]review.Summary, len(sums))
		for _, x := range sums {
			m[x.ID] = x
		}
		then(m)
	})
}

// blindRemark says (with a Message) when c is open for its second reader,
// who adds no flags or comments: those are about the case's maps, which
// they do not see.
func (w *Workspace) blindRemark(c *Case, what string) bool {
	if c.Reader == "" {
		return false
	}
	w.emit(Event{Kind: Message, Case: c, Text: fmt.Sprintf("You read %s blind as its second reader: a %s would be about the first reader's maps, which you do not see; nothing is written", c.ID, what)})
	return true
}
