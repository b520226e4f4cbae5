package review

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrLockLost is wrapped by the error of a renewal or a save fence whose
// session no longer holds the case's lock: its lease ran out, someone else
// took it, or an admin broke it.
var ErrLockLost = errors.New("edit lock lost")

// LockLostError says why a session's lock is gone.
type LockLostError struct {
	Case string
	// Why is "its lease ran out at 15:04:05", "it was taken by NAME" or
	// "it was released or broken".
	Why string
}

func (e *LockLostError) Error() string {
	if id, reader, ok := strings.Cut(e.Case, "@reader/"); ok {
		return fmt.Sprintf("the edit lock of %s's second reading of %s is lost: %s", reader, id, e.Why)
	}
	return fmt.Sprintf("the edit lock of %s is lost: %s", e.Case, e.Why)
}

// Unwrap makes errors.Is(err, ErrLockLost) true.
func (e *LockLostError) Unwrap() error { return ErrLockLost }

// FenceMargin is how much of its lease a lock must still have for
// CheckLock to let a save go on, so the renames that follow the check
// happen well inside the lease.
const FenceMargin = 2 * time.Second

// NewToken returns a fresh session token: one per window (or any other
// session) that edits a case. Locks belong to tokens, not to user names,
// so one person's two windows are two sessions and only one of them edits.
func NewToken() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// nowSQL is the store's clock as SQL: the database server's clock on
// PostgreSQL (one clock for every client, whatever their laptops say), and
// Store.Now on SQLite (one file on one machine; tests replace Now to
// simulate a computer sleeping past its lease).
func (s *Store) nowSQL() string {
	if s.dialect == "postgres" {
		return `(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT`
	}
	return strconv.FormatInt(s.now(), 10)
}

