package nifti

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/klauspost/compress/gzip"

	"github.com/saros-review/saros-review/internal/regular"
)

// Progress is told how many bytes of the file have been consumed so far,
// out of total. It is called from the loading goroutine.
type Progress func(done, total int64)

// Data is a NIfTI file in memory: its header and its voxel bytes, already
// in host byte order (little-endian) and aligned for the datatype.
type Data struct {
	Path   string
	Header *Header
	Bytes  []byte // voxel data, len = voxel count × datatype size
}

// ErrFormat is wrapped by every error about a file that is not a valid,
// supported NIfTI volume (as opposed to I/O errors).
var ErrFormat = errors.New("invalid NIfTI")

// formatError names the file and the problem.
func formatError(path string, err error) error {
	return fmt.Errorf("read %s: %w: %w", path, ErrFormat, err)
}

// isGzip reports whether b starts with the gzip magic number.
func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// ReadHeader reads and checks the header of a .nii or .nii.gz file without
// reading its voxels or its extensions: it reads at most the first 540
// bytes (inflated), so a worklist of many cases stays cheap. The returned
// header's Extra is nil.
func ReadHeader(path string) (*Header, error) {
	if err := checkSettings(); err != nil {
		return nil, err
	}
	f, err := regular.Open(path)
	if err != nil {
		return nil, openError(path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	h, _, _, _, err := readHead(f, st.Size(), false)
	if err != nil {
		return nil, formatOrIO(path, err)
	}
	return h, nil
}

// Load reads a whole .nii or .nii.gz file (recognised by content, not by
// name). progress may be nil.
func Load(path string, progress Progress) (*Data, error) {
	if progress == nil {
		progress = func(int64, int64) {}
	}
	if err := checkSettings(); err != nil {
		return nil, err
	}
	f, err := regular.Open(path)
	if err != nil {
		return nil, openError(path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	size := st.Size()
	h, offset, nbytes, gz, err := readHead(f, size, true)
	if err != nil {
		return nil, formatOrIO(path, err)
	}
	if err := CheckImageBytes(fmt.Sprintf("dims %s of %s", h.dimString(), h.Datatype), nbytes); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var buf []byte
	if gz {
		buf, err = inflateFile(f, size, offset, nbytes, progress)
	} else {
		buf, err = readRaw(f, size, offset, nbytes, progress)
	}
	if err != nil {
		return nil, formatOrIO(path, err)
	}
	if h.ByteOrder == binary.BigEndian {
		swapBytes(buf, h.Datatype.Size())
	}
	progress(size, size)
	return &Data{Path: path, Header: h, Bytes: buf}, nil
}

// checkSettings reports a malformed $SAROS_MAX_VOXELS or
// $SAROS_MAX_MEMORY as what it is, not as a problem of the file.
func checkSettings() error {
	if _, err := MaxVoxels(); err != nil {
		return err
	}
	_, err := MemoryBudget()
	return err
}

// openError names the path once: "read P: no such file or directory"
// rather than "read: stat P: …".
func openError(path string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("read %s: %w", path, pe.Err)
	}
	return fmt.Errorf("read %s: %w", path, err)
}

// ioError marks an error of the operating system, not of the file format.
type ioError struct{ err error }

func (e ioError) Error() string { return e.err.Error() }
func (e ioError) Unwrap() error { return e.err }

func formatOrIO(path string, err error) error {
	var ie ioError
	if errors.As(err, &ie) {
		return fmt.Errorf("read %s: %w", path, ie.err)
	}
	return formatError(path, err)
}

// readHead decodes and validates the header, and reads the extensions when
// withExtra is set, returning the voxel offset and byte count. The header
// is checked against what the file can hold, the voxel cap and the
// extension cap before anything large is allocated.
func readHead(f *os.File, size int64, withExtra bool) (h *Header, offset, nbytes int64, gz bool, err error) {
	if size == 0 {
		return nil, 0, 0, false, errors.New("file is empty")
	}
	var start [2]byte
	if _, err := f.ReadAt(start[:], 0); err != nil && size >= 2 {
		return nil, 0, 0, false, ioError{err}
	}
	gz = isGzip(start[:])
	var r io.Reader = io.NewSectionReader(f, 0, size)
	limit := size
	if gz {
		zr, err := gzip.NewReader(bufio.NewReaderSize(r, 4096))
		if err != nil {
			return nil, 0, 0, true, fmt.Errorf("gzip stream: %w", err)
		}
		r, limit = zr, size*maxDeflateRatio
	}
	hb := make([]byte, Size2)
	n, err := io.ReadFull(r, hb)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, 0, 0, gz, streamError(err, "header")
	}
	if n < Size1 {
		return nil, 0, 0, gz, fmt.Errorf("file holds %d bytes, too short for a NIfTI header (%d)", n, Size1)
	}
	h, err = decodeHeader(hb[:n])
	if err != nil {
		return nil, 0, 0, gz, err
	}
	if err := h.checkScaling(); err != nil {
		return nil, 0, 0, gz, err
	}
	offset, nbytes, err = h.validate(limit)
	if err != nil {
		return nil, 0, 0, gz, err
	}
	if !withExtra {
		return h, offset, nbytes, gz, nil
	}
	// The bytes between header and voxels: already read ones, then the rest.
	have := hb[h.size():n]
	extra := make([]byte, 0, min(offset-int64(h.size()), 1<<20))
	if int64(len(have)) > offset-int64(h.size()) {
		have = have[:offset-int64(h.size())]
	}
	extra = append(extra, have...)
	if rest := offset - int64(h.size()) - int64(len(have)); rest > 0 {
		b, err := io.ReadAll(io.LimitReader(r, rest))
		if err != nil {
			return nil, 0, 0, gz, streamError(err, "extensions")
		}
		if int64(len(b)) < rest {
			return nil, 0, 0, gz, fmt.Errorf("file ends at byte %d, before vox_offset %d", int64(h.size())+int64(len(have))+int64(len(b)), offset)
		}
		extra = append(extra, b...)
	}
	h.Extra = extra
	return h, offset, nbytes, gz, nil
}

func streamError(err error, what string) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("gzip stream ends inside the %s", what)
	}
	if errors.Is(err, gzip.ErrChecksum) {
		return fmt.Errorf("gzip stream is corrupt: its trailer's checksum or size does not match the %s", what)
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return ioError{err}
	}
	return fmt.Errorf("gzip stream (%s): %w", what, err)
}

