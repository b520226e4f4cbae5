package review

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Role is what a person may do.
type Role string

// Article is the role with its article, for messages: "an annotator",
// "a reviewer", "without a role" for none.
func (r Role) Article() string {
	switch {
	case r == "":
		return "without a role"
	case strings.ContainsRune("aeiou", rune(r[0])):
		return "an " + string(r)
	}
	return "a " + string(r)
}

// The roles.
const (
	Annotator   Role = "annotator"
	Reviewer    Role = "reviewer"
	Radiologist Role = "radiologist"
	Admin       Role = "admin"
)

// Status is where a case is in the review cycle.
type Status string

// The statuses: new → in progress → submitted → in review → approved, or
// returned (with reasons) back to in progress.
const (
	New        Status = "new"
	InProgress Status = "in progress"
	Submitted  Status = "submitted"
	InReview   Status = "in review"
	Approved   Status = "approved"
	Returned   Status = "returned"
)

// Errors callers branch on.
var (
	ErrForbidden = errors.New("not allowed")
	ErrConflict  = errors.New("changed by someone else")
	ErrLocked    = errors.New("locked")
	ErrNotFound  = errors.New("not found")
	ErrQCErrors  = errors.New("the case has QC errors")
)

// transitions says who may move a case from one status to another.
var transitions = map[[2]Status][]Role{
	{New, InProgress}:        {Annotator, Admin},
	{Returned, InProgress}:   {Annotator, Admin},
	{InProgress, Submitted}:  {Annotator, Admin},
	{Submitted, InReview}:    {Reviewer, Radiologist, Admin},
	{InReview, Approved}:     {Reviewer, Admin},
	{InReview, Returned}:     {Reviewer, Radiologist, Admin},
	{Submitted, Returned}:    {Reviewer, Radiologist, Admin},
	{Approved, InReview}:     {Admin},
	{InProgress, InProgress}: {},
}

// Rules of the status machine beyond the table (enforced by Transition):
//   - annotators cannot approve their own cases (an admin who annotated a
//     case cannot approve it either);
//   - returning needs a reason;
//   - a case with QC errors is submitted or approved only with an
//     override reason, which is recorded in the audit log;
//   - a case whose annotated slices are recorded is approved only when the
//     approver has accepted every one of them, or with an override reason
//     (the same reason covers QC errors; each override is audited).

// AddUser records a person and their role (or changes the role).
func (s *Store) AddUser(ctx context.Context, name string, role Role) error {
	switch role {
	case Annotator, Reviewer, Radiologist, Admin:
	default:
		return fmt.Errorf("add user %s: unknown role %q", name, role)
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO users (name, role) VALUES ($1, $2)
		ON CONFLICT (name) DO UPDATE SET role = excluded.role`, name, string(role))
	if err != nil {
		return fmt.Errorf("add user %s: %w", name, err)
	}
	return nil
}

// RoleOf returns a person's role.
func (s *Store) RoleOf(ctx context.Context, name string) (Role, error) {
	var r string
	err := s.db.QueryRowContext(ctx, `SELECT role FROM users WHERE name = $1`, name).Scan(&r)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("user %s: %w", name, ErrNotFound)
	}
	return Role(r), err
}

// CaseState is the review state of one case.
type CaseState struct {
	ID        string
	Status    Status
	Annotator string
	Reviewer  string
	QCErrors  int
	Updated   int64 // unix ms
}

// EnsureCases records cases not yet known, with status new.
func (s *Store) EnsureCases(ctx context.Context, ids ...string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := s.now()
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `INSERT INTO cases (dataset, id, status, updated) VALUES ($4, $1, $2, $3) ON CONFLICT (dataset, id) DO NOTHING`,
			id, string(New), now, s.dataset); err != nil {
			return fmt.Errorf("record case %s: %w", id, err)
		}
	}
	return tx.Commit()
}

// Case returns the state of a case.
func (s *Store) Case(ctx context.Context, id string) (CaseState, error) {
	c := CaseState{ID: id}
	var st string
	var a, r sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT status, annotator, reviewer, qc_errors, updated FROM cases WHERE id = $1 AND dataset = $2`, id, s.dataset).
		Scan(&st, &a, &r, &c.QCErrors, &c.Updated)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("case %s: %w", id, ErrNotFound)
	}
	c.Status, c.Annotator, c.Reviewer = Status(st), a.String, r.String
	return c, err
}

// Assign sets the annotator and reviewer of a case (admins and reviewers).
func (s *Store) Assign(ctx context.Context, actor, id, annotator, reviewer string) error {
	actor, err := s.assigner(ctx, "assign "+id, actor)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txn) error {
		second, err := secondReaderIn(ctx, tx, s.dataset, id)
		if err != nil {
			return err
		}
		if second != "" && second == actor {
			return fmt.Errorf("assign %s: %s is its second reader, who reads it blind: %w", id, actor, ErrForbidden)
		}
		if second != "" && (second == annotator || second == reviewer) {
			return fmt.Errorf("assign %s: %s is its second reader and cannot also be its annotator or reviewer", id, second)
		}
		res, err := tx.ExecContext(ctx, `UPDATE cases SET annotator = $1, reviewer = $2, updated = $3 WHERE id = $4 AND dataset = $5`,
			nullable(annotator), nullable(reviewer), s.now(), id, s.dataset)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("assign %s: %w", id, ErrNotFound)
		}
		return s.audit(ctx, tx, id, actor, "assign", fmt.Sprintf("annotator %q, reviewer %q", annotator, reviewer))
	})
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// SetQCErrors records the error count of the case's latest QC.
func (s *Store) SetQCErrors(ctx context.Context, id string, n int) error {
	_, err := s.db.ExecContext(ctx, `UPDATE cases SET qc_errors = $1 WHERE id = $2 AND dataset = $3`, n, id, s.dataset)
	return err
}

