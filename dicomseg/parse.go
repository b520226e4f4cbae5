package dicomseg

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/suyashkumar/dicom/pkg/tag"
)

// node is one parsed data element: its value bytes, or its items when it
// is a sequence. Values are slices of the file's bytes.
type node struct {
	tag   uint32
	vr    string
	value []byte
	items []dataset
}

// dataset is a parsed data set or sequence item.
type dataset []*node

// maxDepth bounds sequence nesting (a SEG needs four levels).
const maxDepth = 16

// parser reads a Part 10 file held in memory, with bounds checks on every
// length: a hostile length is an error, never an allocation.
type parser struct {
	b        []byte
	pos      int
	implicit bool
}

// parseFile parses a whole DICOM file: preamble, file meta group
// (explicit VR little endian) and the data set in explicit or implicit VR
// little endian. Other transfer syntaxes are refused by name.
func parseFile(b []byte) (meta, ds dataset, err error) {
	if len(b) < 132 || string(b[128:132]) != "DICM" {
		return nil, nil, fmt.Errorf("not a DICOM Part 10 file (no DICM at byte 128)")
	}
	p := &parser{b: b, pos: 132}
	for p.pos+2 <= len(b) && binary.LittleEndian.Uint16(b[p.pos:]) == 0x0002 {
		n, err := p.element(0)
		if err != nil {
			return nil, nil, fmt.Errorf("file meta: %w", err)
		}
		meta = append(meta, n)
	}
	ts := meta.str(0x00020010)
	switch ts {
	case ExplicitVRLittleEndian:
	case "1.2.840.10008.1.2":
		p.implicit = true
	default:
		return nil, nil, fmt.Errorf("transfer syntax %q is not supported (explicit or implicit VR little endian only)", ts)
	}
	ds, err = p.items(len(b), 0)
	return meta, ds, err
}

// items parses elements until end (or an item delimiter when end is -1).
func (p *parser) items(end, depth int) (dataset, error) {
	var ds dataset
	for p.pos < end || end < 0 {
		if end < 0 && p.pos+8 <= len(p.b) && p.u16(p.pos) == 0xFFFE && p.u16(p.pos+2) == 0xE00D {
			p.pos += 8
			return ds, nil
		}
		if p.pos >= len(p.b) {
			return nil, fmt.Errorf("item without its delimiter at end of file")
		}
		n, err := p.element(depth)
		if err != nil {
			return nil, err
		}
		ds = append(ds, n)
	}
	if p.pos != end {
		return nil, fmt.Errorf("element runs past its item's end at byte %d", p.pos)
	}
	return ds, nil
}

func (p *parser) u16(at int) uint16 { return binary.LittleEndian.Uint16(p.b[at:]) }
func (p *parser) u32(at int) uint32 { return binary.LittleEndian.Uint32(p.b[at:]) }

// element parses one data element at p.pos.
func (p *parser) element(depth int) (*node, error) {
	if p.pos+8 > len(p.b) {
		return nil, fmt.Errorf("truncated element at byte %d", p.pos)
	}
	t := uint32(p.u16(p.pos))<<16 | uint32(p.u16(p.pos+2))
	n := &node{tag: t}
	var l uint32
	if p.implicit && t>>16 != 0x0002 {
		n.vr = implicitVR(t)
		l = p.u32(p.pos + 4)
		p.pos += 8
	} else {
		n.vr = string(p.b[p.pos+4 : p.pos+6])
		if longVR[n.vr] {
			if p.pos+12 > len(p.b) {
				return nil, fmt.Errorf("truncated element (%04X,%04X)", t>>16, t&0xFFFF)
			}
			l = p.u32(p.pos + 8)
			p.pos += 12
		} else {
			l = uint32(p.u16(p.pos + 6))
			p.pos += 8
		}
	}
	if n.vr == "SQ" {
		if depth >= maxDepth {
			return nil, fmt.Errorf("sequences nested deeper than %d", maxDepth)
		}
		end := -1
		if l != 0xFFFFFFFF {
			if int64(p.pos)+int64(l) > int64(len(p.b)) {
				return nil, fmt.Errorf("sequence (%04X,%04X) of %d bytes runs past the end of the file", t>>16, t&0xFFFF, l)
			}
			end = p.pos + int(l)
		}
		for end < 0 || p.pos < end {
			if p.pos+8 > len(p.b) {
				return nil, fmt.Errorf("truncated sequence (%04X,%04X)", t>>16, t&0xFFFF)
			}
			it, il := p.u32(p.pos), p.u32(p.pos+4)
			p.pos += 8
			if it == 0xE0DDFFFE { // sequence delimiter
				break
			}
			if it != 0xE000FFFE {
				return nil, fmt.Errorf("sequence (%04X,%04X): expected an item at byte %d", t>>16, t&0xFFFF, p.pos-8)
			}
			iend := -1
			if il != 0xFFFFFFFF {
				if int64(p.pos)+int64(il) > int64(len(p.b)) {
					return nil, fmt.Errorf("item of %d bytes runs past the end of the file", il)
				}
				iend = p.pos + int(il)
			}
			ds, err := p.items(iend, depth+1)
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, ds)
		}
		if end >= 0 && p.pos != end {
			return nil, fmt.Errorf("sequence (%04X,%04X) items overrun its length", t>>16, t&0xFFFF)
		}
		return n, nil
	}
	if l == 0xFFFFFFFF {
		return nil, fmt.Errorf("element (%04X,%04X) has undefined length (encapsulated pixel data is not supported)", t>>16, t&0xFFFF)
	}
	if int64(p.pos)+int64(l) > int64(len(p.b)) {
		return nil, fmt.Errorf("element (%04X,%04X) of %d bytes runs past the end of the file", t>>16, t&0xFFFF, l)
	}
	n.value = p.b[p.pos : p.pos+int(l)]
	p.pos += int(l)
	return n, nil
}

