//go:build cgo && linux && !nolibdeflate

package nifti

/*
#cgo pkg-config: libdeflate
#include <libdeflate.h>
*/
import "C"

import (
	"errors"
	"fmt"
	"os"
	"unsafe"
)

// Inflater names the gzip decoder this build uses.
const Inflater = "libdeflate"

// inflateFile reads the compressed file into memory and inflates it in one
// pass with libdeflate straight into the buffer that becomes the voxel
// data. Streams whose trailer does not match the header (multi-member,
// trailing bytes, truncation) go through the streaming decoder, which
// tells those cases apart.
func inflateFile(f *os.File, size, offset, nbytes int64, progress Progress) ([]byte, error) {
	isize, err := gzipISize(f, size)
	if err != nil {
		return nil, err
	}
	total := offset + nbytes
	if isize != uint32(total) {
		return inflateStream(f, size, offset, nbytes, progress)
	}
	comp := make([]byte, size)
	const chunk = 4 << 20
	for done := int64(0); done < size; {
		n := min(chunk, size-done)
		if _, err := f.ReadAt(comp[done:done+n], done); err != nil {
			return nil, ioError{err}
		}
		done += n
		progress(min(done, size-1), size)
	}
	out := make([]byte, total)
	d := C.libdeflate_alloc_decompressor()
	if d == nil {
		return nil, ioError{errors.New("libdeflate: out of memory")}
	}
	defer C.libdeflate_free_decompressor(d)
	var in, o int64
	for in < size && o < total {
		var ain, aout C.size_t
		r := C.libdeflate_gzip_decompress_ex(d,
			unsafe.Pointer(&comp[in]), C.size_t(size-in),
			unsafe.Pointer(&out[o]), C.size_t(total-o), &ain, &aout)
		switch r {
		case C.LIBDEFLATE_SUCCESS:
		case C.LIBDEFLATE_INSUFFICIENT_SPACE:
			// More data than the header needs: let the streaming decoder
			// read exactly what it needs.
			return inflateStream(f, size, offset, nbytes, progress)
		default:
			return nil, fmt.Errorf("corrupt gzip data after %d of %d bytes of voxel data", max(o-offset, 0), nbytes)
		}
		in += int64(ain)
		o += int64(aout)
		if ain == 0 {
			break
		}
	}
	if o < total {
		return nil, fmt.Errorf("file is truncated: gzip stream ends after %d of %d bytes of voxel data", max(o-offset, 0), nbytes)
	}
	return out[offset:total:total], nil
}
