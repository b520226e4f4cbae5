package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// AcceptedFile keeps a case's QC findings that reviewers accepted, with
// their notes, keyed by a signature of the finding (rule, map, slice,
// label, box and area), so an accepted finding stays accepted while its
// component is unchanged.
const AcceptedFile = ".saros-review/qc-accepted.json"

// LoadAccepted reads the accepted findings (none when the file is absent).
func (c *Case) LoadAccepted() (map[string]string, error) {
	b, err := os.ReadFile(filepath.Join(c.Dir, filepath.FromSlash(AcceptedFile)))
	if errors.Is(err, os.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("accepted findings of %s: %w", c.ID, err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("accepted findings of %s: %w", c.ID, err)
	}
	return m, nil
}

// SaveAccepted writes the accepted findings atomically.
func (c *Case) SaveAccepted(m map[string]string) error {
	p := filepath.Join(c.Dir, filepath.FromSlash(AcceptedFile))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("accepted findings of %s: %w", c.ID, err)
	}
	return WriteFileAtomic(p, func(w io.Writer) error {
		e := json.NewEncoder(w)
		e.SetIndent("", "  ")
		return e.Encode(m)
	})
}
