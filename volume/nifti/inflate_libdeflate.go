//go:build cgo && linux && !nolibdeflate

package nifti

/*
#cgo pkg-config: libdeflate
#include <libdeflate.h>
*/
import "C"

import (
	"errors"
	"os"
	"syscall"
	"unsafe"
)

// Inflater names the gzip decoder this build uses.
const Inflater = "libdeflate"

// inflateFile reads the compressed file into memory and inflates it in one
// pass with libdeflate straight into the buffer that becomes the voxel
// data. Streams whose trailer does not match the header (multi-member,
// trailing bytes, truncation) go through the streaming decoder, which
// tells those cases apart. An image larger than the compressed size makes
// plausible is first inflated without being kept (streamHolds).
func inflateFile(f *os.File, size, offset, nbytes int64, progress Progress) ([]byte, error) {
	isize, err := gzipISize(f, size)
	if err != nil {
		return nil, err
	}
	total := offset + nbytes
	if isize != uint32(total) {
		return inflateStream(f, size, offset, nbytes, progress)
	}
	// The trailer's size field is only 32 bits and may be forged: an image
	// larger than the file makes plausible must prove the stream holds it
	// before its buffer is allocated.
	if total > trustedAlloc(size) {
		if err := streamHolds(f, size, total, progress); err != nil {
			return nil, err
		}
	}
	comp, release, err := mapFile(f, size)
	if err != nil {
		return nil, ioError{err}
	}
	defer release()
	progress(size/4, size)
	out := make([]byte, total)
	if total <= plausibleAlloc(size) {
		prefaulted := prefault(out)
		defer func() { <-prefaulted }()
	}
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
			// libdeflate does not say how far it got: the streaming
			// decoder finds the place and the kind (checksum, truncation).
			out = nil
			return inflateStream(f, size, offset, nbytes, progress)
		}
		in += int64(ain)
		o += int64(aout)
		if ain == 0 {
			break
		}
	}
	if o < total {
		out = nil
		return inflateStream(f, size, offset, nbytes, progress)
	}
	return out[offset:total:total], nil
}

// mapFile maps the compressed file read-only (pages come straight from the
// page cache, no copy onto the heap); release unmaps it. Where mapping
// fails it falls back to reading the file into memory.
func mapFile(f *os.File, size int64) (b []byte, release func(), err error) {
	if int64(int(size)) == size {
		b, err = syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED|syscall.MAP_POPULATE)
		if err == nil {
			return b, func() { syscall.Munmap(b) }, nil
		}
	}
	b = make([]byte, size)
	if _, err := f.ReadAt(b, 0); err != nil {
		return nil, nil, err
	}
	return b, func() {}, nil
}

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14): fault pages in
// writable without changing their contents.
const madvPopulateWrite = 23

// prefault faults the output buffer's pages in on another thread while the
// decoder fills it from the front: page faults on fresh memory cost as much
// as inflating in some virtual machines. It never changes the contents, so
// it may overlap the decoder; the channel closes when it is done. On older
// kernels it is a no-op.
func prefault(b []byte) <-chan struct{} {
	done := make(chan struct{})
	if len(b) < 8<<20 {
		close(done)
		return done
	}
	go func() {
		defer close(done)
		const chunk = 8 << 20
		// Start a little ahead of the decoder and work forward.
		for off := chunk; off < len(b); off += chunk {
			if syscall.Madvise(b[off:min(off+chunk, len(b))], madvPopulateWrite) != nil {
				return
			}
		}
	}()
	return done
}
