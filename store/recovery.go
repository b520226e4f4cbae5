package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/saros-review/saros-review/internal/fsperm"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// RecoveryDir holds the autosaved label maps of a case with unsaved edits.
const RecoveryDir = ".saros-review/recovery"

func (c *Case) recoveryPath(name string) string {
	if g := c.recoveryGen(); name != "" && g != "" { // recoverypair.go
		return filepath.Join(c.Dir, filepath.FromSlash(RecoveryDir), g, name)
	}
	return filepath.Join(c.Dir, filepath.FromSlash(RecoveryDir), name)
}

// WriteRecovery autosaves both maps (as a pair: the previous pair stays
// until both new files are whole) so that edits survive a crash. It is meant to run in the
// background on copies of the maps.
func (c *Case) WriteRecovery(regions, parts *volume.LabelMap) error {
	if c.Dir == "" {
		return fmt.Errorf("autosave %s: the case has no folder", c.ID)
	}
	if err := fsperm.MkdirShared(c.recoveryPath("")); err != nil {
		return fmt.Errorf("autosave %s: %w", c.ID, err)
	}
	if err := c.writeRecoveryPair(regions, parts); err != nil {
		return fmt.Errorf("autosave %s: %w", c.ID, err)
	}
	return nil
}

// RecoveryTime returns when the recovery files were written, if there are
// recovery files newer than the case's label maps.
func (c *Case) RecoveryTime() (time.Time, bool) {
	var newest time.Time
	for _, name := range []string{RegionsFile, PartsFile} {
		st, err := os.Stat(c.recoveryPath(name))
		if err != nil {
			return time.Time{}, false
		}
		if st.ModTime().After(newest) {
			newest = st.ModTime()
		}
	}
	for _, p := range []string{c.Regions, c.Parts} {
		if st, err := os.Stat(p); err == nil && !st.ModTime().Before(newest) {
			return time.Time{}, false
		}
	}
	return newest, true
}

// LoadRecovery reads the recovery maps; they must fit the image grid g.
func (c *Case) LoadRecovery(g volume.Grid) (regions, parts *volume.LabelMap, err error) {
	regions, _, err = nifti.LoadLabels(c.recoveryPath(RegionsFile), nil)
	if err == nil {
		parts, _, err = nifti.LoadLabels(c.recoveryPath(PartsFile), nil)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("recover %s: %w", c.ID, err)
	}
	for _, m := range []*volume.LabelMap{regions, parts} {
		if e := g.SameAs(m.Grid, volume.DefaultTolerance); e != nil {
			return nil, nil, fmt.Errorf("recover %s: %v of the image", c.ID, e)
		}
	}
	return regions, parts, nil
}

// ClearRecovery removes the recovery files (after a save, or when the user
// declines them).
func (c *Case) ClearRecovery() error {
	err := os.RemoveAll(c.recoveryPath(""))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("clear recovery of %s: %w", c.ID, err)
	}
	return nil
}
