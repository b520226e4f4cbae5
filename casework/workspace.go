// Package casework is the open case as a model, without Fyne: the data
// set and its review session (who works, the role, the edit lock and its
// lease), the case on screen with its edit session, saving, autosave and
// recovery, QC runs, accepted findings, slice notes, revisions, flags and
// comments. It publishes one stream of change events that the UI
// subscribes to.
//
// A Workspace lives on one goroutine, its owner's (the UI thread): every
// method is called there, and every event is delivered there. Work that
// touches disk, network or a whole volume runs in a goroutine on copies,
// with a context and a timeout, and hands its result back through
// Options.Do; its errors arrive as Failed events, never dropped.
package casework

import (
	"context"
	"time"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
)

// StoreTimeout is how long one review-store call may take before the
// user is told the store is not answering.
const StoreTimeout = 10 * time.Second

// LockLease is how long an edit lock lasts without renewal; it is renewed
// at a third of that while the case is open.
const LockLease = 5 * time.Minute

// AutosaveStrokes is how many edits trigger an autosave between the
// timed ones.
const AutosaveStrokes = 50

// Options configure a Workspace.
type Options struct {
	// Do runs f on the owner's goroutine after any callback before it
	// (fyne.Do in the application; a Loop in tests).
	Do func(f func())
	// Timeout bounds each review-store call (StoreTimeout when 0).
	Timeout time.Duration
	// Lease is how long an edit lock lasts without renewal (LockLease
	// when 0); it is renewed at a third of that.
	Lease time.Duration
	// Now is the clock of active editing time (time.Now when nil).
	Now func() time.Time
}

// Workspace is the data set open in the application, its review session
// and the case open on screen.
type Workspace struct {
	opts  Options
	subs  []func(Event)
	jobs  int // background jobs whose result has not arrived yet
	team  team
	ds    *store.Dataset
	open  *Case
	save  saveState
	lease *lease
	holds map[*review.Store]*storeUse
	// token is this window's session: edit locks belong to it, not to
	// the user, so one person's two windows never both edit a case.
	token string
	// lockWhy says why the open case has no edit lock of this window
	// ("" when it has one or none is needed).
	lockWhy string
	// ReadOnly is browsing mode: no tool acts, nothing is written.
	ReadOnly bool
}

// saveState is what the workspace knows of saving the open case.
type saveState struct {
	running     bool             // a save is under way
	autosavedAt *annotate.Commit // save point of the last autosave
	strokes     int              // edits since the case opened
	// activity is the active editing time since the last save: gaps
	// between edits over review.IdleGap do not count.
	activity review.Activity
}

// team is the review session: the data set's review store and who works.
type team struct {
	store *review.Store
	user  string
	role  review.Role
}

// New makes an empty workspace.
func New(o Options) *Workspace {
	if o.Timeout <= 0 {
		o.Timeout = StoreTimeout
	}
	if o.Lease <= 0 {
		o.Lease = LockLease
	}
	if o.Do == nil {
		panic("casework.New: Options.Do is required")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Workspace{opts: o, holds: map[*review.Store]*storeUse{}, token: review.NewToken()}
}

// storeUse counts the background jobs using a review store, so that a
// store the workspace has moved away from is closed only once they end.
type storeUse struct {
	n       int
	retired bool
}

// hold marks rv as used by a job until the returned function runs (on
// the owner's goroutine).
func (w *Workspace) hold(rv *review.Store) func() {
	if rv == nil {
		return func() {}
	}
	u := w.holds[rv]
	if u == nil {
		u = &storeUse{}
		w.holds[rv] = u
	}
	u.n++
	return func() {
		u.n--
		w.closeIfDone(rv, u)
	}
}

// retire closes rv once no job uses it any more.
func (w *Workspace) retire(rv *review.Store) {
	u := w.holds[rv]
	if u == nil {
		u = &storeUse{}
		w.holds[rv] = u
	}
	u.retired = true
	w.closeIfDone(rv, u)
}

func (w *Workspace) closeIfDone(rv *review.Store, u *storeUse) {
	if !u.retired || u.n > 0 {
		return
	}
	delete(w.holds, rv)
	if err := rv.Close(); err != nil {
		w.fail(nil, "close the review store", err)
	}
}

// Subscribe registers f for every event, delivered on the owner's
// goroutine in the order they happen.
func (w *Workspace) Subscribe(f func(Event)) { w.subs = append(w.subs, f) }

func (w *Workspace) emit(ev Event) {
	for _, f := range w.subs {
		f(ev)
	}
}

// fail reports err, done while doing what, as a Failed event.
func (w *Workspace) fail(c *Case, what string, err error) {
	w.emit(Event{Kind: Failed, Case: c, Err: describe(what, err, w.opts.Timeout)})
}

// Go runs work in a goroutine and then, on the owner's goroutine, the
// function work returns (nil for none). Idle reports false until it has
// run.
func (w *Workspace) Go(work func() func()) {
	w.jobs++
	go func() {
		then := work()
		w.opts.Do(func() {
			w.jobs--
			if then != nil {
				then()
			}
		})
	}()
}

// Do runs f on the owner's goroutine after the callbacks queued before
// it (Options.Do), from any goroutine: progress of a job, a timer.
func (w *Workspace) Do(f func()) { w.opts.Do(f) }

// Idle reports whether no background work of the workspace is waiting to
// report back (tests settle on it).
func (w *Workspace) Idle() bool { return w.jobs == 0 }

// ctx is the context of one review-store call.
func (w *Workspace) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), w.opts.Timeout)
}

