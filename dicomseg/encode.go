package dicomseg

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"
)

// elem is one data element to write: its tag (group<<16 | element), its
// value representation and its value bytes (already padded to even
// length) or, for a sequence, its items.
type elem struct {
	tag   uint32
	vr    string
	value []byte
	items [][]elem
}

// longVR are the value representations with a 4-byte length in explicit VR.
var longVR = map[string]bool{"OB": true, "OW": true, "OF": true, "OD": true, "OL": true, "OV": true, "SQ": true, "UT": true, "UN": true, "UC": true, "UR": true}

// str makes a text element, padded with a space (a NUL for UI) to even length.
func str(tag uint32, vr string, s string) elem {
	b := []byte(s)
	if len(b)%2 == 1 {
		if vr == "UI" {
			b = append(b, 0)
		} else {
			b = append(b, ' ')
		}
	}
	return elem{tag: tag, vr: vr, value: b}
}

// strs makes a multi-valued text element.
func strs(tag uint32, vr string, v ...string) elem { return str(tag, vr, strings.Join(v, `\`)) }

// ds makes a decimal string element of the values (each at most 16
// characters, as DS allows).
func ds(tag uint32, v ...float64) elem {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = formatDS(x)
	}
	return strs(tag, "DS", s...)
}

// formatDS writes x in at most 16 characters.
func formatDS(x float64) string {
	if x == 0 {
		return "0"
	}
	for prec := 12; prec > 0; prec-- {
		s := strconv.FormatFloat(x, 'g', prec, 64)
		if len(s) <= 16 {
			return s
		}
	}
	return strconv.FormatFloat(x, 'e', 6, 64)
}

// is makes an integer string element.
func is(tag uint32, v int) elem { return str(tag, "IS", strconv.Itoa(v)) }

// us makes an unsigned short element.
func us(tag uint32, v ...int) elem {
	b := make([]byte, 2*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(x))
	}
	return elem{tag: tag, vr: "US", value: b}
}

// ul makes an unsigned long element.
func ul(tag uint32, v ...int) elem {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], uint32(x))
	}
	return elem{tag: tag, vr: "UL", value: b}
}

// at makes an attribute tag element.
func at(tag uint32, v uint32) elem {
	b := make([]byte, 4)
	binary.LittleEndian.PutUint16(b, uint16(v>>16))
	binary.LittleEndian.PutUint16(b[2:], uint16(v))
	return elem{tag: tag, vr: "AT", value: b}
}

// sq makes a sequence element.
func sq(tag uint32, items ...[]elem) elem { return elem{tag: tag, vr: "SQ", items: items} }

// encode writes a data set in explicit VR little endian, elements sorted
// by tag, sequences and items with defined lengths.
func encode(buf *bytes.Buffer, set []elem) {
	sort.Slice(set, func(a, b int) bool { return set[a].tag < set[b].tag })
	for _, e := range set {
		var le [4]byte
		binary.LittleEndian.PutUint16(le[:], uint16(e.tag>>16))
		binary.LittleEndian.PutUint16(le[2:], uint16(e.tag))
		buf.Write(le[:])
		buf.WriteString(e.vr)
		val := e.value
		if e.vr == "SQ" {
			var s bytes.Buffer
			for _, it := range e.items {
				var ib bytes.Buffer
				encode(&ib, it)
				s.Write([]byte{0xFE, 0xFF, 0x00, 0xE0})
				binary.Write(&s, binary.LittleEndian, uint32(ib.Len()))
				s.Write(ib.Bytes())
			}
			val = s.Bytes()
		}
		if longVR[e.vr] {
			buf.Write([]byte{0, 0})
			binary.Write(buf, binary.LittleEndian, uint32(len(val)))
		} else {
			binary.Write(buf, binary.LittleEndian, uint16(len(val)))
		}
		buf.Write(val)
	}
}

// Transfer syntax and SOP class of the written files.
const (
	ExplicitVRLittleEndian = "1.2.840.10008.1.2.1"
	SegmentationStorage    = "1.2.840.10008.5.1.4.1.1.66.4"
	// ImplementationClassUID identifies this writer (a 2.25 UUID-derived UID).
	ImplementationClassUID = "2.25.160046376398431906284843437813327489315"
)

// fileBytes is a Part 10 file: preamble, "DICM", the file meta group and
// the data set.
func fileBytes(sopInstance string, set []elem) []byte {
	var meta bytes.Buffer
	encode(&meta, []elem{
		{tag: 0x00020001, vr: "OB", value: []byte{0, 1}},
		str(0x00020002, "UI", SegmentationStorage),
		str(0x00020003, "UI", sopInstance),
		str(0x00020010, "UI", ExplicitVRLittleEndian),
		str(0x00020012, "UI", ImplementationClassUID),
		str(0x00020013, "SH", "SAROS_REVIEW"),
	})
	var out bytes.Buffer
	out.Write(make([]byte, 128))
	out.WriteString("DICM")
	encode(&out, []elem{ul(0x00020000, meta.Len())})
	out.Write(meta.Bytes())
	encode(&out, set)
	return out.Bytes()
}

// NewUID returns a fresh UID under the 2.25 root (ITU-T X.667: a UUID as
// one decimal number), so no organisation root is needed.
func NewUID() string {
	b := make([]byte, 16)
	rand.Read(b)
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // variant
	return "2.25." + new(big.Int).SetBytes(b).String()
}

// checkUID reports whether s is a valid UID.
func checkUID(s string) error {
	if len(s) == 0 || len(s) > 64 {
		return fmt.Errorf("UID %q: length %d, want 1..64", s, len(s))
	}
	for _, c := range strings.Split(s, ".") {
		if c == "" || (len(c) > 1 && c[0] == '0') || strings.Trim(c, "0123456789") != "" {
			return fmt.Errorf("UID %q: not dot-separated numbers", s)
		}
	}
	return nil
}
