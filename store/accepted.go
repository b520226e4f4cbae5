package store

// AcceptedFile keeps a case's QC findings that reviewers accepted, with
// their notes, keyed by a signature of the finding (rule, map, slice,
// label, box and area), so an accepted finding stays accepted while its
// component is unchanged.
const AcceptedFile = ".saros-review/qc-accepted.json"

// LoadAccepted reads the accepted findings (none when the file is absent).
func (c *Case) LoadAccepted() (map[string]string, error) {
	m := map[string]string{}
	if err := c.loadSidecar(AcceptedFile, "accepted findings", &m); err != nil {
		return nil, err
	}
	return m, nil
}

// SaveAccepted writes the accepted findings atomically.
func (c *Case) SaveAccepted(m map[string]string) error {
	return c.saveSidecar(AcceptedFile, "accepted findings", m)
}
