package nifti

import "fmt"

// Datatype is the NIfTI datatype code of the voxels.
type Datatype int16

// The datatypes this package reads.
const (
	Uint8   Datatype = 2
	Int16   Datatype = 4
	Int32   Datatype = 8
	Float32 Datatype = 16
	Float64 Datatype = 64
	Int8    Datatype = 256
	Uint16  Datatype = 512
	Uint32  Datatype = 768
)

// Size is the number of bytes per voxel, 0 for unsupported types.
func (d Datatype) Size() int {
	switch d {
	case Uint8, Int8:
		return 1
	case Int16, Uint16:
		return 2
	case Int32, Uint32, Float32:
		return 4
	case Float64:
		return 8
	}
	return 0
}

// IsInteger reports whether the type holds integers.
func (d Datatype) IsInteger() bool { return d != Float32 && d != Float64 && d.Size() > 0 }

// String returns the numpy-style name ("int16", "float32"), as nibabel
// reports it.
func (d Datatype) String() string {
	switch d {
	case Uint8:
		return "uint8"
	case Int8:
		return "int8"
	case Int16:
		return "int16"
	case Uint16:
		return "uint16"
	case Int32:
		return "int32"
	case Uint32:
		return "uint32"
	case Float32:
		return "float32"
	case Float64:
		return "float64"
	}
	return unsupportedName(d)
}

func unsupportedName(d Datatype) string {
	names := map[Datatype]string{
		1: "binary", 32: "complex64", 128: "RGB24", 1024: "int64", 1280: "uint64",
		1536: "float128", 1792: "complex128", 2048: "complex256", 2304: "RGBA32",
	}
	if n, ok := names[d]; ok {
		return n
	}
	return fmt.Sprintf("datatype %d", int16(d))
}
