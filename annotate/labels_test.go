package annotate

import "testing"

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
