package dicomseg

import "fmt"

// codeString shows a segment's code and laterality: "SCT 127954009 Skeletal muscle, Right".
func codeString(c Code, m *Code) string {
	s := c.Scheme + " " + c.Value
	if c.Meaning != "" {
		s += " " + c.Meaning
	}
	if m != nil {
		s += ", " + orDefault(m.Meaning, m.Scheme+" "+m.Value)
	}
	return s
}

// byName finds the label whose name is the segment's (case, '_' and '-'
// ignored).
func byName(sg Segment, info mapInfo) (uint8, bool) {
	for _, l := range info.table.Labels {
		if l.Value != 0 && norm(l.Name) == norm(sg.Label) {
			return l.Value, true
		}
	}
	return 0, false
}

// byCode finds the label whose property type and laterality are the
// segment's.
func byCode(sg Segment, info mapInfo) (uint8, bool) {
	for v, c := range info.codes {
		if c.Type.Value == sg.Type.Value && c.Type.Scheme == sg.Type.Scheme && sameModifier(c.Modifier, sg.Modifier) {
			return v, true
		}
	}
	return 0, false
}

// match finds the label of a segment in a map's table by its name or by
// its code and laterality. When both find a label and they differ, the
// segment contradicts itself: conflict says how.
func match(sg Segment, info mapInfo) (v uint8, ok bool, conflict string) {
	n, okN := byName(sg, info)
	c, okC := byCode(sg, info)
	switch {
	case okN && okC && n != c:
		return 0, false, fmt.Sprintf("segment %d is named %q (label %d %s) but its code %s is label %d %s",
			sg.Number, sg.Label, n, info.table.Name(n), codeString(sg.Type, sg.Modifier), c, info.table.Name(c))
	case okN:
		return n, true, ""
	case okC:
		return c, true, ""
	}
	return 0, false, ""
}

func sameModifier(a, b *Code) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Value == b.Value && a.Scheme == b.Scheme
}

// segmentLabels works out which map ("regions" or "parts") the SEG's
// segments belong to and the label of each segment number. A segment
// whose name and code name different labels, and two segments of one
// label, are refused naming the segment numbers; so is a segment that
// matches neither map.
func (s *SEG) segmentLabels() (string, map[int]uint8, error) {
	var firstConflict error
	var unmatched string
	for _, m := range []string{"regions", "parts"} {
		info, _ := infoOf(m)
		value := map[int]uint8{}
		owner := map[uint8]int{}
		var conflict error
		unmatched = ""
		for _, sg := range s.Segments {
			v, ok, why := match(sg, info)
			if why != "" {
				conflict = fmt.Errorf("%s", why)
				break
			}
			if !ok {
				unmatched = fmt.Sprintf("segment %d %q (%s %s)", sg.Number, sg.Label, sg.Type.Scheme, sg.Type.Value)
				break
			}
			if o, dup := owner[v]; dup {
				a, b := min(o, sg.Number), max(o, sg.Number)
				conflict = fmt.Errorf("segments %d and %d are both label %d %s", a, b, v, info.table.Name(v))
				break
			}
			owner[v] = sg.Number
			value[sg.Number] = v
		}
		if conflict != nil {
			if firstConflict == nil {
				firstConflict = conflict
			}
			continue
		}
		if unmatched == "" {
			return m, value, nil
		}
	}
	if firstConflict != nil {
		return "", nil, firstConflict
	}
	return "", nil, fmt.Errorf("%s matches no body-regions or body-parts label by name or code", unmatched)
}
