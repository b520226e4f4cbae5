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
		return fmt.Errorf("not a file inside %s", strings.Join(caseFolders, ", "))
	case name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\\\x00"):
		return fmt.Errorf("not a plain file name inside %s", folder)
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

// checkMetaFiles refuses dataset.json, splits_final.json, the record and
// the journal of dir when they are symbolic links: the export rewrites
// them, and a write would follow the link out of the export.
func checkMetaFiles(dir string) error {
	for _, n := range []string{"dataset.json", "splits_final.json", ManifestFile, JournalFile} {
		p := filepath.Join(dir, n)
		if st, err := os.Lstat(p); err == nil && st.Mode()&os.ModeSymlink != 0 {
			return fmt.Errorf("nnU-Net export: %s is a symbolic link: the export writes only inside its folder; replace it by a file", p)
		}
	}
	return nil
}
