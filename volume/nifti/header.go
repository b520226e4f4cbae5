// Package nifti reads NIfTI-1 and NIfTI-2 volumes (.nii and .nii.gz, either
// byte order) into the volume package's images and label maps, and writes
// label maps and images back as .nii.gz.
//
// Reading is built for speed and bounded memory: the header is checked
// before any voxel buffer is allocated, no allocation exceeds what the file
// can hold, and gzip data is inflated straight into the voxel buffer (by
// libdeflate where cgo and the library are available, in pure Go
// elsewhere). The affine follows nibabel: sform when its code is set, else
// qform, else the pixdim-only fallback.
package nifti

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Sizes of the two header versions, in bytes.
const (
	Size1 = 348
	Size2 = 540
)

// Header holds every field of a NIfTI-1 or NIfTI-2 header, widened to the
// NIfTI-2 types, plus the bytes between the header and the voxel data
// (extension flag and extensions), so a file can be rewritten faithfully.
type Header struct {
	Version   int              // 1 or 2
	ByteOrder binary.ByteOrder // of the file
	Magic     string           // "n+1", "ni1" or "n+2"

	Dim           [8]int64
	IntentP       [3]float64
	IntentCode    int32
	Datatype      Datatype
	Bitpix        int16
	SliceStart    int64
	SliceEnd      int64
	SliceCode     int32
	Pixdim        [8]float64
	VoxOffset     float64 // a float in NIfTI-1, an integer in NIfTI-2
	SclSlope      float64
	SclInter      float64
	XYZTUnits     int32
	CalMax        float64
	CalMin        float64
	SliceDuration float64
	TOffset       float64
	DimInfo       uint8
	Descrip       [80]byte
	AuxFile       [24]byte
	QformCode     int32
	SformCode     int32
	Quatern       [3]float64 // b, c, d
	QOffset       [3]float64
	Srow          [3][4]float64
	IntentName    [16]byte

	// NIfTI-1 fields inherited from Analyze 7.5, kept for rewriting.
	DataTypeStr  [10]byte
	DBName       [18]byte
	Extents      int32
	SessionError int16
	Regular      uint8
	GLMax, GLMin int32

	// Extra is what lies between the end of the header and VoxOffset: the
	// 4-byte extension flag and any extensions, verbatim.
	Extra []byte
}

// size is the header size of the version.
func (h *Header) size() int {
	if h.Version == 2 {
		return Size2
	}
	return Size1
}

// NDim is the number of dimensions the header declares (dim[0]).
func (h *Header) NDim() int { return int(h.Dim[0]) }

// decodeHeader parses the first Size1 or Size2 bytes of b. b must hold at
// least 348 bytes; a NIfTI-2 header needs 540.
func decodeHeader(b []byte) (*Header, error) {
	if len(b) < Size1 {
		return nil, fmt.Errorf("%d bytes is too short for a NIfTI header (at least %d)", len(b), Size1)
	}
	h := &Header{}
	le, be := binary.LittleEndian.Uint32(b), binary.BigEndian.Uint32(b)
	switch {
	case le == Size1:
		h.Version, h.ByteOrder = 1, binary.LittleEndian
	case be == Size1:
		h.Version, h.ByteOrder = 1, binary.BigEndian
	case le == Size2:
		h.Version, h.ByteOrder = 2, binary.LittleEndian
	case be == Size2:
		h.Version, h.ByteOrder = 2, binary.BigEndian
	default:
		return nil, fmt.Errorf("not a NIfTI file: header size field is %d, want %d or %d", int32(le), Size1, Size2)
	}
	if h.Version == 2 {
		if len(b) < Size2 {
			return nil, fmt.Errorf("%d bytes is too short for a NIfTI-2 header (%d)", len(b), Size2)
		}
		return h, h.decode2(b)
	}
	return h, h.decode1(b)
}

