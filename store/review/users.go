package review

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/user"
)

// pgIdentity makes PostgreSQL itself write the login of every audit row
// (session_user), so no client can record someone else, and adds
// saros_grant, the one way to change roles for logins without rights on
// the users table: it runs with its owner's rights and lets only an admin,
// the database's owner or a superuser through.
var pgIdentity = []string{
	`CREATE OR REPLACE FUNCTION saros_audit_login() RETURNS trigger LANGUAGE plpgsql AS $$
	 BEGIN NEW.login := session_user; RETURN NEW; END $$`,
	`CREATE TRIGGER audit_login BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION saros_audit_login()`,
	`CREATE OR REPLACE FUNCTION saros_grant(p_login TEXT, p_role TEXT) RETURNS void
	 LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
	 BEGIN
	   IF NOT (EXISTS (SELECT 1 FROM users WHERE name = session_user AND role = 'admin')
	       OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND rolsuper)
	       OR EXISTS (SELECT 1 FROM pg_database WHERE datname = current_database() AND pg_get_userbyid(datdba) = session_user)) THEN
	     RAISE EXCEPTION '% is not an admin of this review store', session_user USING ERRCODE = '42501';
	   END IF;
	   IF p_role IS NULL THEN
	     DELETE FROM users WHERE name = p_login;
	   ELSE
	     INSERT INTO users (name, role) VALUES (p_login, p_role) ON CONFLICT (name) DO UPDATE SET role = excluded.role;
	   END IF;
	 END $$`,
}

// ErrNoLogin is returned when the operating system cannot say who runs
// the program (SQLite stores name their person after it).
var ErrNoLogin = errors.New("cannot tell who is logged in")

// loginOf is who the database says the person is: the session's login on
// PostgreSQL, the operating system user on SQLite.
func (s *Store) loginOf(ctx context.Context) (string, error) {
	if s.dialect == "postgres" {
		var l string
		err := s.db.QueryRowContext(ctx, `SELECT session_user`).Scan(&l)
		return l, err
	}
	return osUser()
}

func osUser() (string, error) {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username, nil
	}
	for _, v := range []string{"USER", "USERNAME", "LOGNAME"} {
		if n := os.Getenv(v); n != "" {
			return n, nil
		}
	}
	return "", ErrNoLogin
}

// Login is the person using the store as the database knows them: the
// PostgreSQL login, or the operating system user for SQLite. A name typed
// in Settings is for display only.
func (s *Store) Login() string { return s.login }

// who is the person acting: the login, or the name a caller passes when
// the store trusts names.
func (s *Store) who(name string) string {
	if s.trustNames {
		return name
	}
	return s.login
}

// identifyLogin is Identify for a store that does not trust names: the
// login's role. The first login of a store without users becomes its
// admin: on SQLite (one person's file) whoever it is, on PostgreSQL only
// the database's owner or a superuser. Any other login no admin has
// granted a role has none ("") and may only browse: nobody joins by
// typing a name.
func (s *Store) identifyLogin(ctx context.Context) (Role, error) {
	if r, err := s.RoleOf(ctx, s.login); err == nil {
		return r, nil
	} else if !errors.Is(err, ErrNotFound) {
		return "", err
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
		return "", err
	}
	if n > 0 {
		return "", nil
	}
	if s.dialect == "postgres" {
		// Nobody has a role yet: the database's owner (or a superuser),
		// who alone may grant the first role, is the first admin.
		ok, err := s.mayGrant(ctx)
		if err != nil || !ok {
			return "", err
		}
		return Admin, s.Grant(ctx, s.login, Admin)
	}
	return Admin, s.AddUser(ctx, s.login, Admin)
}

// User is a login and its role.
type User struct {
	Login string `json:"login"`
	Role  Role   `json:"role"`
}

// Users lists the logins with a role, by login.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, role FROM users ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		var r string
		if err := rows.Scan(&u.Login, &r); err != nil {
			return nil, err
		}
		u.Role = Role(r)
		out = append(out, u)
	}
	return out, rows.Err()
}

