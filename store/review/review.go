// Package review keeps the review state of a data set: people and roles,
// case status and assignment, edit locks with leases, slice flags, case
// comments, the revisions of every save and an audit log. It runs on
// SQLite (a file in the data set's .saros-review folder) for one person and
// on PostgreSQL for a team, with the same schema and behaviour; status
// changes and locks are transactional, so two people racing for the same
// case cannot both win. Nothing is deleted by normal use.
package review

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite" (pure Go)
)

// DBFile is the SQLite file of a data set, in its .saros-review folder.
const DBFile = ".saros-review/review.sqlite"

// Store is an open review database.
type Store struct {
	db      *db
	dialect string // "sqlite" or "postgres"
	target  Target
	dataset string // the data set's UUID keying every row ("" for none)
	root    string // the data set folder revisions are relative to
	// trustNames: the actor names callers pass are taken as given (Open,
	// for tests and tools); otherwise the person is login, always.
	trustNames bool
	readOnly   bool
	login      string
	// Now gives the time of events (replaceable in tests).
	Now func() time.Time
}

// Options say which review store to open and how long to wait for it.
type Options struct {
	// DSN is a PostgreSQL URL or a SQLite file path (see ParseTarget).
	DSN string
	// Timeout bounds connecting and every statement (and the SQLite busy
	// wait); 0 means $SAROS_REVIEW_TIMEOUT or DefaultTimeout.
	Timeout time.Duration
	// Dataset is the UUID of the data set whose rows the store reads and
	// writes (see DatasetID); "" is the rows of no data set.
	Dataset string
	// Root is the data set folder: revision folders under it are stored
	// relative to it, so they mean the same on every machine.
	Root string
	// TrustNames takes the actor names callers pass as who acts, as Open
	// does (tests and tools run by whoever owns the database). Without it
	// the person acting is the database login (PostgreSQL) or the
	// operating system user (SQLite), whatever name a caller passes.
	TrustNames bool
	// ReadOnly opens an existing store for reading only: nothing is
	// created or migrated, and the database itself refuses every write
	// (SQLite mode=ro; PostgreSQL default_transaction_read_only).
	ReadOnly bool
}

// Open opens the database named by dsn: a postgres:// or postgresql://
// URL (the scheme in any case) for PostgreSQL, or a SQLite file path
// (created on first use); anything else is an error. The schema is brought
// up to date.
func Open(ctx context.Context, dsn string) (*Store, error) {
	return OpenWith(ctx, Options{DSN: dsn, TrustNames: true})
}

// OpenWith opens a review store as the options say. Connecting and every
// later call are bounded by the timeout: a store that does not answer in
// time gives a *NotAnsweringError ("review store at HOST is not answering
// (timeout 10s)").
func OpenWith(ctx context.Context, o Options) (*Store, error) {
	t, err := ParseTarget(o.DSN)
	if err != nil {
		return nil, err
	}
	timeout := o.Timeout
	if timeout <= 0 {
		if timeout, err = timeoutFromEnv(); err != nil {
			return nil, err
		}
	}
	root := o.Root
	if abs, err := filepath.Abs(root); err == nil && root != "" {
		root = abs // revision folders are stored relative to it
	}
	s := &Store{Now: time.Now, target: t, dataset: o.Dataset, root: root, trustNames: o.TrustNames}
	var sdb *sql.DB
	if t.Postgres {
		s.dialect = "postgres"
		u, connect, err := pgURL(t.URL, timeout, o.ReadOnly)
		if err != nil {
			return nil, fmt.Errorf("review store at %s: %w", t.Host, err)
		}
		timeout = max(timeout, connect)
		sdb, err = sql.Open("pgx", u)
		if err != nil {
			return nil, fmt.Errorf("open review store at %s: %w", t.Host, err)
		}
	} else {
		s.dialect = "sqlite"
		if o.ReadOnly {
			if _, err := os.Stat(t.Path); err != nil {
				return nil, fmt.Errorf("open review store %s read-only: %w", t.Path, ErrNoStore)
			}
		}
		sdb, err = sql.Open("sqlite", sqliteDSN(t.Path, timeout, o.ReadOnly))
		if err != nil {
			return nil, fmt.Errorf("open review store %s: %w", t.Path, err)
		}
	}
	s.db = &db{DB: sdb, host: t.Host, timeout: timeout}
	s.readOnly = o.ReadOnly
	if err := s.migrateRetrying(ctx, timeout); err != nil {
		s.db.Close()
		if errors.Is(err, ErrNotAnswering) {
			return nil, err
		}
		return nil, fmt.Errorf("open review store at %s: %w", t.Host, err)
	}
	// A store that trusts names needs no login (a container's process
	// may have no user name); one that does not cannot work without it.
	if s.login, err = s.loginOf(ctx); err != nil && (!s.trustNames || !errors.Is(err, ErrNoLogin)) {
		s.db.Close()
		return nil, fmt.Errorf("open review store at %s: %w", t.Host, err)
	}
	if s.dataset != "" && !s.readOnly {
		if err := s.claimOrphans(ctx); err != nil {
			s.db.Close()
			return nil, fmt.Errorf("open review store at %s: %w", t.Host, err)
		}
	}
	return s, nil
}