// Acquire gives the session with token the edit lock of a case for lease,
// recording holder (the person, for messages): when the lock is free,
// expired, or already this session's (which renews it). Otherwise the error
// is a *LockError naming the holder. Leases run on the store's clock
// (nowSQL). One atomic statement: of several sessions racing, exactly one
// wins.
func (s *Store) Acquire(ctx context.Context, holder, id, token string, lease time.Duration) error {
	if token == "" {
		return fmt.Errorf("lock %s: no session token", id)
	}
	holder = s.who(holder)
	for try := 0; ; try++ {
		now := s.nowSQL()
		res, err := s.db.ExecContext(ctx, `INSERT INTO locks (dataset, case_id, holder, token, expires)
			VALUES ($1, $2, $3, $4, `+now+` + $5)
			ON CONFLICT (dataset, case_id) DO UPDATE SET holder = excluded.holder, token = excluded.token, expires = excluded.expires
			WHERE locks.expires < `+now+` OR locks.token = excluded.token`,
			s.dataset, id, holder, token, lease.Milliseconds())
		if err != nil {
			return fmt.Errorf("lock %s: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return nil
		}
		l, err := s.LockOf(ctx, id)
		if errors.Is(err, ErrNotFound) && try < 3 {
			continue // released between the two statements: try again
		}
		if err != nil {
			return fmt.Errorf("lock %s: %w", id, err)
		}
		return &LockError{Lock: l}
	}
}

// Renew extends the session's lock by lease from now. It fails with a
// *LockLostError when the session no longer holds a live lock: its lease
// ran out (even if nobody took it since: the session must Acquire again
// and decide whether its edits still apply), someone else took it, or it
// was broken. The caller must act on the error (turn the window
// read-only), never drop it.
func (s *Store) Renew(ctx context.Context, id, token string, lease time.Duration) error {
	now := s.nowSQL()
	res, err := s.db.ExecContext(ctx, `UPDATE locks SET expires = `+now+` + $1
		WHERE dataset = $2 AND case_id = $3 AND token = $4 AND expires >= `+now,
		lease.Milliseconds(), s.dataset, id, token)
	if err != nil {
		return fmt.Errorf("renew lock of %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	return s.lost(ctx, id, token)
}

// CheckLock is the fence of a save: call it after the new files are
// written and immediately before they replace anything. It succeeds only
// when the session with token holds the case's lock with at least
// FenceMargin of its lease left on the store's clock; otherwise the error
// is a *LockLostError (or the store's own error, e.g. not answering) and
// the save must not replace any file.
func (s *Store) CheckLock(ctx context.Context, id, token string) error {
	var tok string
	var expires, now int64
	err := s.db.QueryRowContext(ctx, `SELECT token, expires, `+s.nowSQL()+` FROM locks WHERE dataset = $1 AND case_id = $2`,
		s.dataset, id).Scan(&tok, &expires, &now)
	if errors.Is(err, sql.ErrNoRows) {
		return &LockLostError{Case: id, Why: "it was released or broken"}
	}
	if err != nil {
		return fmt.Errorf("check lock of %s: %w", id, err)
	}
	if tok != token {
		return s.lost(ctx, id, token)
	}
	if expires-now < FenceMargin.Milliseconds() {
		return &LockLostError{Case: id, Why: "its lease ran out at " + time.UnixMilli(expires).Format("15:04:05")}
	}
	return nil
}

// lost explains why the session with token does not hold id's lock.
func (s *Store) lost(ctx context.Context, id, token string) error {
	var holder, tok string
	var expires int64
	err := s.db.QueryRowContext(ctx, `SELECT holder, token, expires FROM locks WHERE dataset = $1 AND case_id = $2`,
		s.dataset, id).Scan(&holder, &tok, &expires)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return &LockLostError{Case: id, Why: "it was released or broken"}
	case err != nil:
		return fmt.Errorf("lock of %s: %w", id, err)
	case tok != token:
		return &LockLostError{Case: id, Why: "it was taken by " + holder}
	default:
		return &LockLostError{Case: id, Why: "its lease ran out at " + time.UnixMilli(expires).Format("15:04:05")}
	}
}

// Release gives up the session's lock (nothing happens if it does not
// hold it).
func (s *Store) Release(ctx context.Context, id, token string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM locks WHERE dataset = $1 AND case_id = $2 AND token = $3`, s.dataset, id, token)
	if err != nil {
		return fmt.Errorf("release lock of %s: %w", id, err)
	}
	return nil
}

// RecordSave records a save whose files are on disk: its revision and an
// audit row ("save") in one transaction. The save's right to write was
// proven by its fence (CheckLock) just before its files replaced anything;
// this records the fact even if the lease ran out since (a laptop closed
// mid-save): the files are there, so the history must say so. The
// revision carries the save's effort (active time, voxels against the
// proposal) as AddRevision's does. No other
// session can have saved in between: it would have had to take the lock
// and load the case, and loading waits for a save under way
// (store.SaveLockFile). It returns the revision's id.
func (s *Store) RecordSave(ctx context.Context, r Revision) (int64, error) {
	r.Author = s.who(r.Author)
	ch, _ := json.Marshal(r.Changes)
	vp, _ := json.Marshal(r.VsProposal)
	if r.VsProposal == nil {
		vp = []byte("{}")
	}
	if r.ActiveMS < 0 {
		return 0, fmt.Errorf("record save of %s: negative active time %d ms", r.Case, r.ActiveMS)
	}
	var id int64
	err := s.inTx(ctx, func(tx *txn) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO revisions (case_id, author, created, path, changes, qc_errors, qc_warnings, dataset, active_ms, vs_proposal)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`, r.Case, r.Author, s.now(), s.relPath(r.Path), string(ch),
			r.QCErrors, r.QCWarnings, s.dataset, r.ActiveMS, string(vp)).Scan(&id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET qc_errors = $1 WHERE id = $2 AND dataset = $3`, r.QCErrors, r.Case, s.dataset); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, r.Case, r.Author, "save", fmt.Sprintf("revision %d: %s", id, s.relPath(r.Path))); err != nil {
			return err
		}
		if len(r.Changes) > 0 {
			return s.withdrawApproval(ctx, tx, r, id)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("record save of %s: %w", r.Case, err)
	}
	return id, nil
}

// withdrawApproval sends an approved case back to review when a save
// changed its maps (revision id): what was approved is no longer what is
// on disk. The move is audited and counted like any status change.
func (s *Store) withdrawApproval(ctx context.Context, tx *txn, r Revision, id int64) error {
	var annotator sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT annotator FROM cases WHERE id = $1 AND dataset = $2 AND status = $3`, r.Case, s.dataset, string(Approved)).Scan(&annotator)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // not approved
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cases SET status = $1, updated = $2 WHERE id = $3 AND dataset = $4 AND status = $5`,
		string(InReview), s.now(), r.Case, s.dataset, string(Approved)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO status_events (case_id, actor, annotator, from_status, to_status, qc_errors, created, dataset)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, r.Case, r.Author, annotator, string(Approved), string(InReview), r.QCErrors, s.now(), s.dataset); err != nil {
		return err
	}
	return s.audit(ctx, tx, r.Case, r.Author, "status", fmt.Sprintf("%s → %s: the maps were saved again after approval (revision %d)", Approved, InReview, id))
}
