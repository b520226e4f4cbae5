package cli

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
)

const usersUsage = "usage: saros-review users PATH [list | grant LOGIN ROLE | revoke LOGIN]"

// runUsers lists the logins with a role in a data set's review store, or
// grants or revokes one. Who runs it is who the database says (the
// PostgreSQL login, or the operating system user for SQLite); only an
// admin, or the database's owner for the first admin, may change roles.
func runUsers(env Env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, usersUsage)
		return 2
	}
	path, verb := args[0], "list"
	if len(args) > 1 {
		verb = args[1]
	}
	want := map[string]int{"list": 2, "grant": 4, "revoke": 3}
	if n, ok := want[verb]; !ok || len(args) != n && !(verb == "list" && len(args) == 1) {
		fmt.Fprintln(env.Stderr, usersUsage)
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "saros-review users: %v\n", err)
		return 2
	}
	ds, err := store.Open(path)
	if err != nil {
		return fail(err)
	}
	ids := make([]string, len(ds.Cases))
	for i, c := range ds.Cases {
		ids[i] = c.ID
	}
	ctx := context.Background()
	s, err := review.OpenAsLogin(ctx, ds.Root, "", ids)
	if err != nil {
		return fail(err)
	}
	defer s.Close()
	switch verb {
	case "grant":
		if err := s.Grant(ctx, args[2], review.Role(args[3])); err != nil {
			return fail(err)
		}
		fmt.Fprintf(env.Stdout, "%s is %s (granted by %s)\n", args[2], args[3], s.Login())
	case "revoke":
		if err := s.Revoke(ctx, args[2]); err != nil {
			return fail(err)
		}
		fmt.Fprintf(env.Stdout, "%s has no role (revoked by %s)\n", args[2], s.Login())
	default:
		us, err := s.Users(ctx)
		if err != nil {
			return fail(err)
		}
		if us == nil {
			us = []review.User{}
		}
		b, _ := json.Marshal(struct {
			Me    string        `json:"me"`
			Users []review.User `json:"users"`
		}{s.Login(), us})
		fmt.Fprintln(env.Stdout, string(b))
	}
	return 0
}
