package dicomseg

import (
	"strings"
	"testing"
)

// TestRefusesContradictions: a segment whose name says one label and
// whose code or laterality says another, and two segments of one label,
// are refused naming the segment numbers, instead of one silently winning.
func TestRefusesContradictions(t *testing.T) {
	p := phantom(t)
	read := func(m string) *SEG {
		s, err := Read(writeSEG(t, p, m, Reference{}))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	reg := read("regions")
	idx := func(s *SEG, label string) int {
		for i, sg := range s.Segments {
			if norm(sg.Label) == label {
				return i
			}
		}
		t.Fatalf("no segment %q", label)
		return -1
	}
	mu := idx(reg, "muscle")
	reg.Segments[mu].Label = "subcutaneous tissue"
	_, _, err := reg.Labels(p.Regions.Grid)
	if err == nil || !strings.Contains(err.Error(), "segment "+itoa(reg.Segments[mu].Number)) || !strings.Contains(err.Error(), "Skeletal muscle") {
		t.Errorf("renamed muscle: %v", err)
	}
	// Two segments of one label (by code, the other by name).
	reg = read("regions")
	mu = idx(reg, "muscle")
	reg.Segments[mu].Label = "my muscle"
	reg.Segments = append(reg.Segments, Segment{Number: 99, Label: "muscle"})
	_, _, err = reg.Labels(p.Regions.Grid)
	if err == nil || !strings.Contains(err.Error(), "segments "+itoa(reg.Segments[mu].Number)+" and 99") {
		t.Errorf("two segments of muscle: %v", err)
	}
	// Arms with swapped names, laterality unchanged.
	par := read("parts")
	l, r := -1, -1
	for i, sg := range par.Segments {
		switch norm(sg.Label) {
		case "left arm":
			l = i
		case "right arm":
			r = i
		}
	}
	if l < 0 || r < 0 {
		t.Fatal("the phantom has no arms")
	}
	par.Segments[l].Label, par.Segments[r].Label = "right arm", "left arm"
	_, _, err = par.Labels(p.Parts.Grid)
	if err == nil || !strings.Contains(err.Error(), "segment") || !strings.Contains(err.Error(), "Right") {
		t.Errorf("swapped arms: %v", err)
	}
}