// readRaw reads the voxel bytes of an uncompressed file.
func readRaw(f *os.File, size, offset, nbytes int64, progress Progress) ([]byte, error) {
	buf := make([]byte, nbytes)
	const chunk = 8 << 20
	for done := int64(0); done < nbytes; {
		n := min(chunk, nbytes-done)
		if _, err := f.ReadAt(buf[done:done+n], offset+done); err != nil {
			if errors.Is(err, io.EOF) {
				return nil, fmt.Errorf("file is truncated: %d bytes of voxel data expected from offset %d, file has %d bytes", nbytes, offset, size)
			}
			return nil, ioError{err}
		}
		done += n
		progress(offset+done, size)
	}
	return buf, nil
}

// inflateStream inflates a gzip file with the pure-Go decoder, writing the
// voxels straight into their buffer. It handles multi-member streams and
// reports progress in compressed bytes consumed.
func inflateStream(f *os.File, size, offset, nbytes int64, progress Progress) ([]byte, error) {
	cr := &countingReader{r: io.NewSectionReader(f, 0, size)}
	zr, err := gzip.NewReader(bufio.NewReaderSize(cr, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("gzip stream: %w", err)
	}
	if _, err := io.CopyN(io.Discard, zr, offset); err != nil {
		return nil, streamError(err, "header")
	}
	// An image far larger than the file (past trustedAlloc) must prove
	// the stream holds it before its buffer is allocated: a forged header
	// or size field costs one pass over what the stream really holds.
	if nbytes > trustedAlloc(size) {
		if err := streamHolds(f, size, offset+nbytes, progress); err != nil {
			return nil, err
		}
	}
	buf := make([]byte, nbytes)
	const chunk = 4 << 20
	for done := int64(0); done < nbytes; {
		n := min(chunk, nbytes-done)
		if got, err := io.ReadFull(zr, buf[done:done+n]); err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
				return nil, fmt.Errorf("file is truncated: gzip stream ends after %d of %d bytes of voxel data", done+int64(got), nbytes)
			}
			return nil, fmt.Errorf("after %d of %d bytes of voxel data: %w", done+int64(got), nbytes, streamError(err, "voxel data"))
		}
		done += n
		progress(min(cr.n, size-1), size)
	}
	return buf, nil
}

// streamHolds inflates the gzip file without keeping anything and
// reports an error unless it yields at least total bytes, telling
// progress a quarter of the compressed bytes it consumed. Images this
// much larger than their file compress extremely well (label maps of one
// value), so the pass is quick.
func streamHolds(f *os.File, size, total int64, progress Progress) error {
	cr := &countingReader{r: io.NewSectionReader(f, 0, size)}
	zr, err := gzip.NewReader(bufio.NewReaderSize(cr, 1<<20))
	if err != nil {
		return fmt.Errorf("gzip stream: %w", err)
	}
	// The first quarter of the progress bar; the second pass reports again.
	var n int64
	for n < total && err == nil {
		var m int64
		m, err = io.CopyN(io.Discard, zr, min(total-n, 16<<20))
		n += m
		progress(cr.n/4, size)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("file is truncated: gzip stream ends after %d bytes, the header needs %d", n, total)
	}
	if err != nil {
		return streamError(err, "voxel data")
	}
	return nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// gzipISize returns the ISIZE field of the last gzip member: the
// uncompressed length modulo 2³².
func gzipISize(f *os.File, size int64) (uint32, error) {
	if size < 18 {
		return 0, errors.New("gzip stream is shorter than its header and trailer")
	}
	var b [4]byte
	if _, err := f.ReadAt(b[:], size-4); err != nil {
		return 0, ioError{err}
	}
	return binary.LittleEndian.Uint32(b[:]), nil
}

// swapBytes reverses the byte order of every element of size es in place.
func swapBytes(b []byte, es int) {
	switch es {
	case 2:
		for i := 0; i+1 < len(b); i += 2 {
			b[i], b[i+1] = b[i+1], b[i]
		}
	case 4:
		for i := 0; i+3 < len(b); i += 4 {
			b[i], b[i+1], b[i+2], b[i+3] = b[i+3], b[i+2], b[i+1], b[i]
		}
	case 8:
		for i := 0; i+7 < len(b); i += 8 {
			b[i], b[i+1], b[i+2], b[i+3], b[i+4], b[i+5], b[i+6], b[i+7] =
				b[i+7], b[i+6], b[i+5], b[i+4], b[i+3], b[i+2], b[i+1], b[i]
		}
	}
}
