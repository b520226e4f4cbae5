package annotate

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// LabelDesc is one line of an ITK-SNAP label description file.
type LabelDesc struct {
	Value   int
	R, G, B uint8
	Alpha   float64 // 0..1
	Visible bool
	Mesh    bool
	Name    string
}

// WriteITKSnap writes labels in ITK-SNAP's label description format, so a
// team that also uses ITK-SNAP sees the same names and colours.
func WriteITKSnap(w io.Writer, labels []LabelDesc) error {
	bw := bufio.NewWriter(w)
	fmt.Fprint(bw, `################################################
# ITK-SnAP Label Description File
# File format: 
# IDX   -R-  -G-  -B-  -A--  VIS MSH  LABEL
# Fields: 
#    IDX:   Zero-based index 
#    -R-:   Red color component (0..255)
#    -G-:   Green color component (0..255)
#    -B-:   Blue color component (0..255)
#    -A-:   Label transparency (0.00 .. 1.00)
#    VIS:   Label visibility (0 or 1)
#    IDX:   Label mesh visibility (0 or 1)
#  LABEL:   Label description 
################################################
`)
	for _, l := range labels {
		fmt.Fprintf(bw, "%5d %5d %4d %4d %8.2g %2d %2d    %q\n", l.Value, l.R, l.G, l.B, l.Alpha, b2i(l.Visible), b2i(l.Mesh), l.Name)
	}
	return bw.Flush()
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ReadITKSnap parses an ITK-SNAP label description file. name is used in
// errors, which give the line: "labels.txt line 17: alpha 1.5 is not
// between 0 and 1".
func ReadITKSnap(r io.Reader, name string) ([]LabelDesc, error) {
	var out []LabelDesc
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), 1<<16)
	seen := map[int]int{}
	for line := 1; sc.Scan(); line++ {
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		l, err := parseDescLine(t)
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %w", name, line, err)
		}
		if prev, dup := seen[l.Value]; dup {
			return nil, fmt.Errorf("%s line %d: label %d already defined on line %d", name, line, l.Value, prev)
		}
		seen[l.Value] = line
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

func parseDescLine(t string) (LabelDesc, error) {
	q := strings.IndexByte(t, '"')
	if q < 0 {
		return LabelDesc{}, fmt.Errorf("no quoted label name")
	}
	name, err := strconv.Unquote(strings.TrimSpace(t[q:]))
	if err != nil {
		return LabelDesc{}, fmt.Errorf("label name %s is not a quoted string", t[q:])
	}
	f := strings.Fields(t[:q])
	if len(f) != 7 {
		return LabelDesc{}, fmt.Errorf("%d fields before the name, want 7 (IDX R G B A VIS MSH)", len(f))
	}
	l := LabelDesc{Name: name}
	if l.Value, err = strconv.Atoi(f[0]); err != nil || l.Value < 0 || l.Value > 65535 {
		return l, fmt.Errorf("label value %q is not a whole number from 0 to 65535", f[0])
	}
	for i, dst := range []*uint8{&l.R, &l.G, &l.B} {
		v, err := strconv.Atoi(f[1+i])
		if err != nil || v < 0 || v > 255 {
			return l, fmt.Errorf("colour component %q is not 0 to 255", f[1+i])
		}
		*dst = uint8(v)
	}
	if l.Alpha, err = strconv.ParseFloat(f[4], 64); err != nil || !(l.Alpha >= 0 && l.Alpha <= 1) {
		return l, fmt.Errorf("alpha %s is not between 0 and 1", f[4])
	}
	for i, dst := range []*bool{&l.Visible, &l.Mesh} {
		switch f[5+i] {
		case "0":
		case "1":
			*dst = true
		default:
			return l, fmt.Errorf("visibility flag %q is not 0 or 1", f[5+i])
		}
	}
	return l, nil
}
