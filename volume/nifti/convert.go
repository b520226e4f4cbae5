package nifti

import (
	"fmt"
	"math"
	"unsafe"

	"github.com/saros-review/saros-review/volume"
)

// number is any voxel type this package reads.
type number interface {
	~uint8 | ~int8 | ~int16 | ~uint16 | ~int32 | ~uint32 | ~float32 | ~float64
}

// view reinterprets b as a slice of T. b must be aligned for T; aligned
// copies b first when it is not.
func view[T number](b []byte) []T {
	var z T
	n := len(b) / int(unsafe.Sizeof(z))
	if n == 0 {
		return nil
	}
	return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), n)
}

// aligned returns b, or a copy of it when its start is not a multiple of
// es bytes (a vox_offset that is not a multiple of the voxel size).
func aligned(b []byte, es int) []byte {
	if len(b) == 0 || uintptr(unsafe.Pointer(&b[0]))%uintptr(es) == 0 {
		return b
	}
	c := make([]byte, len(b)+es)
	off := (es - int(uintptr(unsafe.Pointer(&c[0]))%uintptr(es))) % es
	c = c[off : off+len(b)]
	copy(c, b)
	return c
}

// Range returns the smallest and largest real (scaled) voxel values,
// ignoring NaN, as nibabel reports them from get_fdata.
func (d *Data) Range() (lo, hi float64) {
	b := aligned(d.Bytes, d.Header.Datatype.Size())
	switch d.Header.Datatype {
	case Uint8:
		lo, hi = rangeOf(view[uint8](b))
	case Int8:
		lo, hi = rangeOf(view[int8](b))
	case Int16:
		lo, hi = rangeOf(view[int16](b))
	case Uint16:
		lo, hi = rangeOf(view[uint16](b))
	case Int32:
		lo, hi = rangeOf(view[int32](b))
	case Uint32:
		lo, hi = rangeOf(view[uint32](b))
	case Float32:
		lo, hi = rangeOf(view[float32](b))
	case Float64:
		lo, hi = rangeOf(view[float64](b))
	}
	s, i := d.Header.Scaling()
	lo, hi = lo*s+i, hi*s+i
	if lo > hi {
		lo, hi = hi, lo
	}
	return lo, hi
}

func rangeOf[T number](v []T) (lo, hi float64) {
	first := true
	var l, h T
	for _, x := range v {
		if x != x { // NaN
			continue
		}
		if first {
			l, h, first = x, x, false
			continue
		}
		if x < l {
			l = x
		}
		if x > h {
			h = x
		}
	}
	if first {
		return math.NaN(), math.NaN()
	}
	return float64(l), float64(h)
}

// Image returns the voxels as a CT image in HU: stored values times
// scl_slope plus scl_inter, rounded to the nearest integer and clamped to
// the int16 range (NaN becomes 0). Unscaled int16 data is used as it is,
// without a copy; wider types are converted in place. The Data must not be
// used afterwards.
func (d *Data) Image() (*volume.Image, error) {
	g := d.Header.Grid()
	if err := g.Validate(); err != nil {
		return nil, fmt.Errorf("read %s: %w", d.Path, err)
	}
	es := d.Header.Datatype.Size()
	b := aligned(d.Bytes, es)
	s, i := d.Header.Scaling()
	var out []int16
	if es >= 2 {
		out = view[int16](b)[:g.Len()]
	} else {
		out = make([]int16, g.Len())
	}
	switch d.Header.Datatype {
	case Int16:
		if s != 1 || i != 0 {
			toInt16(view[int16](b), out, s, i)
		}
	case Uint8:
		toInt16(view[uint8](b), out, s, i)
	case Int8:
		toInt16(view[int8](b), out, s, i)
	case Uint16:
		toInt16(view[uint16](b), out, s, i)
	case Int32:
		toInt16(view[int32](b), out, s, i)
	case Uint32:
		toInt16(view[uint32](b), out, s, i)
	case Float32:
		toInt16(view[float32](b), out, s, i)
	case Float64:
		toInt16(view[float64](b), out, s, i)
	}
	d.Bytes = nil
	return volume.WrapImage(g, out)
}

// toInt16 converts src into dst, which may share src's memory as long as
// dst's element i lies at or before src's element i.
func toInt16[T number](src []T, dst []int16, s, i float64) {
	for k := range dst {
		v := float64(src[k])*s + i
		switch {
		case v != v:
			dst[k] = 0
		case v >= math.MaxInt16:
			dst[k] = math.MaxInt16
		case v <= math.MinInt16:
			dst[k] = math.MinInt16
		default:
			dst[k] = int16(math.Round(v))
		}
	}
}

// Labels returns the voxels as a label map. Any numeric type is accepted as
// long as every (scaled) value is a whole number from 0 to 255; anything
// else is an error that names the first bad value and how many there are.
// uint8 data is used without a copy; wider types are converted in place.
// The Data must not be used afterwards.
func (d *Data) Labels() (*volume.LabelMap, error) {
	g := d.Header.Grid()
	if err := g.Validate(); err != nil {
		return nil, fmt.Errorf("read %s: %w", d.Path, err)
	}
	es := d.Header.Datatype.Size()
	b := aligned(d.Bytes, es)
	s, i := d.Header.Scaling()
	out := b[:g.Len()]
	var bad int
	var first float64
	switch d.Header.Datatype {
	case Uint8:
		if s != 1 || i != 0 {
			bad, first = toUint8(view[uint8](b), out, s, i)
		}
	case Int8:
		bad, first = toUint8(view[int8](b), out, s, i)
	case Int16:
		bad, first = toUint8(view[int16](b), out, s, i)
	case Uint16:
		bad, first = toUint8(view[uint16](b), out, s, i)
	case Int32:
		bad, first = toUint8(view[int32](b), out, s, i)
	case Uint32:
		bad, first = toUint8(view[uint32](b), out, s, i)
	case Float32:
		bad, first = toUint8(view[float32](b), out, s, i)
	case Float64:
		bad, first = toUint8(view[float64](b), out, s, i)
	}
	if bad > 0 {
		return nil, fmt.Errorf("read %s: %w: %d voxels hold values that are not labels 0..255 (first: %g)", d.Path, ErrFormat, bad, first)
	}
	d.Bytes = nil
	return volume.WrapLabelMap(g, out)
}

func toUint8[T number](src []T, dst []uint8, s, i float64) (bad int, first float64) {
	for k := range dst {
		v := float64(src[k])*s + i
		if v >= 0 && v <= 255 && v == math.Trunc(v) {
			dst[k] = uint8(v)
			continue
		}
		if bad == 0 {
			first = v
		}
		bad++
		dst[k] = 0
	}
	return bad, first
}

// LoadImage reads a CT image file; see Load and Data.Image.
func LoadImage(path string, progress Progress) (*volume.Image, *Header, error) {
	d, err := Load(path, progress)
	if err != nil {
		return nil, nil, err
	}
	h := d.Header
	im, err := d.Image()
	return im, h, err
}

// LoadLabels reads a label map file; see Load and Data.Labels.
func LoadLabels(path string, progress Progress) (*volume.LabelMap, *Header, error) {
	d, err := Load(path, progress)
	if err != nil {
		return nil, nil, err
	}
	h := d.Header
	m, err := d.Labels()
	return m, h, err
}
