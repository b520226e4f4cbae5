package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/store/review"
)

// TestUsersScreenGrantsAndRevokes: an admin's Users screen lists the
// logins, grants a role to a new login and revokes it, through the store;
// the admin cannot revoke their own role there.
func TestUsersScreenGrantsAndRevokes(t *testing.T) {
	c, shown, _ := openReviewSet(t, reviewSet(t), "display only")
	recv(t, shown)
	if c.Work.Role() != review.Admin {
		t.Fatalf("the first login of a fresh SQLite store is its admin, got %q", c.Work.Role())
	}
	ctx := context.Background()
	c.usersDialog()
	settle(t, c)
	objs := func() []any {
		var out []any
		for _, o := range test.LaidOutObjects(c.Window.Canvas().Overlays().Top()) {
			out = append(out, o)
		}
		return out
	}
	for _, o := range objs() {
		switch w := o.(type) {
		case *widget.Entry:
			test.Type(w, "bob")
		case *widget.Select:
			w.SetSelected(string(review.Reviewer))
		case *widget.Button:
			if w.Text == "Revoke" && !w.Disabled() {
				t.Error("the admin may revoke their own role")
			}
		}
	}
	tapButton(t, c, "Grant")
	settle(t, c)
	if r, err := c.Work.Review().RoleOf(ctx, "bob"); err != nil || r != review.Reviewer {
		t.Fatalf("bob's role %q %v", r, err)
	}
	// The screen came back with bob listed first (by login): revoke him.
	revoked := false
	for _, o := range objs() {
		if b, ok := o.(*widget.Button); ok && b.Text == "Revoke" && !b.Disabled() && !revoked {
			test.Tap(b)
			revoked = true
		}
	}
	settle(t, c)
	if _, err := c.Work.Review().RoleOf(ctx, "bob"); err == nil {
		t.Error("bob still has a role after Revoke")
	}
	ev, _ := c.Work.Review().StoreAudit(ctx)
	if len(ev) < 2 || ev[len(ev)-1].Action != "revoke" || ev[len(ev)-1].Actor != c.Work.User() {
		t.Errorf("audit %+v", ev)
	}
}
