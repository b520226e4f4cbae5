package review

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"time"
)

// ErrNotAnswering is wrapped by the error of any call the review store did
// not answer within its timeout.
var ErrNotAnswering = errors.New("review store is not answering")

// NotAnsweringError says which store did not answer within which timeout.
type NotAnsweringError struct {
	Host    string
	Timeout time.Duration
}

func (e *NotAnsweringError) Error() string {
	return fmt.Sprintf("review store at %s is not answering (timeout %s)", e.Host, e.Timeout)
}

// Unwrap makes errors.Is(err, ErrNotAnswering) true.
func (e *NotAnsweringError) Unwrap() error { return ErrNotAnswering }

// db is the database handle with a deadline on every call: each statement
// (and each transaction as a whole) gets the store's timeout unless the
// caller's context ends sooner, and a missed deadline becomes a
// *NotAnsweringError naming the store.
type db struct {
	*sql.DB
	host    string
	timeout time.Duration
}

func (d *db) limit(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, d.timeout)
}

// explain turns a missed deadline into a *NotAnsweringError; other errors
// pass unchanged. parent is the caller's context: when it ended first, its
// own error (cancelled, or the caller's deadline) is kept.
func (d *db) explain(parent context.Context, err error) error {
	if err == nil || errors.Is(err, sql.ErrNoRows) || parent.Err() != nil {
		return err
	}
	var ne net.Error
	var se interface{ Code() int }
	busy := errors.As(err, &se) && se.Code()&0xff == 5 // SQLITE_BUSY: a writer kept the file past the busy timeout
	if busy || errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return &NotAnsweringError{Host: d.host, Timeout: d.timeout}
	}
	return err
}

// ExecContext runs a statement within the timeout.
func (d *db) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	c, cancel := d.limit(ctx)
	defer cancel()
	r, err := d.DB.ExecContext(c, q, args...)
	return r, d.explain(ctx, err)
}

// row is a *sql.Row whose deadline ends once it is scanned.
type row struct {
	d      *db
	parent context.Context
	rows   *sql.Rows
	err    error
	cancel context.CancelFunc
}

// Scan copies the first row's columns into dest (sql.ErrNoRows when there
// is none) and releases the deadline.
func (r *row) Scan(dest ...any) error {
	defer r.cancel()
	if r.err != nil {
		return r.d.explain(r.parent, r.err)
	}
	defer r.rows.Close()
	if !r.rows.Next() {
		if err := r.rows.Err(); err != nil {
			return r.d.explain(r.parent, err)
		}
		return sql.ErrNoRows
	}
	if err := r.rows.Scan(dest...); err != nil {
		return r.d.explain(r.parent, err)
	}
	return r.d.explain(r.parent, r.rows.Close())
}

// QueryRowContext runs a query expected to return at most one row.
func (d *db) QueryRowContext(ctx context.Context, q string, args ...any) *row {
	c, cancel := d.limit(ctx)
	rs, err := d.DB.QueryContext(c, q, args...)
	return &row{d: d, parent: ctx, rows: rs, err: err, cancel: cancel}
}

// rows is *sql.Rows whose deadline ends when it is closed.
type rows struct {
	*sql.Rows
	d      *db
	parent context.Context
	cancel context.CancelFunc
}

// Close closes the rows and releases the deadline.
func (r *rows) Close() error {
	defer r.cancel()
	return r.Rows.Close()
}

// Err is the error met while iterating, explained.
func (r *rows) Err() error { return r.d.explain(r.parent, r.Rows.Err()) }

// QueryContext runs a query; the caller closes the rows.
func (d *db) QueryContext(ctx context.Context, q string, args ...any) (*rows, error) {
	c, cancel := d.limit(ctx)
	rs, err := d.DB.QueryContext(c, q, args...)
	if err != nil {
		cancel()
		return nil, d.explain(ctx, err)
	}
	return &rows{Rows: rs, d: d, parent: ctx, cancel: cancel}, nil
}

// txn is a transaction with one deadline for all its statements.
type txn struct {
	tx     *sql.Tx
	d      *db
	ctx    context.Context // the deadline of the whole transaction
	parent context.Context
	cancel context.CancelFunc
}

// BeginTx starts a transaction that must end within the timeout.
func (d *db) BeginTx(ctx context.Context, opts *sql.TxOptions) (*txn, error) {
	c, cancel := d.limit(ctx)
	tx, err := d.DB.BeginTx(c, opts)
	if err != nil {
		cancel()
		return nil, d.explain(ctx, err)
	}
	return &txn{tx: tx, d: d, ctx: c, parent: ctx, cancel: cancel}, nil
}

// within is ctx bounded by the transaction's deadline too.
func (t *txn) within(ctx context.Context) (context.Context, context.CancelFunc) {
	dl, _ := t.ctx.Deadline()
	return context.WithDeadline(ctx, dl)
}

// ExecContext runs a statement of the transaction.
func (t *txn) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	c, cancel := t.within(ctx)
	defer cancel()
	r, err := t.tx.ExecContext(c, q, args...)
	return r, t.d.explain(ctx, err)
}

// QueryRowContext runs a one-row query of the transaction.
func (t *txn) QueryRowContext(ctx context.Context, q string, args ...any) *row {
	c, cancel := t.within(ctx)
	rs, err := t.tx.QueryContext(c, q, args...)
	return &row{d: t.d, parent: ctx, rows: rs, err: err, cancel: cancel}
}

// Commit commits and releases the deadline.
func (t *txn) Commit() error {
	defer t.cancel()
	return t.d.explain(t.parent, t.tx.Commit())
}

// Rollback rolls back (a no-op after Commit) and releases the deadline.
func (t *txn) Rollback() error {
	defer t.cancel()
	return t.tx.Rollback()
}

// QueryContext runs a query of the transaction; the caller closes the rows.
func (t *txn) QueryContext(ctx context.Context, q string, args ...any) (*rows, error) {
	c, cancel := t.within(ctx)
	rs, err := t.tx.QueryContext(c, q, args...)
	if err != nil {
		cancel()
		return nil, t.d.explain(ctx, err)
	}
	return &rows{Rows: rs, d: t.d, parent: ctx, cancel: cancel}, nil
}
