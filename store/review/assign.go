package review

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Assignment is who works on a case: its annotator (the first reader),
// its reviewer and its second reader ("" for none).
type Assignment struct {
	Annotator, Reviewer, SecondReader string
}

// AssignAll sets a case's annotator, reviewer and second reader in one
// transaction (admins and reviewers, never the case's second reader):
// each must be a login with a role in the store — the reviewer a
// reviewer, radiologist or admin, the second reader a name a folder can
// have and neither the annotator nor the reviewer. Nothing is written
// unless all of it holds; only what changed is audited.
func (s *Store) AssignAll(ctx context.Context, actor, id string, a Assignment) error {
	op := "assign " + id
	actor, err := s.assigner(ctx, op, actor)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txn) error {
		var ann, rev sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT annotator, reviewer FROM cases WHERE id = $1 AND dataset = $2`, id, s.dataset).Scan(&ann, &rev); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("%s: %w", op, ErrNotFound)
			}
			return err
		}
		second, err := secondReaderIn(ctx, tx, s.dataset, id)
		if err != nil {
			return err
		}
		if second != "" && second == actor {
			return fmt.Errorf("%s: %s is its second reader, who reads it blind: %w", op, actor, ErrForbidden)
		}
		if err := s.checkAssignment(ctx, tx, a); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		if a.Annotator != ann.String || a.Reviewer != rev.String {
			if _, err := tx.ExecContext(ctx, `UPDATE cases SET annotator = $1, reviewer = $2, updated = $3 WHERE id = $4 AND dataset = $5`,
				nullable(a.Annotator), nullable(a.Reviewer), s.now(), id, s.dataset); err != nil {
				return err
			}
			if err := s.audit(ctx, tx, id, actor, "assign", fmt.Sprintf("annotator %q, reviewer %q", a.Annotator, a.Reviewer)); err != nil {
				return err
			}
		}
		if a.SecondReader == second {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM readers WHERE dataset = $1 AND case_id = $2`, s.dataset, id); err != nil {
			return err
		}
		if a.SecondReader != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO readers (dataset, case_id, login, role, assigned_by, created) VALUES ($1, $2, $3, $4, $5, $6)`,
				s.dataset, id, a.SecondReader, SecondReaderRole, actor, s.now()); err != nil {
				return fmt.Errorf("%s: %w", op, err)
			}
		}
		return s.audit(ctx, tx, id, actor, "second reader", fmt.Sprintf("%q", a.SecondReader))
	})
}

// checkAssignment says what in a is not a valid assignment (see
// AssignAll), or nil.
func (s *Store) checkAssignment(ctx context.Context, tx *txn, a Assignment) error {
	roleOf := func(login string) (Role, error) {
		var r string
		err := tx.QueryRowContext(ctx, `SELECT role FROM users WHERE name = $1`, login).Scan(&r)
		if errors.Is(err, sql.ErrNoRows) || err == nil && r == "" {
			return "", fmt.Errorf("%s has no role in this review store (an admin grants one in File › Users…): %w", login, ErrNotFound)
		}
		return Role(r), err
	}
	if a.Annotator != "" {
		if _, err := roleOf(a.Annotator); err != nil {
			return fmt.Errorf("annotator: %w", err)
		}
	}
	if a.Reviewer != "" {
		r, err := roleOf(a.Reviewer)
		if err != nil {
			return fmt.Errorf("reviewer: %w", err)
		}
		if r != Reviewer && r != Radiologist && r != Admin {
			return fmt.Errorf("reviewer: %s is %s, not a reviewer, radiologist or admin", a.Reviewer, r.Article())
		}
	}
	if a.SecondReader != "" {
		if err := CheckReaderName(a.SecondReader); err != nil {
			return fmt.Errorf("second reader: %w", err)
		}
		if _, err := roleOf(a.SecondReader); err != nil {
			return fmt.Errorf("second reader: %w", err)
		}
		if a.SecondReader == a.Annotator || a.SecondReader == a.Reviewer {
			return fmt.Errorf("second reader: %s is also its annotator or reviewer", a.SecondReader)
		}
	}
	return nil
}

// assigner is actor as the store knows them when they may assign cases
// (admins and reviewers); else the error says why not, for op.
func (s *Store) assigner(ctx context.Context, op, actor string) (string, error) {
	actor = s.who(actor)
	role, err := s.RoleOf(ctx, actor)
	if err != nil {
		return "", fmt.Errorf("%s: %w", op, err)
	}
	if role != Admin && role != Reviewer {
		return "", fmt.Errorf("%s: %s is %s: %w", op, actor, role.Article(), ErrForbidden)
	}
	return actor, nil
}
