package store

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/saros-review/saros-review/internal/fsperm"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// The autosaved pair lives in a generation folder of RecoveryDir
// (g<nanoseconds>/) named by the file "current", which is replaced
// atomically only once both maps of the generation are whole on disk: a
// crash between the two files leaves the previous pair current, never one
// map of each. (Recovery files written before generations sit in
// RecoveryDir itself and are still read.)
const recoveryCurrent = "current"

var recoveryGenRE = regexp.MustCompile(`^g[0-9]{1,20}$`)

// recoveryGen is the current generation folder's name, "" when there is
// none (or the file is not one this program wrote).
func (c *Case) recoveryGen() string {
	b, err := os.ReadFile(filepath.Join(c.Dir, filepath.FromSlash(RecoveryDir), recoveryCurrent))
	if err != nil {
		return ""
	}
	g := strings.TrimSpace(string(b))
	if !recoveryGenRE.MatchString(g) {
		return ""
	}
	return g
}

// writeRecoveryPair writes both maps into a new generation folder, makes
// it current, then removes the older generations and loose files.
func (c *Case) writeRecoveryPair(regions, parts *volume.LabelMap) error {
	base := filepath.Join(c.Dir, filepath.FromSlash(RecoveryDir))
	gen := "g" + strconv.FormatInt(time.Now().UnixNano(), 10)
	dir := filepath.Join(base, gen)
	if err := fsperm.MkdirShared(dir); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		m    *volume.LabelMap
	}{{RegionsFile, regions}, {PartsFile, parts}} {
		if err := WriteFileAtomic(filepath.Join(dir, f.name), func(w io.Writer) error { return nifti.WriteLabels(w, f.m, nil) }); err != nil {
			os.RemoveAll(dir)
			return err
		}
	}
	if testHookRecoveryBetweenFiles != nil {
		testHookRecoveryBetweenFiles()
	}
	if err := WriteFileAtomic(filepath.Join(base, recoveryCurrent), func(w io.Writer) error {
		_, err := fmt.Fprintln(w, gen)
		return err
	}); err != nil {
		os.RemoveAll(dir)
		return err
	}
	ents, _ := os.ReadDir(base)
	for _, e := range ents {
		if n := e.Name(); n != gen && n != recoveryCurrent && (recoveryGenRE.MatchString(n) || n == RegionsFile || n == PartsFile) {
			os.RemoveAll(filepath.Join(base, n))
		}
	}
	return nil
}

// testHookRecoveryBetweenFiles runs after a generation's two files are
// written and before it becomes current (tests stop there).
var testHookRecoveryBetweenFiles func()
