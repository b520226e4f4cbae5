package store

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/saros-review/saros-review/internal/fsperm"
)

// SaveLockFile serialises, on one case folder, the savers of both label
// maps (exclusive) and the readers of the pair (shared), so a reader never
// sees one new file and one old, and opening a case never finishes a save
// that another process is still making. The lock is advisory (flock on
// Unix, LockFileEx on Windows) and held only while files are written or
// read; the review store's edit lock decides who may save at all.
const SaveLockFile = ".saros-review/save.lock"

// lockSaves takes the case folder's save lock; ok is false when wait is
// false and someone else holds it. unlock releases it. A shared lock
// creates nothing: without the file no save has ever run under it, and
// the reader goes on unlocked (so browsing a read-only folder writes
// nothing).
func lockSaves(dir string, exclusive, wait bool) (unlock func(), ok bool, err error) {
	p := filepath.Join(dir, filepath.FromSlash(SaveLockFile))
	var f *os.File
	if exclusive {
		// The .saros-review folder of an existing case only: a case
		// folder that is gone is not made again.
		if err := fsperm.Mkdir(filepath.Dir(p)); err != nil {
			return nil, false, fmt.Errorf("save lock %s: %w", p, err)
		}
		f, err = fsperm.OpenShared(p)
	} else {
		f, err = os.Open(p)
		if os.IsNotExist(err) {
			return func() {}, true, nil
		}
	}
	if err != nil {
		return nil, false, fmt.Errorf("save lock %s: %w", p, err)
	}
	ok, err = lockFile(f, exclusive, wait)
	if err != nil || !ok {
		f.Close()
		if err != nil {
			err = fmt.Errorf("save lock %s: %w", p, err)
		}
		return nil, false, err
	}
	return func() { f.Close() }, true, nil
}
