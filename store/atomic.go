package store

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/saros-review/saros-review/internal/fsperm"
)

// WriteFileAtomic writes a file so that a crash or a failed write never
// leaves it half-written: write to a temporary file in the same folder,
// fsync, rename over the target, fsync the folder. On any error the target
// is untouched and the temporary file removed.
//
// A symbolic link is followed: the file it points to is replaced and the
// link stays (a data set's CSV linked to a shared master updates the
// master). A replaced file keeps its permission bits and, where the
// system allows, its owner and group. Temporary files that earlier,
// killed runs left in the folder are removed first (see cleanStale).
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	return writeAtomic(path, "", write)
}

// writeAtomic is WriteFileAtomic that, when keep is not "", first keeps
// the file being replaced at keep (a hard link where possible, else a
// copy), so the previous version survives as a revision.
func writeAtomic(path, keep string, write func(io.Writer) error) (err error) {
	target := path
	if t, err := filepath.EvalSymlinks(path); err == nil {
		target = t
	}
	dir := filepath.Dir(target)
	cleanStale(dir)
	tmp, err := os.CreateTemp(dir, tempPattern(filepath.Base(target)))
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("save %s: %w", path, err)
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err = write(bw); err != nil {
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
	mode := fsperm.NewFileMode(filepath.Dir(target))
	old, statErr := os.Stat(target)
	if statErr == nil {
		mode = old.Mode().Perm()
		keepOwner(tmp.Name(), old)
	}
	if err = os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	if keep != "" {
		if err = keepRevision(target, keep); err != nil {
			return err
		}
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir flushes a folder's entries (a rename) to disk, where the system
// allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// keepRevision preserves the current file at path under keep; a missing
// file has nothing to keep.
func keepRevision(path, keep string) error {
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return nil
	}
	if err := fsperm.MkdirShared(filepath.Dir(keep)); err != nil {
		return fmt.Errorf("keep revision: %w", err)
	}
	if err := os.Link(path, keep); err == nil {
		return nil
	}
	in, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("keep revision: %w", err)
	}
	defer in.Close()
	return writeAtomic(keep, "", func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}
