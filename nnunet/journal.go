package nnunet

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/saros-review/saros-review/internal/regular"
)

// JournalFile lists, one a line, the files an export is about to write,
// before it writes them; a finished export removes it. An export that was
// interrupted leaves it behind, so the next one knows those files are its
// own (they are in no manifest yet) and does not refuse them as a user's.
const JournalFile = ".saros-review-export.pending"

// journal appends file names to JournalFile.
type journal struct {
	mu sync.Mutex
	f  *os.File
}

// readJournal returns the names an interrupted export left in dir's
// journal (none when there is none).
func readJournal(dir string) (map[string]bool, error) {
	names := map[string]bool{}
	f, err := regular.Open(filepath.Join(dir, JournalFile))
	if errors.Is(err, os.ErrNotExist) {
		return names, nil
	}
	if err != nil {
		return nil, fmt.Errorf("nnU-Net export: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			if err := checkOwnFile(l); err != nil {
				return nil, fmt.Errorf("nnU-Net export: %s is damaged: it lists %q, %v; remove it", filepath.Join(dir, JournalFile), l, err)
			}
			names[l] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("nnU-Net export: %s: %w", JournalFile, err)
	}
	return names, nil
}

// openJournal opens dir's journal for appending.
func openJournal(dir string) (*journal, error) {
	// Opening a named pipe for writing would block until a reader comes.
	if err := regular.Check(filepath.Join(dir, JournalFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("nnU-Net export: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, JournalFile), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("nnU-Net export: %w", err)
	}
	return &journal{f: f}, nil
}

// add records names before they are written.
func (j *journal) add(names ...string) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if _, err := j.f.WriteString(strings.Join(names, "\n") + "\n"); err != nil {
		return fmt.Errorf("nnU-Net export: %s: %w", JournalFile, err)
	}
	return nil
}

// finish closes the journal and, when the export completed, removes it.
func (j *journal) finish(dir string, done bool) {
	j.f.Close()
	if done {
		os.Remove(filepath.Join(dir, JournalFile))
	}
}