// Timeout is how long one review-store call may take.
func (w *Workspace) Timeout() time.Duration { return w.opts.Timeout }

// Dataset is the open data set (nil for the demo).
func (w *Workspace) Dataset() *store.Dataset { return w.ds }

// Open is the case on screen, nil when none.
func (w *Workspace) Open() *Case { return w.open }

// Review is the data set's review store, nil without one.
func (w *Workspace) Review() *review.Store { return w.team.store }

// User is the person working.
func (w *Workspace) User() string { return w.team.user }

// Role is the user's role in the review store.
func (w *Workspace) Role() review.Role { return w.team.role }

// Saving reports whether a save is under way.
func (w *Workspace) Saving() bool { return w.save.running }

// Dirty reports whether the open case has unsaved edits.
func (w *Workspace) Dirty() bool {
	return w.open != nil && w.open.Edit != nil && w.open.Edit.Dirty()
}

// SetDataset makes ds the open data set with its review session (rv may
// be nil), closing the case and the previous review store. With a store,
// the user is who the store says (its Login), whatever user says; user
// names the person only without one.
func (w *Workspace) SetDataset(ds *store.Dataset, rv *review.Store, user string, role review.Role) {
	w.Close()
	if old := w.team.store; old != nil && old != rv {
		w.retire(old)
	}
	if rv != nil && rv.Login() != "" && !rv.TrustsNames() { // a store trusting names (tests, tools) acts as user
		user = rv.Login()
	}
	w.ds, w.team = ds, team{store: rv, user: user, role: role}
	w.emit(Event{Kind: DatasetOpened})
}

// Show makes c the open case: it takes the edit lock, loads the review
// state and runs QC in the background, and tells subscribers.
func (w *Workspace) Show(c *Case) {
	w.Close()
	w.open, w.save = c, saveState{}
	// Looking at the case before the first edit is work too: the time
	// from opening to the first edit counts (up to the idle gap).
	w.save.activity.Touch(w.opts.Now())
	c.life, c.end = context.WithCancel(context.Background())
	if c.Edit != nil {
		c.Edit.ReadOnly = w.ReadOnly
	}
	w.emit(Event{Kind: Opened, Case: c})
	if c.EditErr != nil {
		w.emit(Event{Kind: Message, Case: c, Text: "Editing is off: " + c.EditErr.Error()})
	}
	if c.Loaded != nil && c.Loaded.Finished != "" {
		w.emit(Event{Kind: Message, Case: c, Text: c.ID + ": an interrupted save was found on opening: " + c.Loaded.Finished})
	}
	for _, err := range c.loadErrs {
		w.fail(c, "open "+c.ID, err)
	}
	w.takeLock(c)
	w.RefreshReview()
	w.openSlices(c)
	w.runQCOnOpen(c)
}

// Close gives up the open case (its edit lock is released in the
// background); unsaved edits are the caller's to ask about first.
func (w *Workspace) Close() {
	w.releaseLock()
	if c := w.open; c != nil && c.end != nil {
		c.end()
	}
	w.open = nil
}

// Shutdown releases the edit lock at once (waiting at most the store's
// timeout: the program is about to end, so the release cannot wait for
// a callback) and closes the review store once the jobs using it have
// ended. It returns the release's error, for the caller to print.
func (w *Workspace) Shutdown() error {
	var err error
	if l := w.lease; l != nil {
		w.lease = nil
		l.stop()
		l.saves.Wait() // a save under way ends under its lock
		ctx, cancel := w.ctx()
		if rerr := l.rv.Release(ctx, l.id, l.token); rerr != nil {
			err = describe("release the edit lock of "+l.id, rerr, w.opts.Timeout)
		}
		cancel()
		l.done()
	}
	w.open = nil
	if rv := w.team.store; rv != nil {
		w.team.store = nil
		w.retire(rv)
	}
	return err
}

// SetReadOnly turns browsing-only mode on or off.
func (w *Workspace) SetReadOnly(on bool) {
	w.ReadOnly = on
	c := w.open
	if c != nil && c.Edit != nil {
		c.Edit.ReadOnly = on || c.LockedBy != ""
	}
	w.emit(Event{Kind: ModeChanged, Case: c})
	if !on && c != nil && c.Edit != nil && w.lease == nil {
		// Editing needs this window's lock, which browsing never took.
		c.LockedBy = ""
		w.takeLock(c)
	}
}
