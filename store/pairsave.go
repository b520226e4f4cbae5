package store

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/saros-review/saros-review/internal/fsperm"
)

// SaveJournal is the intent file of a save of both label maps: written
// after both new files are complete on disk and before the first of them
// replaces anything, removed once both have. Opening a case that has one
// finishes or undoes that save (FinishSave), so the maps on disk are
// always one save's pair, never one file of each.
const SaveJournal = ".saros-review/save-journal.json"

// journal is the content of SaveJournal. Paths are relative to the case
// folder, so a moved folder still recovers.
type journal struct {
	Revision string        `json:"revision"`
	Files    []journalFile `json:"files"`
}

type journalFile struct {
	Target string `json:"target"` // the label map being replaced
	Temp   string `json:"temp"`   // its complete new version
	Old    string `json:"old"`    // the kept previous version, "" when there was none
}

// OnDisk says what a failed save left on disk.
type OnDisk int

// What a failed pair save can leave.
const (
	// Unchanged: both label maps are still the previous version.
	Unchanged OnDisk = iota
	// Mixed: the first map is the new version and the second the previous
	// one; the journal is kept and opening the case finishes the save.
	Mixed
)

// SaveError is the error of a save of both label maps: the cause, and
// exactly what is on disk after it.
type SaveError struct {
	Case   string
	Err    error
	OnDisk OnDisk
	Files  [2]string // the two label maps, by name
}

func (e *SaveError) Error() string {
	switch e.OnDisk {
	case Mixed:
		return fmt.Sprintf("save %s: %v; on disk: %s is the new version but %s is still the previous one; "+
			"opening the case again finishes the save from its journal", e.Case, e.Err, e.Files[0], e.Files[1])
	default:
		return fmt.Sprintf("save %s: %v; on disk: nothing changed, %s and %s are both the previous version",
			e.Case, e.Err, e.Files[0], e.Files[1])
	}
}

// Unwrap gives the cause.
func (e *SaveError) Unwrap() error { return e.Err }

// Fault injection points for tests: writing a new file (before it is
// written) and the moment between the two renames.
var (
	testHookWriting        func(target string) error
	testHookBetweenRenames func() error
)

// pairFile is one label map of a pair save.
type pairFile struct {
	target string
	keep   string // where the previous version is kept
	write  func(io.Writer) error
	temp   string
}

// savePair replaces the two files of fs as one: it writes and fsyncs both
// new versions, asks fence whether it may still write (a nil fence always
// may), keeps the previous versions, records the journal, renames both and
// removes the journal. Any failure before the first rename leaves both old
// files; a failure between the renames undoes the first one, and only if
// that fails too does it leave the journal for FinishSave. The error is a
// *SaveError saying which.
func savePair(c *Case, files [2]*pairFile, fence func() error) (err error) {
	names := [2]string{filepath.Base(files[0].target), filepath.Base(files[1].target)}
	unlock, _, err := lockSaves(c.Dir, true, true)
	if err != nil {
		return &SaveError{Case: c.ID, Err: err, OnDisk: Unchanged, Files: names}
	}
	defer unlock()
	unchanged := func(e error) error {
		for _, f := range files {
			if f.temp != "" {
				os.Remove(f.temp)
			}
		}
		return &SaveError{Case: c.ID, Err: e, OnDisk: Unchanged, Files: names}
	}
	for _, f := range files {
		if err := writeTemp(f); err != nil {
			return unchanged(err)
		}
	}
	if fence != nil {
		if err := fence(); err != nil {
			return unchanged(err)
		}
	}
	j := journal{}
	for _, f := range files {
		jf := journalFile{Target: rel(c.Dir, f.target), Temp: rel(c.Dir, f.temp)}
		if _, err := os.Stat(f.target); err == nil {
			if err := keepRevision(f.target, f.keep); err != nil {
				return unchanged(err)
			}
			jf.Old = rel(c.Dir, f.keep)
			j.Revision = rel(c.Dir, filepath.Dir(f.keep))
		}
		j.Files = append(j.Files, jf)
	}
	jpath := filepath.Join(c.Dir, filepath.FromSlash(SaveJournal))
	if err := WriteFileAtomic(jpath, func(w io.Writer) error { return json.NewEncoder(w).Encode(j) }); err != nil {
		return unchanged(err)
	}
	if err := os.Rename(files[0].temp, files[0].target); err != nil {
		os.Remove(jpath)
		return unchanged(err)
	}
	err = nil
	if testHookBetweenRenames != nil {
		err = testHookBetweenRenames()
	}
	if err == nil {
		err = os.Rename(files[1].temp, files[1].target)
	}
	if err != nil {
		// Undo the first rename from the kept previous version.
		if uerr := restore(files[0].target, j.Files[0].Old, c.Dir); uerr != nil {
			return &SaveError{Case: c.ID, Err: fmt.Errorf("%v (and undoing %s: %v)", err, names[0], uerr), OnDisk: Mixed, Files: names}
		}
		syncDir(filepath.Dir(files[0].target))
		os.Remove(jpath)
		return unchanged(err)
	}
	syncDir(filepath.Dir(files[0].target))
	syncDir(filepath.Dir(files[1].target))
	if err := os.Remove(jpath); err != nil {
		// Both maps are new; the journal would only be finished again.
		return fmt.Errorf("save %s: both maps saved, but the journal stays: %w", c.ID, err)
	}
	return nil
}

