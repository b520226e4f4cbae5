package store

// SliceNotesFile keeps why annotated slices of a case were marked "not
// annotated" (all 255), by axial slice index, so the reason outlives the
// editing session and reviewers see it.
const SliceNotesFile = ".saros-review/slice-notes.json"

// LoadSliceNotes reads the reasons (none when the file is absent).
func (c *Case) LoadSliceNotes() (map[int]string, error) {
	m := map[int]string{}
	if err := c.loadSidecar(SliceNotesFile, "slice notes", &m); err != nil {
		return nil, err
	}
	return m, nil
}

// SaveSliceNotes writes the reasons atomically.
func (c *Case) SaveSliceNotes(m map[int]string) error {
	return c.saveSidecar(SliceNotesFile, "slice notes", m)
}
