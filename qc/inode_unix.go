//go:build unix

package qc

import (
	"os"
	"syscall"
)

// inode is the file's inode number, part of its identity in the cache.
func inode(fi os.FileInfo) uint64 {
	if sys, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(sys.Ino)
	}
	return 0
}
