package review

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/saros-review/saros-review/internal/fsperm"
)

// EnvDB names the environment variable holding a team's database (a
// PostgreSQL connection string); without it each data set keeps its own
// SQLite file.
const EnvDB = "SAROS_REVIEW_DB"

// DSNFor returns the database of a data set folder: dsn when given (from
// the preferences), else $SAROS_REVIEW_DB, else the data set's SQLite file.
func DSNFor(root, dsn string) string {
	if dsn != "" {
		return dsn
	}
	if env := os.Getenv(EnvDB); env != "" {
		return env
	}
	return filepath.Join(root, filepath.FromSlash(DBFile))
}

// OpenFor opens the review store of a data set folder (creating the SQLite
// folder and the data set's id when needed) and records its cases; the
// store reads and writes only that data set's rows. It takes the actor
// names callers pass as who acts (Options.TrustNames), as the window did
// before logins; new callers use OpenAsLogin.
func OpenFor(ctx context.Context, root, dsn string, ids []string) (*Store, error) {
	return openFor(ctx, root, dsn, ids, true)
}

// OpenAsLogin is OpenFor where the person acting is always who the
// database says (Login: the PostgreSQL login, or the operating system user
// for SQLite), whatever name a caller passes; roles come only from Grant.
func OpenAsLogin(ctx context.Context, root, dsn string, ids []string) (*Store, error) {
	return openFor(ctx, root, dsn, ids, false)
}

// ErrNoStore is wrapped by the error of a read-only open that finds no
// review store (or none this program can read without changing it).
var ErrNoStore = errors.New("no review store")

// OpenReadOnly opens the review store of a data set folder for browsing
// (saros-review --read-only): it creates nothing, neither the SQLite file
// nor the data set's id nor the rows of new cases, and the database
// refuses every write. A data set that has no store yet gives an error
// wrapping ErrNoStore: there is no review state to show.
func OpenReadOnly(ctx context.Context, root, dsn string) (*Store, error) {
	dsn = DSNFor(root, dsn)
	t, err := ParseTarget(dsn)
	if err != nil {
		return nil, err
	}
	id, err := DatasetID(root, false)
	if errors.Is(err, fs.ErrNotExist) {
		// A SQLite file older than data set ids holds its rows under "".
		if _, serr := os.Stat(t.Path); t.Postgres || serr != nil {
			return nil, fmt.Errorf("open review store of %s read-only: %w", root, ErrNoStore)
		}
	} else if err != nil {
		return nil, fmt.Errorf("open review store read-only: %w", err)
	}
	return OpenWith(ctx, Options{DSN: dsn, Dataset: id, Root: root, ReadOnly: true})
}

func openFor(ctx context.Context, root, dsn string, ids []string, trustNames bool) (*Store, error) {
	dsn = DSNFor(root, dsn)
	t, err := ParseTarget(dsn)
	if err != nil {
		return nil, err
	}
	fresh := false
	if !t.Postgres {
		if err := fsperm.MkdirShared(filepath.Dir(t.Path)); err != nil {
			return nil, fmt.Errorf("open review store: %w", err)
		}
		_, err := os.Stat(t.Path)
		fresh = errors.Is(err, fs.ErrNotExist)
	}
	id, err := DatasetID(root, true)
	if err != nil {
		return nil, fmt.Errorf("open review store: %w", err)
	}
	s, err := OpenWith(ctx, Options{DSN: dsn, Dataset: id, Root: root, TrustNames: trustNames})
	if err != nil {
		return nil, err
	}
	if fresh {
		// SQLite makes its file (and its -wal and -shm like it) 0644: in a
		// group folder the group writes it too. Best effort: a file another
		// client made meanwhile is theirs to widen.
		if mode := fsperm.NewFileMode(filepath.Dir(t.Path)); mode&0o020 != 0 {
			for _, f := range []string{t.Path, t.Path + "-wal", t.Path + "-shm"} {
				os.Chmod(f, mode)
			}
		}
	}
	if err := s.EnsureCases(ctx, ids...); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}
