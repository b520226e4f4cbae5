package casework

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/saros-review/saros-review/store/review"
)

// ErrNoLock is wrapped by the error of a save refused because this window
// does not hold a valid edit lock of the case.
var ErrNoLock = errors.New("this window does not hold the edit lock")

// lease is an edit lock held by this window's session (its token) and
// renewed in the background by review.Store.Keep.
type lease struct {
	rv    *review.Store
	id    string
	token string
	stop  context.CancelFunc // ends the keeping
	done  func()             // ends the lease's hold on the store
	// saves counts the saves under way with this lock: its release waits
	// for them, so leaving a case never pulls the lock from under the
	// save's fence.
	saves sync.WaitGroup
}

// takeLock acquires the edit lock of case c for this window's session, or
// makes it read-only naming the holder (another person, or the same
// person in another window); the lease is kept while the case stays open,
// and a lease that is lost turns the case read-only at once. A login
// without a role takes no lock: the case opens read-only saying so.
func (w *Workspace) takeLock(c *Case) {
	rv, holder, token := w.team.store, w.team.user, w.token
	if rv == nil || c.Loaded == nil || w.ReadOnly || c.Edit == nil {
		return
	}
	if w.team.role == "" {
		// A login without a role browses: no lock, no saves.
		w.lockWhy = NoRole
		c.Edit.ReadOnly = true
		w.emit(Event{Kind: ModeChanged, Case: c})
		w.emit(Event{Kind: Message, Case: c, Text: c.ID + " opened read-only: " + NoRole})
		return
	}
	w.lockWhy = "its lock is being taken"
	done := w.hold(rv)
	w.Go(func() func() {
		ctx, cancel := w.ctx()
		defer cancel()
		err := rv.Acquire(ctx, holder, lockID(c), token, w.opts.Lease)
		return func() {
			defer done()
			var le *review.LockError
			switch {
			case errors.As(err, &le):
				w.lockWhy = le.Error()
				c.Edit.ReadOnly = true
				c.LockedBy = le.Lock.Holder
				w.emit(Event{Kind: ModeChanged, Case: c})
				w.emit(Event{Kind: Message, Case: c, Text: le.Error() + " (another person, or you in another window) — opened read-only"})
				return
			case err != nil:
				w.lockWhy = "its edit lock could not be taken: " + err.Error()
				w.fail(c, "lock "+c.ID+" (edits go to the recovery files only until it is taken)", err)
				return
			}
			l := &lease{rv: rv, id: lockID(c), token: token, stop: func() {}, done: w.hold(rv)}
			if w.open != c { // left before the lock came: give it back
				w.release(l)
				return
			}
			w.lease, w.lockWhy = l, ""
			w.keep(c, l)
			w.emit(Event{Kind: ModeChanged, Case: c})
		}
	})
}

// keep renews lease l every third of the lease until it is released or
// lost; every failed renewal is reported, and a lost lock ends editing.
func (w *Workspace) keep(c *Case, l *lease) {
	ctx, stop := context.WithCancel(context.Background())
	l.stop = stop
	lease := w.opts.Lease
	go func() {
		t := time.NewTicker(lease / 3)
		defer t.Stop()
		l.rv.Keep(ctx, l.id, l.token, lease, t.C, func(err error) {
			w.opts.Do(func() {
				if errors.Is(err, review.ErrLockLost) {
					w.lockLost(c, l, err)
					return
				}
				w.fail(c, "renew the edit lock of "+l.id, err)
			})
		})
	}()
}

// lockLost turns case c read-only at once when lease l is lost (a renewal
// or a save's fence found it gone), saying why, and keeps its unsaved
// edits in the recovery files.
func (w *Workspace) lockLost(c *Case, l *lease, err error) {
	if l == nil || w.lease != l {
		return
	}
	l.stop()
	l.done()
	w.lease = nil
	w.lockWhy = err.Error()
	if c.Edit != nil {
		c.Edit.ReadOnly = true
	}
	w.emit(Event{Kind: ModeChanged, Case: c})
	w.emit(Event{Kind: Message, Case: c, Text: err.Error() + " — this window is read-only now; unsaved edits are kept in the recovery files"})
	w.Autosave()
}

// releaseLock gives up the edit lock of the case being left.
func (w *Workspace) releaseLock() {
	if w.lease != nil {
		w.release(w.lease)
		w.lease = nil
	}
	w.lockWhy = ""
}

func (w *Workspace) release(l *lease) {
	l.stop()
	w.Go(func() func() {
		l.saves.Wait()
		ctx, cancel := w.ctx()
		defer cancel()
		err := l.rv.Release(ctx, l.id, l.token)
		return func() {
			l.done()
			if err != nil {
				w.fail(nil, "release the edit lock of "+l.id, err)
			}
		}
	})
}

// HoldsLock reports whether this window holds the edit lock of the open
// case.
func (w *Workspace) HoldsLock() bool {
	return w.lease != nil && w.open != nil && w.lease.id == lockID(w.open)
}

// lockID is the name of the edit lock of case c in the review store: the
// case's id, or for its second reader, who edits only their own maps, a
// lock of their own (they may read while the first reader edits, but not
// in two windows at once).
func lockID(c *Case) string {
	if c.Reader != "" {
		return c.ID + "@reader/" + c.Reader
	}
	return c.ID
}

// lockRefusal is the error of a save that this window may not make: it
// holds no valid edit lock of case c (why says what became of it).
func (w *Workspace) lockRefusal(c *Case) error {
	why := w.lockWhy
	switch {
	case why != "":
	case w.team.store == nil:
		why = "the data set's review store is not open, so no edit lock can be taken"
	default:
		why = "it holds no edit lock of " + c.ID
	}
	if c.Reader != "" { // a second reader's edits have no recovery files
		return fmt.Errorf("your reading of %s not saved: %w (%s); every edit is still here", c.ID, ErrNoLock, why)
	}
	return fmt.Errorf("%s not saved: %w (%s); every edit is still here and kept in the recovery files", c.ID, ErrNoLock, why)
}

// fence is the check a save of case c makes right before its files
// replace anything: this window's session still holds a valid lock.
func (w *Workspace) fence(c *Case) func() error {
	rv, token, timeout := w.team.store, w.token, w.opts.Timeout
	if rv == nil {
		return nil
	}
	return func() error {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		return rv.CheckLock(ctx, lockID(c), token)
	}
}