// writeTemp writes f's new version to a temporary file beside its target
// and fsyncs it.
func writeTemp(f *pairFile) (err error) {
	if testHookWriting != nil {
		if err := testHookWriting(f.target); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Base(f.target), err)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.target), "."+filepath.Base(f.target)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(f.target), err)
	}
	f.temp = tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			err = fmt.Errorf("write %s: %w", filepath.Base(f.target), err)
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err = f.write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	mode := fsperm.NewFileMode(filepath.Dir(f.target))
	if old, err := os.Stat(f.target); err == nil {
		mode = old.Mode().Perm() // a saved map keeps its mode
	}
	return os.Chmod(f.temp, mode)
}

// restore puts the kept previous version old (relative to dir; "" when
// there was none) back at target.
func restore(target, old, dir string) error {
	if old == "" {
		return os.Remove(target)
	}
	src := filepath.Join(dir, filepath.FromSlash(old))
	tmp := target + ".undo"
	os.Remove(tmp)
	if err := os.Link(src, tmp); err != nil {
		return err
	}
	return os.Rename(tmp, target)
}

func rel(dir, p string) string {
	r, err := filepath.Rel(dir, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

// FinishSave completes or undoes a save of both label maps that was
// interrupted (killed, power lost) while it replaced them, from the case's
// SaveJournal: when no new file had replaced its target yet, the new files
// are removed (both maps stay the previous version); when the first had,
// the rest are renamed into place (both maps become the new version). It
// says what it did ("" when there was nothing to do, or when another
// process is saving the case right now). Load calls it.
func (c *Case) FinishSave() (string, error) {
	if c.Dir == "" {
		return "", nil
	}
	jpath := filepath.Join(c.Dir, filepath.FromSlash(SaveJournal))
	b, err := os.ReadFile(jpath)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("finish interrupted save of %s: %w", c.ID, err)
	}
	unlock, ok, err := lockSaves(c.Dir, true, false)
	if err != nil {
		return "", fmt.Errorf("finish interrupted save of %s: %w", c.ID, err)
	}
	if !ok {
		return "", nil // a save is under way: it ends itself
	}
	defer unlock()
	if b, err = os.ReadFile(jpath); errors.Is(err, fs.ErrNotExist) {
		return "", nil // it just ended
	} else if err != nil {
		return "", fmt.Errorf("finish interrupted save of %s: %w", c.ID, err)
	}
	var j journal
	if err := json.Unmarshal(b, &j); err != nil || len(j.Files) != 2 {
		return "", fmt.Errorf("finish interrupted save of %s: %s is not a save journal (%v)", c.ID, jpath, err)
	}
	for _, f := range j.Files {
		if !journalPathOK(f.Target, false) || !journalPathOK(f.Temp, true) || f.Old != "" && !journalPathOK(f.Old, false) ||
			filepath.Dir(f.Temp) != filepath.Dir(f.Target) || !strings.HasPrefix(path.Base(f.Temp), "."+path.Base(f.Target)+".tmp-") {
			return "", fmt.Errorf("finish interrupted save of %s: %s names files it may not touch (%q, %q)", c.ID, jpath, f.Target, f.Temp)
		}
	}
	abs := func(p string) string { return filepath.Join(c.Dir, filepath.FromSlash(p)) }
	var waiting []journalFile
	for _, f := range j.Files {
		if _, err := os.Stat(abs(f.Temp)); err == nil {
			waiting = append(waiting, f)
		}
	}
	did := ""
	switch {
	case len(waiting) == len(j.Files):
		for _, f := range waiting {
			if err := os.Remove(abs(f.Temp)); err != nil {
				return "", fmt.Errorf("undo interrupted save of %s: %w", c.ID, err)
			}
		}
		did = "an interrupted save was undone: both label maps are the previous version"
	case len(waiting) > 0:
		for _, f := range waiting {
			if err := os.Rename(abs(f.Temp), abs(f.Target)); err != nil {
				return "", fmt.Errorf("finish interrupted save of %s: %w", c.ID, err)
			}
			syncDir(filepath.Dir(abs(f.Target)))
		}
		did = "an interrupted save was finished: both label maps are the new version"
		if c.Regions == "" && fileExists(filepath.Join(c.Dir, RegionsFile)) {
			c.Regions = filepath.Join(c.Dir, RegionsFile)
		}
		if c.Parts == "" && fileExists(filepath.Join(c.Dir, PartsFile)) {
			c.Parts = filepath.Join(c.Dir, PartsFile)
		}
	}
	if err := os.Remove(jpath); err != nil {
		return "", fmt.Errorf("finish interrupted save of %s: %w", c.ID, err)
	}
	syncDir(filepath.Dir(jpath))
	return did, nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// journalPathOK accepts a journal's path only inside the case folder: a
// relative, clean, slash-separated path without "..", naming a label map
// file (or, for temp, its temporary).
func journalPathOK(p string, temp bool) bool {
	if p == "" || strings.Contains(p, "\\") || path.IsAbs(p) || path.Clean(p) != p || p == ".." || strings.HasPrefix(p, "../") || filepath.VolumeName(p) != "" {
		return false
	}
	return temp || strings.HasSuffix(p, ".nii.gz") || strings.HasSuffix(p, ".nii")
}
