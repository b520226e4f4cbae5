package nnunet

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// placeImage makes dst hold the bytes of src. By default it is an
// independent file (a reflink where the file system can share the blocks
// copy-on-write, e.g. Btrfs or XFS, else a copy), so whatever writes to
// the exported image later cannot reach the data set's CT. With link it
// is a hard link to src (a copy when the file systems differ): no space
// used, but a program that rewrites the exported file in place rewrites
// the source CT too.
func placeImage(src, dst string, link bool) error {
	a, err := os.Stat(src)
	if err != nil {
		return fmt.Errorf("nnU-Net export: %w", err)
	}
	if b, err := os.Stat(dst); err == nil && os.SameFile(a, b) && link {
		return nil
	}
	if link {
		if err := os.Remove(dst); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("nnU-Net export: replace %s: %w", dst, err)
		}
		if err := os.Link(src, dst); err == nil {
			return nil
		}
	}
	return copyFile(src, dst)
}

// copyFile copies src to dst through a temporary file renamed into place,
// so dst is never seen half written and a hard link at dst is broken, not
// written through.
func copyFile(src, dst string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("nnU-Net export: %w", err)
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".tmp-*")
	if err != nil {
		return fmt.Errorf("nnU-Net export: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("nnU-Net export: copy %s to %s: %w", src, dst, err)
		}
	}()
	if reflink(tmp, in) != nil {
		if _, err = io.Copy(tmp, in); err != nil {
			return err
		}
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
	return os.Rename(tmp.Name(), dst)
}