func (h *Header) decode1(b []byte) error {
	o := h.ByteOrder
	f32 := func(off int) float64 { return float64(math.Float32frombits(o.Uint32(b[off:]))) }
	i16 := func(off int) int16 { return int16(o.Uint16(b[off:])) }
	magic := b[344:348]
	switch string(magic) {
	case "n+1\x00":
		h.Magic = "n+1"
	case "ni1\x00":
		h.Magic = "ni1"
	default:
		return fmt.Errorf("not a NIfTI-1 file: magic is %q, want \"n+1\"", cstring(magic))
	}
	copy(h.DataTypeStr[:], b[4:14])
	copy(h.DBName[:], b[14:32])
	h.Extents = int32(o.Uint32(b[32:]))
	h.SessionError = i16(36)
	h.Regular = b[38]
	h.DimInfo = b[39]
	for i := 0; i < 8; i++ {
		h.Dim[i] = int64(i16(40 + 2*i))
		h.Pixdim[i] = f32(76 + 4*i)
	}
	for i := 0; i < 3; i++ {
		h.IntentP[i] = f32(56 + 4*i)
	}
	h.IntentCode = int32(i16(68))
	h.Datatype = Datatype(i16(70))
	h.Bitpix = i16(72)
	h.SliceStart = int64(i16(74))
	h.VoxOffset = f32(108)
	h.SclSlope = f32(112)
	h.SclInter = f32(116)
	h.SliceEnd = int64(i16(120))
	h.SliceCode = int32(b[122])
	h.XYZTUnits = int32(b[123])
	h.CalMax = f32(124)
	h.CalMin = f32(128)
	h.SliceDuration = f32(132)
	h.TOffset = f32(136)
	h.GLMax = int32(o.Uint32(b[140:]))
	h.GLMin = int32(o.Uint32(b[144:]))
	copy(h.Descrip[:], b[148:228])
	copy(h.AuxFile[:], b[228:252])
	h.QformCode = int32(i16(252))
	h.SformCode = int32(i16(254))
	for i := 0; i < 3; i++ {
		h.Quatern[i] = f32(256 + 4*i)
		h.QOffset[i] = f32(268 + 4*i)
		for c := 0; c < 4; c++ {
			h.Srow[i][c] = f32(280 + 16*i + 4*c)
		}
	}
	copy(h.IntentName[:], b[328:344])
	return nil
}

func (h *Header) decode2(b []byte) error {
	o := h.ByteOrder
	f64 := func(off int) float64 { return math.Float64frombits(o.Uint64(b[off:])) }
	i64 := func(off int) int64 { return int64(o.Uint64(b[off:])) }
	i32 := func(off int) int32 { return int32(o.Uint32(b[off:])) }
	if string(b[4:12]) != "n+2\x00\r\n\x1a\n" {
		return fmt.Errorf("not a NIfTI-2 file: magic is %q, want \"n+2\"", cstring(b[4:12]))
	}
	h.Magic = "n+2"
	h.Datatype = Datatype(int16(o.Uint16(b[12:])))
	h.Bitpix = int16(o.Uint16(b[14:]))
	for i := 0; i < 8; i++ {
		h.Dim[i] = i64(16 + 8*i)
		h.Pixdim[i] = f64(104 + 8*i)
	}
	for i := 0; i < 3; i++ {
		h.IntentP[i] = f64(80 + 8*i)
	}
	h.VoxOffset = float64(i64(168))
	h.SclSlope = f64(176)
	h.SclInter = f64(184)
	h.CalMax = f64(192)
	h.CalMin = f64(200)
	h.SliceDuration = f64(208)
	h.TOffset = f64(216)
	h.SliceStart = i64(224)
	h.SliceEnd = i64(232)
	copy(h.Descrip[:], b[240:320])
	copy(h.AuxFile[:], b[320:344])
	h.QformCode = i32(344)
	h.SformCode = i32(348)
	for i := 0; i < 3; i++ {
		h.Quatern[i] = f64(352 + 8*i)
		h.QOffset[i] = f64(376 + 8*i)
		for c := 0; c < 4; c++ {
			h.Srow[i][c] = f64(400 + 32*i + 8*c)
		}
	}
	h.SliceCode = i32(496)
	h.XYZTUnits = i32(500)
	h.IntentCode = i32(504)
	copy(h.IntentName[:], b[508:524])
	h.DimInfo = b[524]
	return nil
}

// encode writes the header (without Extra) in its version and byte order.
func (h *Header) encode() []byte {
	if h.Version == 2 {
		return h.encode2()
	}
	return h.encode1()
}