func isPostgres(dsn string) bool {
	t, err := ParseTarget(dsn)
	return err == nil && t.Postgres
}

// Target is where the store is.
func (s *Store) Target() Target { return s.target }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Dialect is "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect }

func (s *Store) now() int64 { return s.Now().UnixMilli() }

// migrations are applied in order; the schema_version table records how
// many ran. {{id}} is the auto-increment primary key of the dialect.
var migrations = []string{
	`CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT NOT NULL);
	 CREATE TABLE cases (id TEXT PRIMARY KEY, status TEXT NOT NULL, annotator TEXT, reviewer TEXT,
	   qc_errors INTEGER NOT NULL DEFAULT 0, updated BIGINT NOT NULL);
	 CREATE TABLE locks (case_id TEXT PRIMARY KEY, holder TEXT NOT NULL, expires BIGINT NOT NULL);
	 CREATE TABLE flags (id {{id}}, case_id TEXT NOT NULL, map TEXT NOT NULL, slice INTEGER NOT NULL,
	   label INTEGER NOT NULL, i INTEGER NOT NULL, j INTEGER NOT NULL, category TEXT NOT NULL,
	   comment TEXT NOT NULL, author TEXT NOT NULL, created BIGINT NOT NULL,
	   resolved_by TEXT, reply TEXT, resolved BIGINT);
	 CREATE TABLE comments (id {{id}}, case_id TEXT NOT NULL, author TEXT NOT NULL, text TEXT NOT NULL, created BIGINT NOT NULL);
	 CREATE TABLE revisions (id {{id}}, case_id TEXT NOT NULL, author TEXT NOT NULL, created BIGINT NOT NULL,
	   path TEXT NOT NULL, changes TEXT NOT NULL, qc_errors INTEGER NOT NULL, qc_warnings INTEGER NOT NULL);
	 CREATE TABLE audit (id {{id}}, case_id TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
	   detail TEXT NOT NULL, created BIGINT NOT NULL);
	 CREATE INDEX flags_case ON flags (case_id);
	 CREATE INDEX audit_case ON audit (case_id);
	 CREATE INDEX revisions_case ON revisions (case_id);`,
	// Data sets: every review row belongs to one data set (its UUID), so
	// data sets sharing a server never share a case's state. Rows made
	// before keep '' until a data set claims them (see claimOrphans).
	`CREATE TABLE cases_ds (dataset TEXT NOT NULL, id TEXT NOT NULL, status TEXT NOT NULL, annotator TEXT, reviewer TEXT,
	   qc_errors INTEGER NOT NULL DEFAULT 0, updated BIGINT NOT NULL, PRIMARY KEY (dataset, id));
	 INSERT INTO cases_ds (dataset, id, status, annotator, reviewer, qc_errors, updated)
	   SELECT '', id, status, annotator, reviewer, qc_errors, updated FROM cases;
	 DROP TABLE cases;
	 ALTER TABLE cases_ds RENAME TO cases;
	 CREATE TABLE locks_ds (dataset TEXT NOT NULL, case_id TEXT NOT NULL, holder TEXT NOT NULL, expires BIGINT NOT NULL,
	   PRIMARY KEY (dataset, case_id));
	 INSERT INTO locks_ds (dataset, case_id, holder, expires) SELECT '', case_id, holder, expires FROM locks;
	 DROP TABLE locks;
	 ALTER TABLE locks_ds RENAME TO locks;
	 ALTER TABLE flags ADD COLUMN dataset TEXT NOT NULL DEFAULT '';
	 ALTER TABLE comments ADD COLUMN dataset TEXT NOT NULL DEFAULT '';
	 ALTER TABLE revisions ADD COLUMN dataset TEXT NOT NULL DEFAULT '';
	 ALTER TABLE audit ADD COLUMN dataset TEXT NOT NULL DEFAULT '';
	 CREATE INDEX flags_dataset ON flags (dataset, case_id);
	 CREATE INDEX comments_dataset ON comments (dataset, case_id);
	 CREATE INDEX revisions_dataset ON revisions (dataset, case_id);
	 CREATE INDEX audit_dataset ON audit (dataset, case_id);`,
	// Sessions: a lock belongs to one window's session, proven by its
	// token, not to a user name.
	`ALTER TABLE locks ADD COLUMN token TEXT NOT NULL DEFAULT ''`,
	// Who acted is who the database says: the login of every audit row
	// (on PostgreSQL set by the server from session_user, whatever a
	// client sends), and roles changed only through saros_grant, which
	// checks on the server that the caller is an admin (pgIdentity).
	`ALTER TABLE audit ADD COLUMN login TEXT NOT NULL DEFAULT '';
	 {{pg_identity}}`,
	sliceReviewMigration,
	readersMigration,
	readerSavesMigration,
}

