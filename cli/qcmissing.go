package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
)

// markNoLabelMaps makes the report of each case that lacks a label map, or
// whose label map is not a usable file (a folder, a dangling symbolic link,
// a link loop), an error naming the map and what is wrong with it: QC has
// nothing to check there, and a clean result would hide that (exit 2, not
// 0). The present map's findings are kept and reported. It also makes
// every report's findings a list, never null.
func markNoLabelMaps(cases []*store.Case, reports []CaseReport) {
	for i, c := range cases {
		if reports[i].Error == "" && c.Dir != "" {
			var bad []string
			for _, m := range []struct{ name, path string }{{store.RegionsFile, c.Regions}, {store.PartsFile, c.Parts}} {
				if m.path == "" {
					bad = append(bad, m.name+" "+whyUnusable(filepath.Join(c.Dir, m.name)))
				}
			}
			switch len(bad) {
			case 2:
				reports[i].Error = fmt.Sprintf("no label maps (%s): nothing to check", strings.Join(bad, "; "))
				reports[i].Findings = nil
			case 1:
				reports[i].Error = fmt.Sprintf("%s: only the other label map was checked", bad[0])
			}
		}
		if reports[i].Findings == nil {
			reports[i].Findings = []qc.Finding{}
		}
	}
}

// whyUnusable says in a user's words why the label map at p was not read.
func whyUnusable(p string) string {
	lst, err := os.Lstat(p)
	if err != nil {
		return "is missing"
	}
	st, err := os.Stat(p)
	switch {
	case err != nil && errors.Is(err, syscall.ELOOP):
		return "is a symbolic link that loops"
	case err != nil && os.IsNotExist(err):
		target, _ := os.Readlink(p)
		return fmt.Sprintf("is a symbolic link to %s, which does not exist", target)
	case err != nil:
		return fmt.Sprintf("cannot be read (%v)", err)
	case st.IsDir():
		return "is a folder, not a file"
	case lst.Mode()&os.ModeSymlink != 0:
		return "is a symbolic link to something that is not a regular file"
	}
	return fmt.Sprintf("is not a regular file (%v)", st.Mode().Type())
}