func (h *Header) encode1() []byte {
	b := make([]byte, Size1)
	o := h.order()
	f32 := func(off int, v float64) { o.PutUint32(b[off:], math.Float32bits(float32(v))) }
	i16 := func(off int, v int64) { o.PutUint16(b[off:], uint16(int16(v))) }
	o.PutUint32(b[0:], Size1)
	copy(b[4:14], h.DataTypeStr[:])
	copy(b[14:32], h.DBName[:])
	o.PutUint32(b[32:], uint32(h.Extents))
	i16(36, int64(h.SessionError))
	b[38] = h.Regular
	b[39] = h.DimInfo
	for i := 0; i < 8; i++ {
		i16(40+2*i, h.Dim[i])
		f32(76+4*i, h.Pixdim[i])
	}
	for i := 0; i < 3; i++ {
		f32(56+4*i, h.IntentP[i])
	}
	i16(68, int64(h.IntentCode))
	i16(70, int64(h.Datatype))
	i16(72, int64(h.Bitpix))
	i16(74, h.SliceStart)
	f32(108, h.VoxOffset)
	f32(112, h.SclSlope)
	f32(116, h.SclInter)
	i16(120, h.SliceEnd)
	b[122] = uint8(h.SliceCode)
	b[123] = uint8(h.XYZTUnits)
	f32(124, h.CalMax)
	f32(128, h.CalMin)
	f32(132, h.SliceDuration)
	f32(136, h.TOffset)
	o.PutUint32(b[140:], uint32(h.GLMax))
	o.PutUint32(b[144:], uint32(h.GLMin))
	copy(b[148:228], h.Descrip[:])
	copy(b[228:252], h.AuxFile[:])
	i16(252, int64(h.QformCode))
	i16(254, int64(h.SformCode))
	for i := 0; i < 3; i++ {
		f32(256+4*i, h.Quatern[i])
		f32(268+4*i, h.QOffset[i])
		for c := 0; c < 4; c++ {
			f32(280+16*i+4*c, h.Srow[i][c])
		}
	}
	copy(b[328:344], h.IntentName[:])
	magic := "n+1\x00"
	if h.Magic == "ni1" {
		magic = "ni1\x00"
	}
	copy(b[344:348], magic)
	return b
}

func (h *Header) encode2() []byte {
	b := make([]byte, Size2)
	o := h.order()
	f64 := func(off int, v float64) { o.PutUint64(b[off:], math.Float64bits(v)) }
	i64 := func(off int, v int64) { o.PutUint64(b[off:], uint64(v)) }
	i32 := func(off int, v int32) { o.PutUint32(b[off:], uint32(v)) }
	o.PutUint32(b[0:], Size2)
	copy(b[4:12], "n+2\x00\r\n\x1a\n")
	o.PutUint16(b[12:], uint16(h.Datatype))
	o.PutUint16(b[14:], uint16(h.Bitpix))
	for i := 0; i < 8; i++ {
		i64(16+8*i, h.Dim[i])
		f64(104+8*i, h.Pixdim[i])
	}
	for i := 0; i < 3; i++ {
		f64(80+8*i, h.IntentP[i])
	}
	i64(168, int64(h.VoxOffset))
	f64(176, h.SclSlope)
	f64(184, h.SclInter)
	f64(192, h.CalMax)
	f64(200, h.CalMin)
	f64(208, h.SliceDuration)
	f64(216, h.TOffset)
	i64(224, h.SliceStart)
	i64(232, h.SliceEnd)
	copy(b[240:320], h.Descrip[:])
	copy(b[320:344], h.AuxFile[:])
	i32(344, h.QformCode)
	i32(348, h.SformCode)
	for i := 0; i < 3; i++ {
		f64(352+8*i, h.Quatern[i])
		f64(376+8*i, h.QOffset[i])
		for c := 0; c < 4; c++ {
			f64(400+32*i+8*c, h.Srow[i][c])
		}
	}
	i32(496, h.SliceCode)
	i32(500, h.XYZTUnits)
	i32(504, h.IntentCode)
	copy(b[508:524], h.IntentName[:])
	b[524] = h.DimInfo
	return b
}

func (h *Header) order() binary.ByteOrder {
	if h.ByteOrder == nil {
		return binary.LittleEndian
	}
	return h.ByteOrder
}

// DescripString returns the descrip field as text.
func (h *Header) DescripString() string { return cstring(h.Descrip[:]) }

func cstring(b []byte) string {
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b)
}
