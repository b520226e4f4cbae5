// Package regular opens only regular files: a named pipe, socket, device
// or folder where an image, label map, CSV or rules file is expected gets
// an error naming the path and what it is, instead of a read that blocks
// forever (a FIFO) or never ends (a device).
package regular

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular is wrapped by every error about a path that exists but is
// not a regular file.
var ErrNotRegular = errors.New("not a regular file")

// kindError says what a path is instead of a regular file.
type kindError struct{ kind string }

func (e kindError) Error() string { return "is " + e.kind + ", not a regular file" }
func (e kindError) Unwrap() error { return ErrNotRegular }

// kind names a non-regular file mode in a user's words.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeIrregular != 0:
		return "an irregular file"
	}
	return fmt.Sprintf("a special file (mode %v)", m)
}

// Check returns nil when path (after following symbolic links) is a
// regular file, else an *fs.PathError saying what it is, or the error of
// stat.
func Check(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return &fs.PathError{Op: "open", Path: path, Err: kindError{kind(st.Mode())}}
	}
	return nil
}

// Open opens path for reading if it is a regular file. It checks before
// opening (opening a FIFO blocks until a writer appears) and again on the
// open file, so a path swapped in between is caught too.
func Open(path string) (*os.File, error) {
	if err := Check(path); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: path, Err: kindError{kind(st.Mode())}}
	}
	return f, nil
}

// ReadFile reads a regular file of at most limit bytes; a larger file is
// an error naming its size and the limit, read no further than the limit.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("file is larger than %d bytes, the most read for this kind of file", limit)}
	}
	return b, nil
}
