package cli

import (
	"fmt"

	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
)

// markNoLabelMaps makes the report of each case that has neither label
// map an error naming the missing files: QC has no segmentation to check
// there, and a clean result would hide that (exit 2, not 0). It also makes
// every report's findings a list, never null.
func markNoLabelMaps(cases []*store.Case, reports []CaseReport) {
	for i, c := range cases {
		if c.Regions == "" && c.Parts == "" && reports[i].Error == "" {
			reports[i].Error = fmt.Sprintf("no label maps (%s, %s): nothing to check", store.RegionsFile, store.PartsFile)
			reports[i].Findings = nil
		}
		if reports[i].Findings == nil {
			reports[i].Findings = []qc.Finding{}
		}
	}
}
