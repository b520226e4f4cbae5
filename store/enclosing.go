package store

import (
	"os"
	"path/filepath"
)

// Enclosing is the data set a lone case belongs to: when ds is a case
// folder, or a case's image or label map opened on its own, and the folder
// above that case is a data set listing it (with a Segmentation Info CSV
// or a review store of its own, so a case kept in a downloads folder does
// not make that folder a data set), that data set and the case's id. Opening the case through it gives the case its data set's review
// store, lock and worklist, as a case chosen from the worklist has them.
func (ds *Dataset) Enclosing() (*Dataset, string, bool) {
	if ds == nil || ds.Kind == DatasetFolder || len(ds.Cases) != 1 {
		return nil, "", false
	}
	c := ds.Cases[0]
	if c.ID != filepath.Base(c.Dir) || !caseDirRE.MatchString(c.ID) {
		return nil, "", false // an image that is not a case's
	}
	parent, err := Open(filepath.Dir(c.Dir))
	if err != nil || parent.Kind != DatasetFolder {
		return nil, "", false
	}
	if _, err := os.Stat(filepath.Join(parent.Root, ".saros-review")); parent.CSVPath == "" && err != nil {
		return nil, "", false
	}
	for _, k := range parent.Cases {
		if k.ID == c.ID && filepath.Clean(k.Dir) == filepath.Clean(c.Dir) {
			return parent, c.ID, true
		}
	}
	return nil, "", false
}