// mayGrant says whether the person using the store may give roles: an
// admin, or on PostgreSQL the owner of the database or a superuser (to
// make the first admin); on SQLite the operating system user who owns the
// file's only admin role, or anyone while there is no admin yet.
func (s *Store) mayGrant(ctx context.Context) (bool, error) {
	me := s.who("")
	if r, err := s.RoleOf(ctx, me); err == nil && r == Admin {
		return true, nil
	} else if err != nil && !errors.Is(err, ErrNotFound) {
		return false, err
	}
	if s.dialect == "postgres" {
		var owner bool
		err := s.db.QueryRowContext(ctx, `SELECT r.rolsuper OR pg_get_userbyid(d.datdba) = session_user
			FROM pg_roles r, pg_database d WHERE r.rolname = session_user AND d.datname = current_database()`).Scan(&owner)
		return owner, err
	}
	var admins int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE role = $1`, string(Admin)).Scan(&admins); err != nil {
		return false, err
	}
	return admins == 0, nil
}

// Grant gives login a role (or changes it). Only an admin may, or on
// PostgreSQL the database's owner (to make the first admin); the person
// granting is the store's login, never a name passed in. The audit log
// records it (under no case).
func (s *Store) Grant(ctx context.Context, login string, role Role) error {
	if login != "" {
		if err := CheckLogin(login); err != nil {
			return fmt.Errorf("grant %s: %w", role, err)
		}
	}
	ok, err := s.mayGrant(ctx)
	if err != nil {
		return fmt.Errorf("grant %s to %s: %w", role, login, err)
	}
	if !ok {
		return fmt.Errorf("grant %s to %s: %s is not an admin: %w", role, login, s.who(""), ErrForbidden)
	}
	if login == "" {
		return fmt.Errorf("grant %s: no login", role)
	}
	switch role {
	case Annotator, Reviewer, Radiologist, Admin:
	default:
		return fmt.Errorf("grant %s: unknown role %q", login, role)
	}
	me := s.who("")
	myRole, err := s.RoleOf(ctx, me)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("grant %s to %s: %w", role, login, err)
	}
	return s.inTx(ctx, func(tx *txn) error {
		// A SQLite store with no admin yet: the login making the first
		// grant becomes its admin (else granting others first would lock
		// them out of their own file).
		if s.dialect == "sqlite" && myRole != Admin && login != me {
			if err := s.setRole(ctx, tx, me, string(Admin)); err != nil {
				return fmt.Errorf("grant %s to %s: %w", role, login, err)
			}
			if err := s.audit(ctx, tx, "", me, "grant", fmt.Sprintf("%s is %s (the first admin of the store)", me, Admin)); err != nil {
				return err
			}
		}
		if err := s.setRole(ctx, tx, login, string(role)); err != nil {
			return fmt.Errorf("grant %s to %s: %w", role, login, err)
		}
		return s.audit(ctx, tx, "", me, "grant", fmt.Sprintf("%s is %s", login, role))
	})
}

// Revoke takes login's role away (admins only, as Grant); an admin cannot
// revoke their own role, so a store never loses its last admin by mistake.
func (s *Store) Revoke(ctx context.Context, login string) error {
	ok, err := s.mayGrant(ctx)
	if err != nil {
		return fmt.Errorf("revoke %s: %w", login, err)
	}
	if !ok {
		return fmt.Errorf("revoke %s: %s is not an admin: %w", login, s.who(""), ErrForbidden)
	}
	if login == s.who("") {
		return fmt.Errorf("revoke %s: that is you; another admin must: %w", login, ErrForbidden)
	}
	return s.inTx(ctx, func(tx *txn) error {
		if err := s.setRole(ctx, tx, login, nil); err != nil {
			return fmt.Errorf("revoke %s: %w", login, err)
		}
		return s.audit(ctx, tx, "", s.who(""), "revoke", login)
	})
}

// StoreAudit is the audit log of the store itself (roles granted and
// revoked), oldest first.
func (s *Store) StoreAudit(ctx context.Context) ([]Event, error) { return s.Audit(ctx, "") }

// setRole gives login role (nil: none), through saros_grant on PostgreSQL.
func (s *Store) setRole(ctx context.Context, tx *txn, login string, role any) error {
	if s.dialect == "postgres" {
		_, err := tx.ExecContext(ctx, `SELECT saros_grant($1, $2)`, login, role)
		return err
	}
	if role == nil {
		_, err := tx.ExecContext(ctx, `DELETE FROM users WHERE name = $1`, login)
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO users (name, role) VALUES ($1, $2)
		ON CONFLICT (name) DO UPDATE SET role = excluded.role`, login, role)
	return err
}