// migrateRetrying migrates, trying again within the timeout while a
// SQLite file is busy: clients opening a brand-new file together meet
// SQLITE_BUSY at once (not after the busy timeout) while one of them
// switches it to WAL, and that is no reason to tell the user the store is
// not answering.
func (s *Store) migrateRetrying(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		err := s.migrate(ctx)
		if err == nil || s.dialect != "sqlite" || !errors.Is(err, ErrNotAnswering) || time.Now().Add(wait).After(deadline) {
			return err
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (s *Store) migrate(ctx context.Context) error {
	// Up to date: nothing to create (team logins have no right to).
	var cur int
	if err := s.db.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&cur); err == nil && cur == len(migrations) {
		return nil
	} else if errors.Is(err, ErrNotAnswering) {
		return err
	} else if s.readOnly {
		return fmt.Errorf("schema version %d: a read-only session cannot bring it to %d (%v): %w", cur, len(migrations), err, ErrNoStore)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.dialect == "postgres" {
		// One migrator at a time across clients, from the very first
		// statement (two CREATE TABLE IF NOT EXISTS racing on a fresh
		// server collide in PostgreSQL's catalog).
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(5316312)`); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return err
	}
	var v int
	err = tx.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (0)`); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this program knows (%d)", v, len(migrations))
	}
	id := "INTEGER PRIMARY KEY AUTOINCREMENT"
	if s.dialect == "postgres" {
		id = "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
	}
	for n := v; n < len(migrations); n++ {
		for _, stmt := range strings.Split(strings.ReplaceAll(migrations[n], "{{id}}", id), ";") {
			if strings.TrimSpace(stmt) == "" {
				continue
			}
			if strings.TrimSpace(stmt) == "{{pg_identity}}" {
				if s.dialect != "postgres" {
					continue
				}
				for _, q := range pgIdentity {
					if _, err := tx.ExecContext(ctx, q); err != nil {
						return fmt.Errorf("migration %d: %w", n+1, err)
					}
				}
				continue
			}
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("migration %d: %w", n+1, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE schema_version SET version = $1`, n+1); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// SchemaVersion reports the schema version in use.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v)
	return v, err
}
