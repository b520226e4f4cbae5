package store

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes a file so that a crash or a failed write never
// leaves it half-written: write to a temporary file in the same folder,
// fsync, rename over the target, fsync the folder. On any error the target
// is untouched and the temporary file removed.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	return writeAtomic(path, "", write)
}

// writeAtomic is WriteFileAtomic that, when keep is not "", first keeps
// the file being replaced at keep (a hard link where possible, else a
// copy), so the previous version survives as a revision.
func writeAtomic(path, keep string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
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
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if keep != "" {
		if err = keepRevision(path, keep); err != nil {
			return err
		}
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// keepRevision preserves the current file at path under keep; a missing
// file has nothing to keep.
func keepRevision(path, keep string) error {
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(keep), 0o755); err != nil {
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
