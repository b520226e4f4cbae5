package metrics

import (
	"fmt"

	"github.com/saros-review/saros-review/volume"
)

// Changes counts, per label, the voxels where the label differs between a
// proposal and the current map: voxels that had it and lost it plus voxels
// that gained it (a relabelled voxel counts for both labels). Keys are
// "map/label" as in the review store's revisions ("regions/3"). 255 is
// never a label: a slice marked not annotated counts the labels it lost.
func Changes(mapName string, proposal, current *volume.LabelMap) (map[string]int, error) {
	if proposal.Dims != current.Dims {
		return nil, fmt.Errorf("changes of %s: dims %s against the proposal's %s", mapName,
			volume.FormatDims(current.Dims), volume.FormatDims(proposal.Dims))
	}
	var n [256]int
	for i, p := range proposal.Voxels {
		c := current.Voxels[i]
		if p == c {
			continue
		}
		n[p]++
		n[c]++
	}
	out := map[string]int{}
	for v := 1; v < 255; v++ {
		if n[v] > 0 {
			out[fmt.Sprintf("%s/%d", mapName, v)] = n[v]
		}
	}
	return out, nil
}
