// Package hostile makes hostile files at test time: NIfTI headers that
// claim far more than the file holds, forged gzip trailers, DICOM parser
// bombs, and the like. Each generator is small and deterministic, so the
// adversarial suite and the fuzz seed corpora build them on the fly
// instead of committing large files. Only tests import it.
package hostile

import (
	"bytes"
	"encoding/binary"
)

// dicomWriter builds an explicit little-endian DICOM file.
type dicomWriter struct{ b bytes.Buffer }

func (w *dicomWriter) u16(v uint16) { binary.Write(&w.b, binary.LittleEndian, v) }
func (w *dicomWriter) u32(v uint32) { binary.Write(&w.b, binary.LittleEndian, v) }

// short writes an element of a VR with a 16-bit length.
func (w *dicomWriter) short(g, e uint16, vr string, v []byte) {
	w.u16(g)
	w.u16(e)
	w.b.WriteString(vr)
	w.u16(uint16(len(v)))
	w.b.Write(v)
}

// long writes the header of an element of a VR with a 32-bit length.
func (w *dicomWriter) long(g, e uint16, vr string, vl uint32) {
	w.u16(g)
	w.u16(e)
	w.b.WriteString(vr)
	w.u16(0)
	w.u32(vl)
}

// item writes an item or delimiter header (always implicit).
func (w *dicomWriter) item(e uint16, vl uint32) {
	w.u16(0xFFFE)
	w.u16(e)
	w.u32(vl)
}

func uidValue(s string) []byte {
	if len(s)%2 == 1 {
		s += "\x00"
	}
	return []byte(s)
}

// dicomStart returns a writer holding the preamble, the DICM marker and a
// file meta information group for explicit little endian.
func dicomStart() *dicomWriter {
	var meta dicomWriter
	meta.long(0x0002, 0x0001, "OB", 2)
	meta.b.Write([]byte{0, 1})
	meta.short(0x0002, 0x0002, "UI", uidValue("1.2.840.10008.5.1.4.1.1.2"))
	meta.short(0x0002, 0x0003, "UI", uidValue("1.2.3.4.5"))
	meta.short(0x0002, 0x0010, "UI", uidValue("1.2.840.10008.1.2.1"))
	w := &dicomWriter{}
	w.b.Write(make([]byte, 128))
	w.b.WriteString("DICM")
	w.short(0x0002, 0x0000, "UL", binary.LittleEndian.AppendUint32(nil, uint32(meta.b.Len())))
	w.b.Write(meta.b.Bytes())
	w.short(0x0008, 0x0060, "CS", []byte("CT"))
	w.short(0x0020, 0x000E, "UI", uidValue("1.2.3.4.5.6"))
	return w
}

// DICOMNested is a DICOM file whose sequences nest depth levels deep
// (undefined lengths, properly closed): about 40 bytes a level.
func DICOMNested(depth int) []byte {
	w := dicomStart()
	for i := 0; i < depth; i++ {
		w.long(0x0008, 0x1115, "SQ", 0xFFFFFFFF)
		w.item(0xE000, 0xFFFFFFFF)
	}
	for i := 0; i < depth; i++ {
		w.item(0xE00D, 0)
		w.item(0xE0DD, 0)
	}
	return w.b.Bytes()
}

// DICOMLongLength is a small DICOM file with a text element whose length
// claims vl bytes (0xFFFFFFF0: 4 GiB) that the file does not hold.
func DICOMLongLength(vl uint32) []byte {
	w := dicomStart()
	w.long(0x0008, 0x0119, "UC", vl) // Long Code Value
	w.b.Write(make([]byte, 8<<10))
	return w.b.Bytes()
}

// DICOMManyElements is a DICOM file of n empty private elements (8 bytes
// each).
func DICOMManyElements(n int) []byte {
	w := dicomStart()
	for i := 0; i < n; i++ {
		w.short(0x0009, 0x1000+uint16(i%0x1000), "LO", nil)
	}
	return w.b.Bytes()
}

// DICOMManyFrames is a DICOM file whose header claims frames frames of
// 512×512 16-bit pixels over vl bytes of pixel data. With 8192 frames and
// vl 0 the parser's 32-bit size check passes (2³² wraps to 0) and it
// would allocate 16 GiB of frames.
func DICOMManyFrames(frames string, vl uint32) []byte {
	w := dicomStart()
	w.short(0x0028, 0x0002, "US", []byte{1, 0})
	w.short(0x0028, 0x0008, "IS", []byte(frames))
	w.short(0x0028, 0x0010, "US", []byte{0, 2})
	w.short(0x0028, 0x0011, "US", []byte{0, 2})
	w.short(0x0028, 0x0100, "US", []byte{16, 0})
	w.long(0x7FE0, 0x0010, "OW", vl)
	w.b.Write(make([]byte, min(vl, 1<<20)))
	return w.b.Bytes()
}

// DICOMSet returns a copy of an explicit-VR little-endian DICOM file with
// the short-VR element (g,e) of type vr set to val (padded to even length
// with a space, or a NUL for UI): replaced when present, else inserted
// before the element (g,before). It panics on a file it cannot edit, as a
// test generator should.
func DICOMSet(b []byte, g, e uint16, vr string, val []byte, before uint16) []byte {
	if len(val)%2 == 1 {
		pad := byte(' ')
		if vr == "UI" || vr == "US" {
			pad = 0
		}
		val = append(append([]byte(nil), val...), pad)
	}
	enc := func() []byte {
		var w dicomWriter
		w.short(g, e, vr, val)
		return w.b.Bytes()
	}
	find := func(g, e uint16) int {
		pat := []byte{byte(g), byte(g >> 8), byte(e), byte(e >> 8)}
		return bytes.Index(b[132:], pat) + 132
	}
	out := append([]byte(nil), b[:0]...)
	if i := find(g, e); i >= 132 {
		n := int(binary.LittleEndian.Uint16(b[i+6:]))
		out = append(append(append(out, b[:i]...), enc()...), b[i+8+n:]...)
		return out
	}
	i := find(g, before)
	if i < 132 {
		panic("DICOMSet: element not found")
	}
	return append(append(append(out, b[:i]...), enc()...), b[i:]...)
}

// US is a DICOM unsigned short value.
func US(v uint16) []byte { return binary.LittleEndian.AppendUint16(nil, v) }
