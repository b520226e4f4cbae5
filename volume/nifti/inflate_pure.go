//go:build !cgo || !linux || nolibdeflate

package nifti

import "os"

// Inflater names the gzip decoder this build uses.
const Inflater = "klauspost/compress (pure Go)"

// inflateFile inflates with the pure-Go streaming decoder where libdeflate
// is not linked (no cgo, Windows and macOS builds, or -tags nolibdeflate).
func inflateFile(f *os.File, size, offset, nbytes int64, progress Progress) ([]byte, error) {
	return inflateStream(f, size, offset, nbytes, progress)
}
