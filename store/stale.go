package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/saros-review/saros-review/internal/fsperm"
)

// Temporary files and folders of ours are named "." + the name they will
// take + ".tmp-" + the writer's process id + "-" + random digits, in the
// folder of their target, so a later run can tell them from anything
// else and tell whether their writer is still alive.
const tempMark = ".tmp-"

// tempPattern is the os.CreateTemp / os.MkdirTemp pattern for a temporary
// file or folder that will be renamed to name.
func tempPattern(name string) string {
	return "." + name + tempMark + strconv.Itoa(os.Getpid()) + "-*"
}

// How old a temporary entry must be before cleanStale removes it: one of a
// writer that is no longer running (on this machine) after staleDead, any
// after staleAny (a writer on another machine sharing the folder, or a
// process id reused since).
const (
	staleDead = 30 * time.Second
	staleAny  = time.Hour
)

// cleanStale removes from dir the temporary files and folders that killed
// runs left behind (a kill -9 during a save, demo or import). Entries are
// recognised by name only (tempPattern) and removed only when stale:
// nothing a running writer still needs is touched. Errors are ignored; the
// next write tries again.
func cleanStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	now := time.Now()
	for _, e := range entries {
		pid, ok := tempPID(e.Name())
		if !ok {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		age := now.Sub(info.ModTime())
		if age > staleAny || (age > staleDead && pid != os.Getpid() && !processAlive(pid)) {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// tempPID returns the writer's process id from a temporary entry's name;
// ok is false for names that are not ours. Names of older versions (no
// process id, only random digits) give a number that is almost never a
// running process, and so are cleaned after staleDead too.
func tempPID(name string) (pid int, ok bool) {
	if !strings.HasPrefix(name, ".") {
		return 0, false
	}
	i := strings.LastIndex(name, tempMark)
	if i < 0 {
		return 0, false
	}
	// PID-RANDOM now, RANDOM alone before: digits only, so a user's
	// ".notes.tmp-draft" is never taken for ours.
	pidText, random, _ := strings.Cut(name[i+len(tempMark):], "-")
	if !digits(pidText) || (random != "" && !digits(random)) {
		return 0, false
	}
	n, err := strconv.Atoi(pidText)
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// buildDir makes a temporary folder beside dst in which a whole case is
// written before it is renamed into place (placeDir).
func buildDir(dst string) (string, error) {
	parent := filepath.Dir(filepath.Clean(dst))
	if err := fsperm.MkdirShared(parent); err != nil {
		return "", err
	}
	cleanStale(parent)
	tmp, err := os.MkdirTemp(parent, tempPattern(filepath.Base(filepath.Clean(dst))))
	if err != nil {
		return "", err
	}
	if err := os.Chmod(tmp, fsperm.DirMode(parent)); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	return tmp, nil
}

// placeDir renames the finished build folder to dst, which must not exist
// or be an empty folder: the case appears whole or not at all.
func placeDir(build, dst string) error {
	if err := os.Remove(dst); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("%s: %w", dst, err)
	}
	if err := os.Rename(build, dst); err != nil {
		return err
	}
	syncDir(filepath.Dir(filepath.Clean(dst)))
	return nil
}
