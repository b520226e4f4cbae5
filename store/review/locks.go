package review

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
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
	until := time.UnixMilli(e.Lock.Expires).Format("15:04:05")
	if id, reader, ok := strings.Cut(e.Lock.Case, "@reader/"); ok {
		return fmt.Sprintf("%s's second reading of %s is open in another window until %s", reader, id, until)
	}
	return fmt.Sprintf("case %s is being edited by %s until %s", e.Lock.Case, e.Lock.Holder, until)
}

// Unwrap makes errors.Is(err, ErrLocked) true.
func (e *LockError) Unwrap() error { return ErrLocked }

// TakeLock gives actor the edit lock of a case for lease: when it is free,
// expired or already theirs (which renews it). Otherwise the error is a
// *LockError naming the holder. One atomic statement, so of several
// clients racing exactly one wins.
//
// Deprecated: a lock taken by name is shared by all of that person's
// windows; use Acquire with a session token (NewToken) and fence every save
// with CheckLock.
func (s *Store) TakeLock(ctx context.Context, actor, id string, lease time.Duration) error {
	return s.Acquire(ctx, actor, id, nameToken(actor), lease)
}

// nameToken is the token of the old by-name locks.
func nameToken(actor string) string { return "name:" + actor }

// LockOf returns the lock of a case (ErrNotFound when there is none).
func (s *Store) LockOf(ctx context.Context, id string) (Lock, error) {
	l := Lock{Case: id}
	err := s.db.QueryRowContext(ctx, `SELECT holder, expires FROM locks WHERE case_id = $1 AND dataset = $2`, id, s.dataset).Scan(&l.Holder, &l.Expires)
	if errors.Is(err, sql.ErrNoRows) {
		return l, fmt.Errorf("lock of %s: %w", id, ErrNotFound)
	}
	return l, err
}

// ReleaseLock gives up actor's by-name lock (nothing happens if they do not
// hold it).
//
// Deprecated: use Release with the session's token.
func (s *Store) ReleaseLock(ctx context.Context, actor, id string) error {
	return s.Release(ctx, id, nameToken(actor))
}

// BreakLock frees a case locked by someone else (admins only); the audit
// log records it.
func (s *Store) BreakLock(ctx context.Context, admin, id, reason string) error {
	admin = s.who(admin)
	role, err := s.RoleOf(ctx, admin)
	if err != nil {
		return err
	}
	if role != Admin {
		return fmt.Errorf("break lock of %s: %s is %s: %w", id, admin, role.Article(), ErrForbidden)
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
