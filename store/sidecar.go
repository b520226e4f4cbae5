package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/saros-review/saros-review/internal/fsperm"
	"github.com/saros-review/saros-review/internal/regular"
)

// loadSidecar reads one of a case's JSON files under .saros-review into v,
// leaving v as it is when the file is absent. what names the content in
// errors.
func (c *Case) loadSidecar(name, what string, v any) error {
	b, err := regular.ReadFile(filepath.Join(c.Dir, filepath.FromSlash(name)), maxSidecarBytes)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err == nil {
		err = json.Unmarshal(b, v)
	}
	if err != nil {
		return fmt.Errorf("%s of %s (%s): %w", what, c.ID, name, err)
	}
	return nil
}

// saveSidecar writes v as one of a case's JSON files, atomically.
func (c *Case) saveSidecar(name, what string, v any) error {
	p := filepath.Join(c.Dir, filepath.FromSlash(name))
	if err := fsperm.MkdirShared(filepath.Dir(p)); err != nil {
		return fmt.Errorf("%s of %s: %w", what, c.ID, err)
	}
	return WriteFileAtomic(p, func(w io.Writer) error {
		e := json.NewEncoder(w)
		e.SetIndent("", "  ")
		return e.Encode(v)
	})
}
