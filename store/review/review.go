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
	db      *sql.DB
	dialect string // "sqlite" or "postgres"
	// Now gives the time of events (replaceable in tests).
	Now func() time.Time
}

// Open opens the database named by dsn: a postgres:// or postgresql://
// connection string for PostgreSQL, otherwise a SQLite file path (created
// on first use). The schema is brought up to date.
func Open(ctx context.Context, dsn string) (*Store, error) {
	s := &Store{Now: time.Now}
	var err error
	if isPostgres(dsn) {
		s.dialect = "postgres"
		s.db, err = sql.Open("pgx", dsn)
	} else {
		s.dialect = "sqlite"
		s.db, err = sql.Open("sqlite", "file:"+filepath.ToSlash(dsn)+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_txlock=immediate")
	}
	if err != nil {
		return nil, fmt.Errorf("open review store: %w", err)
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("open review store: %w", err)
	}
	return s, nil
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

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
	sliceReviewMigration,
}

func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.dialect == "postgres" {
		// One migrator at a time across clients.
		if _, err := tx.ExecContext(ctx, `LOCK TABLE schema_version IN EXCLUSIVE MODE`); err != nil {
			return err
		}
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
