package nnunet

import (
	"os"

	"golang.org/x/sys/unix"
)

// reflink makes dst share src's blocks copy-on-write (FICLONE); it fails
// on file systems that cannot (ext4, tmpfs) and the caller then copies.
func reflink(dst, src *os.File) error {
	return unix.IoctlFileClone(int(dst.Fd()), int(src.Fd()))
}
