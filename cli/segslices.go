package cli

import (
	"fmt"

	"github.com/saros-review/saros-review/volume"
)

// sameSlices refuses an imported map whose annotated slices are not the
// case's: the case's own map of that name when it has annotated slices,
// else its other map's. A case with no annotated slice takes any. The
// message names the slices the SEG adds and those it leaves out.
func sameSlices(name string, got, own, other *volume.LabelMap) error {
	ref := own
	if ref == nil || len(ref.AnnotatedSlices()) == 0 {
		ref = other
	}
	if ref == nil {
		return nil
	}
	want := ref.AnnotatedSlices()
	if len(want) == 0 {
		return nil
	}
	in := map[int]bool{}
	for _, k := range want {
		in[k] = true
	}
	var added, missing []int
	has := map[int]bool{}
	for _, k := range got.AnnotatedSlices() {
		has[k] = true
		if !in[k] {
			added = append(added, k)
		}
	}
	for _, k := range want {
		if !has[k] {
			missing = append(missing, k)
		}
	}
	if len(added) == 0 && len(missing) == 0 {
		return nil
	}
	msg := fmt.Sprintf("the SEG's %s map is annotated on other slices than the case", name)
	if len(added) > 0 {
		msg += fmt.Sprintf("; slices %v are not annotated in the case", added)
	}
	if len(missing) > 0 {
		msg += fmt.Sprintf("; annotated slices %v have no frame in the SEG (they would become not annotated)", missing)
	}
	return fmt.Errorf("%s", msg)
}
