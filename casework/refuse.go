package casework

import (
	"context"
	"fmt"

	"github.com/saros-review/saros-review/store/review"
)

// NoRole is what a login without a role is told: it may browse only.
const NoRole = "no role: an admin grants one"

// noWrite says why this window writes nothing to the review store ("" when
// it may): browsing mode (--read-only), or a login the store knows no
// role of, who only browses until an admin grants one.
func (w *Workspace) noWrite() string {
	switch {
	case w.ReadOnly:
		return "read-only"
	case w.team.store != nil && w.team.role == "":
		return "read-only (" + NoRole + ")"
	}
	return ""
}

// noFileWrite says why the files of case c (its sidecars: the L3 slice,
// the accepted findings) are not written ("" when they may be): the
// window writes nothing, or the case is read-only because another window
// holds its edit lock or the lock was lost.
func (w *Workspace) noFileWrite(c *Case) string {
	if why := w.noWrite(); why != "" {
		return why
	}
	if c != nil && c.Edit != nil && c.Edit.ReadOnly {
		if c.LockedBy != "" {
			return "read-only (" + c.LockedBy + " holds the edit lock)"
		}
		return "read-only"
	}
	return ""
}

// write is call for a review-store call that writes: in a window that
// writes nothing it is refused before the store is asked, with a Message
// saying so (what names the write), instead of the database's error.
func (w *Workspace) write(c *Case, what string, f func(ctx context.Context, rv *review.Store) error, then func()) {
	if why := w.noWrite(); why != "" && w.team.store != nil {
		w.emit(Event{Kind: Message, Case: c, Text: fmt.Sprintf("%s: %s refused, nothing is written", why, what)})
		return
	}
	w.call(c, what, f, then)
}
