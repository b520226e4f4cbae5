//go:build unix

package store

import (
	"errors"
	"os"
	"syscall"
)

// keepOwner gives the new file at path the owner and group of the file it
// replaces, where the system allows it (as root, or a group the user is
// in); otherwise it stays the writer's.
func keepOwner(path string, old os.FileInfo) {
	if st, ok := old.Sys().(*syscall.Stat_t); ok {
		if os.Chown(path, int(st.Uid), int(st.Gid)) != nil {
			os.Chown(path, -1, int(st.Gid))
		}
	}
}

// processAlive reports whether a process with this id runs on this
// machine (or might: a process of another user answers EPERM).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
