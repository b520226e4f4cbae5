package review

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Lock is who edits a case until when.
type Lock struct {
	Case    string
	Holder  string
	Expires int64 // unix ms
}

// LockError says who holds a lock someone else asked for.
type LockError struct{ Lock Lock }

func (e *LockError) Error() string {
	return fmt.Sprintf("case %s is being edited by %s until %s", e.Lock.Case, e.Lock.Holder,
		time.UnixMilli(e.Lock.Expires).Format("15:04:05"))
}

// Unwrap makes errors.Is(err, ErrLocked) true.
func (e *LockError) Unwrap() error { return ErrLocked }

// TakeLock gives actor the edit lock of a case for lease: when it is free,
// expired or already theirs (which renews it). Otherwise the error is a
// *LockError naming the holder. One atomic statement, so of several
// clients racing exactly one wins.
func (s *Store) TakeLock(ctx context.Context, actor, id string, lease time.Duration) error {
	now := s.now()
	res, err := s.db.ExecContext(ctx, `INSERT INTO locks (dataset, case_id, holder, expires) VALUES ($5, $1, $2, $3)
		ON CONFLICT (dataset, case_id) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
		WHERE locks.expires < $4 OR locks.holder = excluded.holder`,
		id, actor, now+lease.Milliseconds(), now, s.dataset)
	if err != nil {
		return fmt.Errorf("lock %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	l, err := s.LockOf(ctx, id)
	if err != nil {
		return fmt.Errorf("lock %s: %w", id, err)
	}
	return &LockError{Lock: l}
}

// LockOf returns the lock of a case (ErrNotFound when there is none).
func (s *Store) LockOf(ctx context.Context, id string) (Lock, error) {
	l := Lock{Case: id}
	err := s.db.QueryRowContext(ctx, `SELECT holder, expires FROM locks WHERE case_id = $1 AND dataset = $2`, id, s.dataset).Scan(&l.Holder, &l.Expires)
	if errors.Is(err, sql.ErrNoRows) {
		return l, fmt.Errorf("lock of %s: %w", id, ErrNotFound)
	}
	return l, err
}

// ReleaseLock gives up actor's lock (nothing happens if they do not hold
// it).
func (s *Store) ReleaseLock(ctx context.Context, actor, id string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM locks WHERE case_id = $1 AND holder = $2 AND dataset = $3`, id, actor, s.dataset)
	return err
}

// BreakLock frees a case locked by someone else (admins only); the audit
// log records it.
func (s *Store) BreakLock(ctx context.Context, admin, id, reason string) error {
	role, err := s.RoleOf(ctx, admin)
	if err != nil {
		return err
	}
	if role != Admin {
		return fmt.Errorf("break lock of %s: %s is a %s: %w", id, admin, role, ErrForbidden)
	}
	return s.inTx(ctx, func(tx *txn) error {
		var holder string
		if err := tx.QueryRowContext(ctx, `SELECT holder FROM locks WHERE case_id = $1 AND dataset = $2`, id, s.dataset).Scan(&holder); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return nil
			}
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM locks WHERE case_id = $1 AND dataset = $2`, id, s.dataset); err != nil {
			return err
		}
		return s.audit(ctx, tx, id, admin, "break lock", fmt.Sprintf("held by %s: %s", holder, reason))
	})
}
