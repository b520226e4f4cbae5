package casework

import (
	"context"

	"github.com/saros-review/saros-review/store/review"
)

// Users reads the logins with a role from the review store in the
// background; done runs on the owner's goroutine with them.
func (w *Workspace) Users(done func([]review.User)) {
	var users []review.User
	w.call(nil, "list the users", func(ctx context.Context, rv *review.Store) error {
		var err error
		users, err = rv.Users(ctx)
		return err
	}, func() { done(users) })
}

// Grant gives login role in the review store (admins; the store checks,
// as the login it knows, never a typed name); done runs when it is
// stored.
func (w *Workspace) Grant(login string, role review.Role, done func()) {
	w.write(nil, "grant "+string(role)+" to "+login, func(ctx context.Context, rv *review.Store) error {
		return rv.Grant(ctx, login, role)
	}, done)
}

// Revoke takes login's role away (admins, never their own); done runs
// when it is stored.
func (w *Workspace) Revoke(login string, done func()) {
	w.write(nil, "revoke the role of "+login, func(ctx context.Context, rv *review.Store) error {
		return rv.Revoke(ctx, login)
	}, done)
}
