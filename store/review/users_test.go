package review

import (
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os/user"
	"strings"
	"testing"
)

// asLogin is dsn with its user replaced by login.
func asLogin(t *testing.T, dsn, login string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(login)
	return u.String()
}

// createLogins makes PostgreSQL logins for a test, with the table rights
// the README's team set-up gives: everyone reads and writes review rows,
// only admins change users.
func createLogins(t *testing.T, dsn string, names ...string) []string {
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var out []string
	for _, n := range names {
		login := fmt.Sprintf("%s_%d", n, rand.IntN(1e9))
		for _, q := range []string{
			`CREATE ROLE ` + login + ` LOGIN`,
			`GRANT SELECT, INSERT, UPDATE, DELETE ON cases, locks, flags, comments, revisions, case_slices, slice_reviews, readers TO ` + login,
			`GRANT SELECT, INSERT ON status_events, agreements, reader_saves TO ` + login,
			`GRANT SELECT, INSERT ON audit TO ` + login,
			`GRANT SELECT ON users, schema_version TO ` + login,
		} {
			if _, err := admin.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, login)
	}
	return out
}

// TestWhoYouAreIsWhoTheDatabaseSays: on PostgreSQL the person is the
// login; roles come only from an admin (the first from the database's
// owner); a name passed in changes nothing; the audit records the login.
func TestWhoYouAreIsWhoTheDatabaseSays(t *testing.T) {
	for _, b := range backends(t) {
		if b.name != "postgres" {
			continue
		}
		dsn := b.dsn(t)
		root := t.TempDir()
		owner, err := OpenAsLogin(ctx, root, dsn, []string{"case_000"})
		if err != nil {
			t.Fatal(err)
		}
		defer owner.Close()
		logins := createLogins(t, dsn, "ann", "boss")
		ann, boss := logins[0], logins[1]
		as := func(login string) *Store {
			s, err := OpenAsLogin(ctx, root, asLogin(t, dsn, login), []string{"case_000"})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}
		sa, sb := as(ann), as(boss)
		if sa.Login() != ann || sb.Login() != boss {
			t.Fatalf("logins %q %q", sa.Login(), sb.Login())
		}
		if r, err := sa.Identify(ctx, "boss"); err != nil || r != "" {
			t.Errorf("a login nobody granted a role: %q %v", r, err)
		}
		if err := sa.Grant(ctx, ann, Admin); !errors.Is(err, ErrForbidden) {
			t.Errorf("a login granting itself admin: %v", err)
		}
		if err := sa.Transition(ctx, "boss", "case_000", New, InProgress, "", ""); err == nil {
			t.Error("a login with no role changed a status")
		}
		// The owner bootstraps the first admin; that admin grants the rest.
		if err := owner.Grant(ctx, boss, Admin); err != nil {
			t.Fatal(err)
		}
		if err := sb.Grant(ctx, ann, Annotator); err != nil {
			t.Fatal(err)
		}
		if r, _ := sa.Identify(ctx, "anything"); r != Annotator {
			t.Errorf("ann's role %q", r)
		}
		if err := sa.Grant(ctx, ann, Admin); !errors.Is(err, ErrForbidden) {
			t.Errorf("an annotator granting: %v", err)
		}
		if err := sa.Revoke(ctx, boss); !errors.Is(err, ErrForbidden) {
			t.Errorf("an annotator revoking: %v", err)
		}
		// The name typed in Settings says "boss"; the database says ann.
		if err := sa.Transition(ctx, "boss", "case_000", New, InProgress, "", ""); err != nil {
			t.Fatal(err)
		}
		ev, _ := sa.Audit(ctx, "case_000")
		if len(ev) != 1 || ev[0].Actor != ann || ev[0].Login != ann {
			t.Errorf("audit %+v, want actor and login %s", ev, ann)
		}
		// Even a client writing the audit table directly cannot name another login.
		if _, err := sa.db.ExecContext(ctx, `INSERT INTO audit (case_id, actor, action, detail, created, dataset, login)
			VALUES ('case_000', 'boss', 'forged', '', 0, $1, $2)`, sa.Dataset(), boss); err != nil {
			t.Fatal(err)
		}
		ev, _ = owner.Audit(ctx, "case_000")
		if last := ev[len(ev)-1]; last.Action != "forged" || last.Login != ann {
			t.Errorf("forged row recorded login %q", last.Login)
		}
		// Without the table right, a login cannot make itself admin by hand.
		if _, err := sa.db.ExecContext(ctx, `UPDATE users SET role = 'admin' WHERE name = $1`, ann); err == nil {
			t.Error("an annotator changed the users table")
		}
		if _, err := sa.db.ExecContext(ctx, `SELECT saros_grant($1, 'admin')`, ann); err == nil {
			t.Error("an annotator got through the server's grant check")
		}
		// The README's rights are enough for a double reading by team
		// logins: the admin sets ann as second reader, ann's reading is
		// recorded, the agreement recorded twice, the worklist and the lab
		// report read it.
		if err := sb.SetSecondReader(ctx, "", "case_000", ann); err != nil {
			t.Fatal(err)
		}
		if err := sa.RecordReaderSave(ctx, ReaderSave{Case: "case_000", ActiveMS: 60000}); err != nil {
			t.Fatal(err)
		}
		for _, d := range []float64{0.5, 0.8} {
			if err := sb.RecordAgreement(ctx, "case_000", boss, ann, []Agreement{{Map: "regions", Label: 2, Dice: d, NSD: d}}); err != nil {
				t.Fatal(err)
			}
		}
		if sums, err := sa.Summaries(ctx); err != nil || len(sums) != 1 || sums[0].SecondReader != ann {
			t.Errorf("summaries as a team login: %+v %v", sums, err)
		}
		if rep, err := sa.LabReport(ctx); err != nil || len(rep) == 0 {
			t.Errorf("lab report as a team login: %+v %v", rep, err)
		} else {
			for _, r := range rep {
				if r.Annotator == ann && (r.Cases != 1 || r.MeanDice == nil || *r.MeanDice != 0.8) {
					t.Errorf("ann's line %s: want 1 case and the latest agreement 0.8", show(r))
				}
			}
		}
		us, _ := owner.Users(ctx)
		if len(us) != 2 {
			t.Errorf("users %+v", us)
		}
		if ev, _ := owner.StoreAudit(ctx); len(ev) != 2 || ev[0].Login != owner.Login() || ev[1].Login != boss {
			t.Errorf("store audit %+v", ev)
		}
	}
}