// implicitVR looks a tag's VR up in the data dictionary ("UN" if unknown).
func implicitVR(t uint32) string {
	info, err := tag.Find(tag.Tag{Group: uint16(t >> 16), Element: uint16(t)})
	if err != nil || len(info.VRs) == 0 {
		return "UN"
	}
	return info.VRs[0]
}

// find returns the element with tag t, or nil.
func (ds dataset) find(t uint32) *node {
	for _, n := range ds {
		if n.tag == t {
			return n
		}
	}
	return nil
}

// str returns a text element's value without padding ("" if absent).
func (ds dataset) str(t uint32) string {
	n := ds.find(t)
	if n == nil {
		return ""
	}
	return strings.TrimRight(string(n.value), " \x00")
}

// item returns the first item of sequence t, or nil.
func (ds dataset) item(t uint32) dataset {
	n := ds.find(t)
	if n == nil || len(n.items) == 0 {
		return nil
	}
	return n.items[0]
}

// uints returns a US or UL element's values.
func (ds dataset) uints(t uint32) []int {
	n := ds.find(t)
	if n == nil {
		return nil
	}
	var out []int
	switch n.vr {
	case "US":
		for i := 0; i+2 <= len(n.value); i += 2 {
			out = append(out, int(binary.LittleEndian.Uint16(n.value[i:])))
		}
	case "UL":
		for i := 0; i+4 <= len(n.value); i += 4 {
			out = append(out, int(binary.LittleEndian.Uint32(n.value[i:])))
		}
	case "IS":
		for _, s := range strings.Split(strings.TrimSpace(string(n.value)), `\`) {
			v, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil {
				return nil
			}
			out = append(out, v)
		}
	}
	return out
}

// floats returns a DS element's values, or an error naming the tag.
func (ds dataset) floats(t uint32, want int) ([]float64, error) {
	s := ds.str(t)
	parts := strings.Split(s, `\`)
	if s == "" || len(parts) != want {
		return nil, fmt.Errorf("(%04X,%04X) holds %q, want %d numbers", t>>16, t&0xFFFF, s, want)
	}
	out := make([]float64, want)
	for i, x := range parts {
		v, err := decimal(strings.TrimSpace(x))
		if err != nil {
			return nil, fmt.Errorf("(%04X,%04X) holds %q, not finite decimal numbers", t>>16, t&0xFFFF, s)
		}
		out[i] = v
	}
	return out, nil
}

// decimal parses a DICOM decimal string: digits with an optional sign,
// point and exponent, and finite. strconv alone would also take NaN, Inf,
// hexadecimal and underscores.
func decimal(x string) (float64, error) {
	if x == "" {
		return 0, fmt.Errorf("empty")
	}
	for _, r := range x {
		if !strings.ContainsRune("0123456789+-.eE", r) {
			return 0, fmt.Errorf("%q is not a decimal number", x)
		}
	}
	v, err := strconv.ParseFloat(x, 64)
	if err != nil {
		return 0, err
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not finite", x)
	}
	return v, nil
}
