package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/user"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
	"github.com/saros-review/saros-review/volume"
)

// Preference keys of the reviewer's identity and the team database.
const (
	prefUser = "review.user"
	prefDB   = "review.database"
)

// LockLease is how long an edit lock lasts without renewal; it is renewed
// at a third of that while the case is open.
const LockLease = 5 * time.Minute

// userName is the person working: the preference, else the OS user.
func (c *Controller) userName() string {
	if n := c.App.Preferences().String(prefUser); n != "" {
		return n
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if n := os.Getenv("USER"); n != "" {
		return n
	}
	return "annotator"
}

// openReview opens the data set's review store and learns the user's role
// (runs in the loading goroutine).
func (c *Controller) openReview(ds *store.Dataset) (*review.Store, review.Role, error) {
	ids := make([]string, len(ds.Cases))
	for i, cs := range ds.Cases {
		ids[i] = cs.ID
	}
	ctx := context.Background()
	s, err := review.OpenFor(ctx, ds.Root, c.App.Preferences().String(prefDB), ids)
	if err != nil {
		return nil, "", err
	}
	role, err := s.Identify(ctx, c.userName())
	if err != nil {
		s.Close()
		return nil, "", err
	}
	return s, role, nil
}

// takeLock takes the edit lock of the case on screen, or switches the
// screen to read-only naming the holder; the lease is renewed while the
// case stays open.
func (c *Controller) takeLock(s *CaseScreen) {
	if c.Review == nil || c.loaded == nil || c.ReadOnly || s.Editor == nil {
		return
	}
	id := c.loaded.Case.ID
	err := c.Review.TakeLock(context.Background(), c.User, id, LockLease)
	var le *review.LockError
	if errors.As(err, &le) {
		s.Editor.Session.ReadOnly = true
		s.lockedBy = le.Lock.Holder
		s.message.SetText(le.Error() + " — opened read-only")
		return
	}
	if err != nil {
		s.message.SetText("lock: " + err.Error())
		return
	}
	c.lockedCase = id
	stop := make(chan struct{})
	c.stopRenew = func() { close(stop) }
	rv, user := c.Review, c.User
	go func() {
		t := time.NewTicker(LockLease / 3)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				rv.TakeLock(context.Background(), user, id, LockLease)
			}
		}
	}()
}

// releaseLock gives up the edit lock of the case being left.
func (c *Controller) releaseLock() {
	if c.stopRenew != nil {
		c.stopRenew()
		c.stopRenew = nil
	}
	if c.Review != nil && c.lockedCase != "" {
		c.Review.ReleaseLock(context.Background(), c.User, c.lockedCase)
	}
	c.lockedCase = ""
}

// statusBar offers the status changes the user's role allows.
func (c *Controller) statusBar(s *CaseScreen) {
	if c.Review == nil || c.loaded == nil {
		return
	}
	id := c.loaded.Case.ID
	st, err := c.Review.Case(context.Background(), id)
	if err != nil {
		return
	}
	box := s.statusActions
	box.Objects = nil
	box.Add(widget.NewLabel(fmt.Sprintf("%s · %s · you: %s (%s)", id, st.Status, c.User, c.Role)))
	for _, to := range review.Next(c.Role, st.Status) {
		box.Add(widget.NewButton(actionName(st.Status, to), func() { c.changeStatus(s, st.Status, to) }))
	}
	if s.lockedBy != "" && s.lockedBy != c.User {
		lockNote := widget.NewLabel("read-only: " + s.lockedBy + " is editing")
		box.Add(lockNote)
		if c.Role == review.Admin {
			box.Add(widget.NewButton("Break lock…", func() { c.breakLock(s) }))
		}
	}
	box.Refresh()
}

func actionName(from, to review.Status) string {
	switch to {
	case review.InProgress:
		if from == review.Returned {
			return "Resume work"
		}
		return "Start annotating"
	case review.Submitted:
		return "Submit for review"
	case review.InReview:
		return "Start review"
	case review.Approved:
		return "Approve"
	case review.Returned:
		return "Return…"
	}
	return string(to)
}

// changeStatus moves the case on screen, asking for the reasons of a
// return and for an override reason when QC errors stand in the way.
func (c *Controller) changeStatus(s *CaseScreen, from, to review.Status) {
	id := c.loaded.Case.ID
	apply := func(reason, override string) {
		err := c.Review.Transition(context.Background(), c.User, id, from, to, reason, override)
		switch {
		case errors.Is(err, review.ErrQCErrors):
			c.askText("QC errors", "The case has QC errors. Reason for going on anyway:", func(r string) {
				if r != "" {
					c.changeStatus2(s, from, to, reason, r)
				}
			})
		case err != nil:
			c.showError(err)
		default:
			s.message.SetText(fmt.Sprintf("%s is now %s", id, to))
		}
		c.statusBar(s)
	}
	if to == review.Returned {
		c.askText("Return the case", "Reasons:", func(r string) {
			if r != "" {
				apply(r, "")
			}
		})
		return
	}
	apply("", "")
}

func (c *Controller) changeStatus2(s *CaseScreen, from, to review.Status, reason, override string) {
	if err := c.Review.Transition(context.Background(), c.User, c.loaded.Case.ID, from, to, reason, override); err != nil {
		c.showError(err)
	}
	c.statusBar(s)
}

// askText asks for one line of text.
func (c *Controller) askText(title, label string, then func(string)) {
	e := widget.NewEntry()
	dialog.ShowForm(title, "OK", "Cancel", []*widget.FormItem{widget.NewFormItem(label, e)}, func(ok bool) {
		if ok {
			then(e.Text)
		}
	}, c.Window)
}

// recordRevision records a save in the review store: who, the folder of
// the replaced maps, changed voxels per map and label, and QC counts.
func (c *Controller) recordRevision(l *store.Loaded, rev string, before [2][]uint8, regions, parts *volume.LabelMap) error {
	if c.Review == nil {
		return nil
	}
	changes := map[string]int{}
	for m, now := range [2][]uint8{regions.Voxels, parts.Voxels} {
		name := [2]string{"regions", "parts"}[m]
		for i, v := range now {
			if o := before[m][i]; o != v {
				changes[fmt.Sprintf("%s/%d", name, v)]++
				changes[fmt.Sprintf("%s/%d", name, o)]--
			}
		}
	}
	cfg, err := c.qcConfig()
	if err != nil {
		cfg = qc.DefaultConfig()
	}
	e, w, _ := qc.Count(qc.Check(&qc.Input{Image: l.Image, Regions: regions, Parts: parts}, cfg))
	_, err = c.Review.AddRevision(context.Background(), review.Revision{Case: l.Case.ID, Author: c.User, Path: rev,
		Changes: changes, QCErrors: e, QCWarnings: w})
	return err
}

// statusRow is the status-action bar of the case screen.
func statusRow() *fyne.Container { return container.NewHBox() }
