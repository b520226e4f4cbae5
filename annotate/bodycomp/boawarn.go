package bodycomp

import (
	"fmt"
	"strings"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/volume"
)

// MeasureWarnings says in words what makes a case's body composition less
// than it looks: fewer than two annotated slices, annotated slices not
// evenly spaced (the stride, and so BOA-style per-slice statistics, mean
// less), partly annotated slices (255 beside labels: counted as far as
// they are labelled), and values in either map that are not labels of
// its table (not counted as any tissue). None for a clean case.
func MeasureWarnings(regions, parts *volume.LabelMap) []string {
	var w []string
	var ks, mixed []int
	for k, st := range regions.SliceStates() {
		switch st {
		case volume.Annotated:
			ks = append(ks, k)
		case volume.Mixed:
			ks = append(ks, k)
			mixed = append(mixed, k)
		}
	}
	if len(ks) < 2 {
		w = append(w, fmt.Sprintf("%d annotated slices: no stride, the figures cover that alone", len(ks)))
	} else {
		gaps := map[int]bool{}
		for i := 1; i < len(ks); i++ {
			gaps[ks[i]-ks[i-1]] = true
		}
		if len(gaps) > 1 {
			w = append(w, fmt.Sprintf("annotated slices are not evenly spaced (%s): an irregular grid", annotate.ListSlices(ks)))
		}
	}
	if len(mixed) > 0 {
		w = append(w, fmt.Sprintf("partly annotated slices %s (255 beside labels)", annotate.ListSlices(mixed)))
	}
	for _, m := range []struct {
		lm *volume.LabelMap
		t  labels.Table
	}{{regions, labels.Regions}, {parts, labels.Parts}} {
		if m.lm == nil {
			continue
		}
		h := m.lm.Histogram()
		var bad []string
		for v, n := range h {
			if n > 0 && v != int(labels.NotAnnotated) && !m.t.Defined(uint8(v)) {
				bad = append(bad, fmt.Sprintf("%d (%d voxels)", v, n))
			}
		}
		if len(bad) > 0 {
			w = append(w, fmt.Sprintf("the %s map holds values that are not its labels: %s; not counted as tissue", m.t.Map, strings.Join(bad, ", ")))
		}
	}
	return w
}