// Transition moves a case from status from to status to, as actor. It
// fails with ErrForbidden when the actor's role may not, ErrQCErrors when
// the case has QC errors and no override reason is given,
// ErrSlicesNotAccepted when approving without having accepted every
// annotated slice and without an override reason, and ErrConflict
// when the case is no longer in status from (someone else moved it): of
// two people racing, exactly one wins.
func (s *Store) Transition(ctx context.Context, actor, id string, from, to Status, reason, override string) error {
	op := fmt.Sprintf("%s → %s of %s", from, to, id)
	actor = s.who(actor)
	role, err := s.RoleOf(ctx, actor)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	roles, ok := transitions[[2]Status{from, to}]
	allowed := false
	for _, r := range roles {
		allowed = allowed || r == role
	}
	if !ok || !allowed {
		return fmt.Errorf("%s: %s (%s) may not: %w", op, actor, role, ErrForbidden)
	}
	if to == Returned && reason == "" {
		return fmt.Errorf("%s: returning a case needs the reasons", op)
	}
	return s.inTx(ctx, func(tx *txn) error {
		if second, err := secondReaderIn(ctx, tx, s.dataset, id); err != nil {
			return err
		} else if second != "" && second == actor {
			return fmt.Errorf("%s: %s is its second reader, who reads it blind and does not move it: %w", op, actor, ErrForbidden)
		}
		var annotator sql.NullString
		var qcErrors int
		q := `SELECT annotator, qc_errors FROM cases WHERE id = $1 AND dataset = $2`
		if s.dialect == "postgres" {
			q += ` FOR UPDATE`
		}
		if err := tx.QueryRowContext(ctx, q, id, s.dataset).Scan(&annotator, &qcErrors); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("%s: %w", op, ErrNotFound)
			}
			return err
		}
		if to == Approved && annotator.String == actor {
			return fmt.Errorf("%s: %s annotated this case and cannot approve it: %w", op, actor, ErrForbidden)
		}
		if (to == Submitted || to == Approved) && qcErrors > 0 && override == "" {
			return fmt.Errorf("%s: %d QC errors; an override needs a reason: %w", op, qcErrors, ErrQCErrors)
		}
		notAccepted := 0
		if to == Approved {
			n, total, err := unaccepted(ctx, tx, s.dataset, id, actor)
			if err != nil {
				return err
			}
			if n > 0 && override == "" {
				return fmt.Errorf("%s: %d of %d annotated slices not accepted by %s; an override needs a reason: %w",
					op, n, total, actor, ErrSlicesNotAccepted)
			}
			notAccepted = n
		}
		res, err := tx.ExecContext(ctx, `UPDATE cases SET status = $1, updated = $2 WHERE id = $3 AND status = $4 AND dataset = $5`,
			string(to), s.now(), id, string(from), s.dataset)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%s: %w", op, ErrConflict)
		}
		detail := fmt.Sprintf("%s → %s", from, to)
		if reason != "" {
			detail += ": " + reason
		}
		if err := s.audit(ctx, tx, id, actor, "status", detail); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO status_events (case_id, actor, annotator, from_status, to_status, qc_errors, created, dataset)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, id, actor, annotator, string(from), string(to), qcErrors, s.now(), s.dataset); err != nil {
			return err
		}
		if notAccepted > 0 {
			if err := s.audit(ctx, tx, id, actor, "slice review override", fmt.Sprintf("%d annotated slices not accepted: %s", notAccepted, override)); err != nil {
				return err
			}
		}
		if override != "" && qcErrors > 0 {
			return s.audit(ctx, tx, id, actor, "qc override", fmt.Sprintf("%d QC errors: %s", qcErrors, override))
		}
		return nil
	})
}

// inTx runs f in a transaction; SQLite transactions take the write lock
// at once, so concurrent writers queue instead of failing late.
func (s *Store) inTx(ctx context.Context, f func(tx *txn) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *Store) audit(ctx context.Context, tx *txn, id, actor, action, detail string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit (case_id, actor, action, detail, created, dataset, login) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		id, actor, action, detail, s.now(), s.dataset, s.login)
	return err
}

// Next lists the statuses a role may move a case to from status from
// (the buttons to offer); the remaining rules are checked by Transition.
func Next(role Role, from Status) []Status {
	var out []Status
	for _, to := range []Status{InProgress, Submitted, InReview, Approved, Returned} {
		for _, r := range transitions[[2]Status{from, to}] {
			if r == role && from != to {
				out = append(out, to)
				break
			}
		}
	}
	return out
}

// Identify returns the role of the person using the store. A store opened
// for a data set (OpenFor) ignores name: the person is the database login
// (PostgreSQL) or the operating system user (SQLite), see Login. A store
// that trusts names (Open, for tests and tools) records name first when it
// does not know them: the first person of a fresh store becomes its admin,
// later ones annotators until an admin says otherwise.
func (s *Store) Identify(ctx context.Context, name string) (Role, error) {
	if !s.trustNames {
		return s.identifyLogin(ctx)
	}
	if r, err := s.RoleOf(ctx, name); err == nil {
		return r, nil
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
		return "", err
	}
	role := Annotator
	if n == 0 {
		role = Admin
	}
	return role, s.AddUser(ctx, name, role)
}
