package hostile

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"math"
)

// NIfTI datatype codes used here.
const (
	Uint8 = 2
	Int16 = 4
)

// NiftiHeader is a valid little-endian NIfTI-1 header (348 bytes, plus
// the 4-byte empty extension flag) for a dims volume of the datatype, 1 mm
// voxels, with sform and qform set to the identity, voxels from byte 352.
func NiftiHeader(dims [3]int, datatype int16) []byte {
	b := make([]byte, 352)
	le := binary.LittleEndian
	le.PutUint32(b, 348)
	le.PutUint16(b[40:], 3)
	for a, d := range dims {
		le.PutUint16(b[42+2*a:], uint16(d))
	}
	for a := 4; a <= 7; a++ {
		le.PutUint16(b[40+2*a:], 1)
	}
	le.PutUint16(b[70:], uint16(datatype))
	bits := map[int16]uint16{Uint8: 8, Int16: 16}[datatype]
	le.PutUint16(b[72:], bits)
	for a := 0; a <= 3; a++ {
		le.PutUint32(b[76+4*a:], math.Float32bits(1))
	}
	le.PutUint32(b[108:], math.Float32bits(352))
	le.PutUint32(b[112:], math.Float32bits(1)) // scl_slope
	b[123] = 2 | 8                             // mm, seconds
	le.PutUint16(b[252:], 1)                   // qform_code
	le.PutUint16(b[254:], 1)                   // sform_code
	for r := 0; r < 3; r++ {
		le.PutUint32(b[280+16*r+4*r:], math.Float32bits(1))
	}
	copy(b[344:], "n+1\x00")
	return b
}

// SetFloat32 stores v at byte off of a header (vox_offset is at 108, the
// sform rows from 280).
func SetFloat32(h []byte, off int, v float32) []byte {
	binary.LittleEndian.PutUint32(h[off:], math.Float32bits(v))
	return h
}

// Gzip compresses b at the default level.
func Gzip(b []byte) []byte {
	var out bytes.Buffer
	w := gzip.NewWriter(&out)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

// Noise is n incompressible bytes from a fixed xorshift sequence.
func Noise(n int) []byte {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return b
}

// NiftiShortStream is a gzip NIfTI file whose header claims dims of int16
// while its stream holds only n bytes of voxels (incompressible, so the
// file is about n bytes and could by its size alone hold ~1000 n).
func NiftiShortStream(dims [3]int, n int) []byte {
	return Gzip(append(NiftiHeader(dims, Int16), Noise(n)...))
}

// NiftiForgedISize is NiftiShortStream with the gzip trailer's size field
// forged to the size the header claims, as if the stream held it all.
func NiftiForgedISize(dims [3]int, n int) []byte {
	b := NiftiShortStream(dims, n)
	total := uint64(352) + 2*uint64(dims[0])*uint64(dims[1])*uint64(dims[2])
	binary.LittleEndian.PutUint32(b[len(b)-4:], uint32(total))
	return b
}

// NiftiZeros is a genuine gzip NIfTI file of dims uint8 zeros: tiny on
// disk, its full size in memory.
func NiftiZeros(dims [3]int) []byte {
	var out bytes.Buffer
	w, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
	w.Write(NiftiHeader(dims, Uint8))
	zero := make([]byte, 1<<20)
	for left := dims[0] * dims[1] * dims[2]; left > 0; left -= len(zero) {
		w.Write(zero[:min(left, len(zero))])
	}
	w.Close()
	return out.Bytes()
}

// NiftiFarVoxels is a gzip NIfTI file with vox_offset off and n bytes of
// incompressible extension data (so its size makes the offset plausible).
func NiftiFarVoxels(off float32, n int) []byte {
	h := SetFloat32(NiftiHeader([3]int{4, 4, 4}, Int16), 108, off)
	return Gzip(append(h, Noise(n)...))
}

// NiftiZeroMembers is a genuine gzip NIfTI file of dims zeros of the
// datatype, written as one gzip member for the header and then the same
// 1 MiB member of zeros repeated: a 6 GiB image in a 6 MB file (the ratio
// of each member stays under deflate's 1032:1), made in milliseconds.
func NiftiZeroMembers(dims [3]int, datatype int16) []byte {
	var out bytes.Buffer
	out.Write(Gzip(NiftiHeader(dims, datatype)))
	var mb bytes.Buffer
	w, _ := gzip.NewWriterLevel(&mb, gzip.BestCompression)
	w.Write(make([]byte, 1<<20))
	w.Close()
	size := int64(dims[0]) * int64(dims[1]) * int64(dims[2])
	if datatype == Int16 {
		size *= 2
	}
	for left := size; left > 0; left -= 1 << 20 {
		if left < 1<<20 {
			out.Write(Gzip(make([]byte, left)))
			break
		}
		out.Write(mb.Bytes())
	}
	return out.Bytes()
}
