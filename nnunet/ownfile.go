package nnunet

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// caseFolders are the only folders an export writes case files into.
var caseFolders = []string{"imagesTr", "labelsTr", "imagesTs", "labelsTs"}

// checkOwnFile returns an error unless f, a name from the record or the
// journal, is a plain file name inside one of caseFolders, written
// "folder/name" with '/' exactly as the export writes it: no "..", no
// absolute path, no deeper folder, nothing to clean. Only such names are
// ever removed or overwritten, so a damaged or hand-edited record cannot
// reach files outside the export.
func checkOwnFile(f string) error {
	folder, name, ok := strings.Cut(f, "/")
	known := false
	for _, c := range caseFolders {
		known = known || folder == c
	}
	switch {
	case !ok || !known:
		return fmt.Errorf("%q is not inside %s", f, strings.Join(caseFolders, ", "))
	case name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\\\x00"):
		return fmt.Errorf("%q is not a plain file name inside %s", f, folder)
	}
	return nil
}

// checkCaseFolders refuses case folders of dir that are not real folders
// (a symbolic link would let the export remove or overwrite files
// elsewhere).
func checkCaseFolders(dir string) error {
	for _, c := range caseFolders {
		p := filepath.Join(dir, c)
		st, err := os.Lstat(p)
		switch {
		case err != nil:
			return fmt.Errorf("nnU-Net export: %w", err)
		case st.Mode()&os.ModeSymlink != 0:
			return fmt.Errorf("nnU-Net export: %s is a symbolic link: the export writes and removes files only in its own folders; replace it by a folder", p)
		case !st.IsDir():
			return fmt.Errorf("nnU-Net export: %s is not a folder", p)
		}
	}
	return nil
}
