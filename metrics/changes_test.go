package metrics

import "testing"

func TestChanges(t *testing.T) {
	p := sparseMap(10, 10, 6, 1, 1, 0, 5)
	rect(p, 0, 0, 0, 4, 4, 2) // 25 voxels of muscle
	c := p.Clone()
	rect(c, 0, 0, 0, 1, 4, 5)   // 10 muscle voxels become bones
	rect(c, 0, 6, 6, 7, 7, 1)   // 4 new subcutaneous voxels on background
	rect(c, 5, 0, 0, 9, 9, 255) // slice 5 (empty) marked not annotated: no label lost
	got, err := Changes("regions", p, c)
	if err != nil || len(got) != 3 || got["regions/2"] != 10 || got["regions/5"] != 10 || got["regions/1"] != 4 {
		t.Fatalf("%v %v", got, err)
	}
	if _, err := Changes("parts", p, sparseMap(10, 9, 6, 1, 1)); err == nil {
		t.Fatal("dims mismatch accepted")
	}
}
