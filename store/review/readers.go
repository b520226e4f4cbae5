package review

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// readersMigration keeps the second reader of a case (double reading):
// one per case and data set, with who assigned them.
const readersMigration = `CREATE TABLE readers (dataset TEXT NOT NULL, case_id TEXT NOT NULL, login TEXT NOT NULL,
	   role TEXT NOT NULL, assigned_by TEXT NOT NULL, created BIGINT NOT NULL, PRIMARY KEY (dataset, case_id))`

// CheckReaderName says why login cannot name a second reader (their maps
// are kept in a folder of that name), or nil.
func CheckReaderName(login string) error {
	if login == "" || login == "." || login == ".." || strings.ContainsAny(login, `/\`+"\x00") || len(login) > 255 {
		return fmt.Errorf("reader %q: not a name a folder can have", login)
	}
	return nil
}

// CheckLogin says why login cannot be a person's login in the store, or
// nil: it must be a name a folder can have (a second reader's maps are
// kept under it), with no control characters and no leading '-' (it would
// read as an option on a command line).
func CheckLogin(login string) error {
	if err := CheckReaderName(login); err != nil {
		return fmt.Errorf("login %q: not a name a folder can have", login)
	}
	if strings.HasPrefix(login, "-") {
		return fmt.Errorf("login %q: starts with '-'", login)
	}
	if strings.TrimSpace(login) != login {
		return fmt.Errorf("login %q: starts or ends with a space", login)
	}
	for _, r := range login {
		if unicode.IsControl(r) {
			return fmt.Errorf("login %q: has a control character", login)
		}
	}
	return nil
}

// SecondReaderRole is the role of a reader in the readers table.
const SecondReaderRole = "second"

// SetSecondReader makes login the second reader of case id (admins and
// reviewers); an empty login removes the second reader. Audited.
func (s *Store) SetSecondReader(ctx context.Context, actor, id, login string) error {
	actor, err := s.assigner(ctx, "second reader of "+id, actor)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txn) error {
		var annotator sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT annotator FROM cases WHERE id = $1 AND dataset = $2`, id, s.dataset).Scan(&annotator); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("second reader of %s: %w", id, ErrNotFound)
			}
			return err
		}
		if login != "" && annotator.String == login {
			return fmt.Errorf("second reader of %s: %s is its annotator (the first reader)", id, login)
		}
		if second, err := secondReaderIn(ctx, tx, s.dataset, id); err != nil {
			return err
		} else if second != "" && second == actor {
			return fmt.Errorf("second reader of %s: %s is its second reader and may not change who reads it: %w", id, actor, ErrForbidden)
		}
		if login != "" {
			if err := CheckReaderName(login); err != nil {
				return fmt.Errorf("second reader of %s: %w", id, err)
			}
			var role string
			err := tx.QueryRowContext(ctx, `SELECT role FROM users WHERE name = $1`, login).Scan(&role)
			if errors.Is(err, sql.ErrNoRows) || err == nil && role == "" {
				return fmt.Errorf("second reader of %s: %s has no role in this review store (an admin grants one in File › Users…): %w", id, login, ErrNotFound)
			}
			if err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM readers WHERE dataset = $1 AND case_id = $2`, s.dataset, id); err != nil {
			return err
		}
		if login != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO readers (dataset, case_id, login, role, assigned_by, created) VALUES ($1, $2, $3, $4, $5, $6)`,
				s.dataset, id, login, SecondReaderRole, actor, s.now()); err != nil {
				return fmt.Errorf("second reader of %s: %w", id, err)
			}
		}
		return s.audit(ctx, tx, id, actor, "second reader", fmt.Sprintf("%q", login))
	})
}

// SecondReader is the login of the second reader of case id ("" when
// the case has none).
func (s *Store) SecondReader(ctx context.Context, id string) (string, error) {
	var login string
	err := s.db.QueryRowContext(ctx, `SELECT login FROM readers WHERE dataset = $1 AND case_id = $2 AND role = $3`,
		s.dataset, id, SecondReaderRole).Scan(&login)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("second reader of %s: %w", id, err)
	}
	return login, nil
}

// AuditAction records an action on case id by actor (the app's
// double-reading steps, such as taking the second reader's maps).
func (s *Store) AuditAction(ctx context.Context, id, actor, action, detail string) error {
	return s.inTx(ctx, func(tx *txn) error { return s.audit(ctx, tx, id, s.who(actor), action, detail) })
}

// TrustsNames says whether the store takes the names callers pass as who
// acts (OpenFor: tests and tools) instead of its login.
func (s *Store) TrustsNames() bool { return s.trustNames }

// secondReaderIn is the second reader of case id inside a transaction
// ("" when none).
func secondReaderIn(ctx context.Context, tx *txn, dataset, id string) (string, error) {
	var login string
	err := tx.QueryRowContext(ctx, `SELECT login FROM readers WHERE dataset = $1 AND case_id = $2 AND role = $3`,
		dataset, id, SecondReaderRole).Scan(&login)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("second reader of %s: %w", id, err)
	}
	return login, nil
}