// TestSQLiteUserIsTheOSUser: a data set's SQLite store knows its person as
// the operating system user, who becomes its admin; names passed in are
// display only.
func TestSQLiteUserIsTheOSUser(t *testing.T) {
	me, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	s, err := OpenAsLogin(ctx, root, "", []string{"case_000"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Login() != me.Username {
		t.Fatalf("login %q, OS user %q", s.Login(), me.Username)
	}
	if r, err := s.Identify(ctx, "Dr. Somebody"); err != nil || r != Admin {
		t.Fatalf("first login of a fresh store: %q %v", r, err)
	}
	if err := s.Transition(ctx, "Dr. Somebody", "case_000", New, InProgress, "", ""); err != nil {
		t.Fatal(err)
	}
	ev, _ := s.Audit(ctx, "case_000")
	if len(ev) != 1 || ev[0].Actor != me.Username || ev[0].Login != me.Username {
		t.Errorf("audit %+v", ev)
	}
	if us, _ := s.Users(ctx); len(us) != 1 || us[0].Login != me.Username {
		t.Errorf("users %+v: a typed name joined", us)
	}
}

// Logins that cannot be a person's (a folder name, an option, a line
// break) are refused when granted a role.
func TestGrantRefusesImpossibleLogins(t *testing.T) {
	s, err := OpenAsLogin(ctx, t.TempDir(), "", []string{"case_000"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, bad := range []string{"../x", "a/b", "-rf", "x\ny", "tab\there", "..", "bob ", " bob", strings.Repeat("x", 256)} {
		if err := s.Grant(ctx, bad, Annotator); err == nil || !strings.Contains(err.Error(), "login") {
			t.Errorf("grant %q: %v", bad, err)
		}
	}
	if err := s.Grant(ctx, "o.brien", Annotator); err != nil {
		t.Errorf("a dotted login: %v", err)
	}
}

func TestRoleArticle(t *testing.T) {
	for r, want := range map[Role]string{Annotator: "an annotator", Reviewer: "a reviewer", Admin: "an admin", "": "without a role"} {
		if got := r.Article(); got != want {
			t.Errorf("%q: %q, want %q", r, got, want)
		}
	}
}
