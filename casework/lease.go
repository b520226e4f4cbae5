package casework

import (
	"errors"
	"time"

	"github.com/saros-review/saros-review/store/review"
)

// lease is an edit lock held and renewed in the background.
type lease struct {
	rv   *review.Store
	user string
	id   string
	stop chan struct{}
	done func() // ends the lease's hold on the store
}

// takeLock takes the edit lock of case c, or makes it read-only naming the
// holder; the lease is renewed while the case stays open, and a renewal
// that fails is reported.
func (w *Workspace) takeLock(c *Case) {
	rv, user := w.team.store, w.team.user
	if rv == nil || c.Loaded == nil || w.ReadOnly || c.Edit == nil {
		return
	}
	done := w.hold(rv)
	w.Go(func() func() {
		ctx, cancel := w.ctx()
		defer cancel()
		err := rv.TakeLock(ctx, user, c.ID, w.opts.Lease)
		return func() {
			defer done()
			var le *review.LockError
			switch {
			case errors.As(err, &le):
				c.Edit.ReadOnly = true
				c.LockedBy = le.Lock.Holder
				w.emit(Event{Kind: ModeChanged, Case: c})
				w.emit(Event{Kind: Message, Case: c, Text: le.Error() + " — opened read-only"})
				return
			case err != nil:
				w.fail(c, "lock "+c.ID, err)
				return
			}
			if w.open != c { // left before the lock came: give it back
				w.release(&lease{rv: rv, user: user, id: c.ID, stop: make(chan struct{}), done: w.hold(rv)})
				return
			}
			w.lease = &lease{rv: rv, user: user, id: c.ID, stop: make(chan struct{}), done: w.hold(rv)}
			go w.renew(c, w.lease)
			w.emit(Event{Kind: ModeChanged, Case: c})
		}
	})
}

// renew renews lease l every third of the lease until it is released.
func (w *Workspace) renew(c *Case, l *lease) {
	t := time.NewTicker(w.opts.Lease / 3)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
			ctx, cancel := w.ctx()
			err := l.rv.TakeLock(ctx, l.user, l.id, w.opts.Lease)
			cancel()
			if err != nil {
				w.opts.Do(func() { w.fail(c, "renew the edit lock of "+l.id, err) })
			}
		}
	}
}

// releaseLock gives up the edit lock of the case being left.
func (w *Workspace) releaseLock() {
	if w.lease != nil {
		w.release(w.lease)
		w.lease = nil
	}
}

func (w *Workspace) release(l *lease) {
	close(l.stop)
	w.Go(func() func() {
		ctx, cancel := w.ctx()
		defer cancel()
		err := l.rv.ReleaseLock(ctx, l.user, l.id)
		return func() {
			l.done()
			if err != nil {
				w.fail(nil, "release the edit lock of "+l.id, err)
			}
		}
	})
}

// HoldsLock reports whether the user holds the edit lock of the open case.
func (w *Workspace) HoldsLock() bool {
	return w.lease != nil && w.open != nil && w.lease.id == w.open.ID
}
