package review

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/saros-review/saros-review/internal/fsperm"
	"github.com/saros-review/saros-review/internal/regular"
)

// DatasetFile keeps a data set's identity, in its .saros-review folder.
const DatasetFile = ".saros-review/dataset.json"

// maxDatasetFileBytes caps DatasetFile: it holds one UUID.
const maxDatasetFileBytes = 64 << 10

// datasetInfo is the content of DatasetFile.
type datasetInfo struct {
	ID string `json:"id"`
}

// DatasetID returns the UUID of the data set at root, made once and kept in
// DatasetFile so every copy and every colleague's mount of the folder names
// the same data set. When the file is missing it is created if create is
// true (two processes racing agree on one id); otherwise the error wraps
// fs.ErrNotExist.
func DatasetID(root string, create bool) (string, error) {
	path := filepath.Join(root, filepath.FromSlash(DatasetFile))
	id, err := readDatasetID(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) || !create {
		return id, err
	}
	if err := fsperm.MkdirShared(filepath.Dir(path)); err != nil {
		return "", fmt.Errorf("data set id %s: %w", path, err)
	}
	b, _ := json.MarshalIndent(datasetInfo{ID: newUUID()}, "", "  ")
	tmp, err := os.CreateTemp(filepath.Dir(path), ".dataset.json.tmp-*")
	if err != nil {
		return "", fmt.Errorf("data set id %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return "", fmt.Errorf("data set id %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", fmt.Errorf("data set id %s: %w", path, err)
	}
	tmp.Close()
	// Every member of the team reads it (a temporary file is 0600).
	if err := os.Chmod(tmp.Name(), fsperm.NewFileMode(filepath.Dir(path))); err != nil {
		return "", fmt.Errorf("data set id %s: %w", path, err)
	}
	// A hard link never replaces: of two creators the first one wins and
	// the other reads its id.
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("data set id %s: %w", path, err)
	}
	return readDatasetID(path)
}

func readDatasetID(path string) (string, error) {
	// A regular file of a few bytes: a FIFO would block forever and a
	// huge file would be read whole.
	b, err := regular.ReadFile(path, maxDatasetFileBytes)
	if err != nil {
		return "", fmt.Errorf("data set id: %w", err)
	}
	var d datasetInfo
	if err := json.Unmarshal(b, &d); err != nil {
		return "", fmt.Errorf("data set id %s: %v", path, err)
	}
	if !validUUID(d.ID) {
		id := d.ID
		if len(id) > 64 {
			id = id[:64] + "…"
		}
		return "", fmt.Errorf("data set id %s: %q is not a UUID", path, id)
	}
	return d.ID, nil
}

// newUUID is a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func validUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
				return false
			}
		}
	}
	return true
}

// Dataset is the UUID of the data set the store works on.
func (s *Store) Dataset() string { return s.dataset }

// claimOrphans gives the rows made before data sets had ids to this data
// set. A SQLite file lives in one data set, so its rows are surely this
// one's; on a shared PostgreSQL server the first data set opened after the
// upgrade takes them (there was no telling them apart before). Rows whose
// case this data set already has stay where they are.
func (s *Store) claimOrphans(ctx context.Context) error {
	var any bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM cases WHERE dataset = '')
		OR EXISTS (SELECT 1 FROM locks WHERE dataset = '') OR EXISTS (SELECT 1 FROM flags WHERE dataset = '')
		OR EXISTS (SELECT 1 FROM comments WHERE dataset = '') OR EXISTS (SELECT 1 FROM revisions WHERE dataset = '')
		OR EXISTS (SELECT 1 FROM audit WHERE dataset = '')`).Scan(&any); err != nil {
		return fmt.Errorf("look for old rows: %w", err)
	}
	if !any {
		return nil // nothing to claim (and team logins may not update the audit)
	}
	return s.inTx(ctx, func(tx *txn) error {
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET dataset = $1 WHERE dataset = ''
			AND id NOT IN (SELECT id FROM cases WHERE dataset = $1)`, s.dataset); err != nil {
			return fmt.Errorf("claim old rows: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE locks SET dataset = $1 WHERE dataset = ''
			AND case_id NOT IN (SELECT case_id FROM locks WHERE dataset = $1)`, s.dataset); err != nil {
			return fmt.Errorf("claim old rows: %w", err)
		}
		for _, table := range []string{"flags", "comments", "revisions", "audit"} {
			if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET dataset = $1 WHERE dataset = ''`, s.dataset); err != nil {
				return fmt.Errorf("claim old rows of %s: %w", table, err)
			}
		}
		return nil
	})
}

// relPath stores a revision folder relative to the data set when it lies
// inside it (slash-separated), so a colleague's machine finds it too.
func (s *Store) relPath(p string) string {
	if s.root == "" || p == "" {
		return p
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	root, err := filepath.Abs(s.root)
	if err != nil {
		return p
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return abs // outside the data set: where it is on this machine
	}
	return filepath.ToSlash(rel)
}

// absPath turns a stored revision folder back into a path on this machine.
func (s *Store) absPath(p string) string {
	if s.root == "" || p == "" || filepath.IsAbs(p) || strings.HasPrefix(p, "/") {
		return p
	}
	return filepath.Join(s.root, filepath.FromSlash(p))
}
