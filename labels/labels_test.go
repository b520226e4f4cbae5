package labels

import (
	"testing"

	"github.com/saros-review/saros-review/volume"
)

func TestTables(t *testing.T) {
	if len(Regions.Labels) != 14 || len(Parts.Labels) != 7 {
		t.Fatalf("%d regions, %d parts", len(Regions.Labels), len(Parts.Labels))
	}
	for i, l := range Regions.Labels {
		if int(l.Value) != i || l.Name == "" {
			t.Errorf("region %d: %+v", i, l)
		}
	}
	if Regions.Name(RegionSpinalCord) != "spinal cord" || Parts.Name(PartRightArm) != "right arm" || Parts.Name(255) != "not annotated" {
		t.Error("names")
	}
	if Parts.Defined(7) || !Regions.Defined(13) || Regions.Defined(14) || !Regions.Defined(255) {
		t.Error("defined")
	}
}

// The leaf keeps its own copy of the not-annotated value so that it imports
// nothing; it must never drift from the volume's.
func TestNotAnnotatedMatchesVolume(t *testing.T) {
	if NotAnnotated != volume.NotAnnotated {
		t.Fatalf("labels.NotAnnotated %d, volume.NotAnnotated %d", NotAnnotated, volume.NotAnnotated)
	}
}
