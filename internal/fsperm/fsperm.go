// Package fsperm makes the folders and files a data set keeps for its
// people: readable by all, and writable by the group when the data set is
// kept in a group-writable folder.
package fsperm

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// MkdirShared makes dir and its missing parents, as os.MkdirAll does,
// each with mode 0755 plus, when the folder it is made in is
// group-writable, group write and that folder's set-group-id bit: a data
// set kept in a folder shared by a group (chmod g+ws) stays writable by
// every member, whoever made a subfolder first.
func MkdirShared(dir string) error {
	dir = filepath.Clean(dir)
	if st, err := os.Stat(dir); err == nil {
		if !st.IsDir() {
			return &fs.PathError{Op: "mkdir", Path: dir, Err: errors.New("not a folder")}
		}
		return nil
	}
	parent := filepath.Dir(dir)
	if parent != dir {
		if err := MkdirShared(parent); err != nil {
			return err
		}
	}
	return Mkdir(dir)
}

// Mkdir makes the one folder dir (its parent must exist) with DirMode of
// its parent; a folder already there is left as it is.
func Mkdir(dir string) error {
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.Mkdir(dir, 0o755); err != nil {
		if errors.Is(err, fs.ErrExist) {
			if st, serr := os.Stat(dir); serr == nil && st.IsDir() {
				return nil // made meanwhile by another process
			}
		}
		return err
	}
	if mode := DirMode(parent); mode != 0o755 {
		return os.Chmod(dir, mode)
	}
	return nil
}

// DirMode is the mode of a new folder in parent: 0755, plus group write
// and the set-group-id bit when parent is a group folder.
func DirMode(parent string) fs.FileMode {
	return 0o755 | groupShared(parent)
}

// NewFileMode is the mode of a new file in dir: 0644, plus group write
// when dir is group-writable (see MkdirShared).
func NewFileMode(dir string) fs.FileMode {
	return 0o644 | groupShared(dir)&0o020
}

// groupShared is the group write bit, and the set-group-id bit, of a
// group-writable folder dir (0 otherwise).
func groupShared(dir string) fs.FileMode {
	if runtime.GOOS == "windows" {
		return 0 // no group bits: folders share by their access lists
	}
	st, err := os.Stat(dir)
	if err != nil || st.Mode().Perm()&0o020 == 0 {
		return 0
	}
	return 0o020 | st.Mode()&fs.ModeSetgid
}

// OpenShared opens the file at path for reading and writing, creating it
// with NewFileMode of its folder when it is not there (set explicitly: the
// umask would take the group's write bit away).
func OpenShared(path string) (*os.File, error) {
	mode := NewFileMode(filepath.Dir(path))
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, mode)
	if errors.Is(err, fs.ErrExist) {
		return os.OpenFile(path, os.O_RDWR, 0)
	}
	if err != nil {
		return nil, err
	}
	if mode&0o020 != 0 {
		if err := f.Chmod(mode); err != nil {
			f.Close()
			return nil, err
		}
	}
	return f, nil
}
