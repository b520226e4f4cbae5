package nifti

import (
	"fmt"
	"os"
	"strconv"
	"sync"
)

// DefaultMaxVoxels is the default cap on voxels per image: a 1024×1024×3000
// volume, larger than any plausible CT (3000 slices of 1024² at int16 are
// 6 GiB). Headers claiming more are refused before anything is allocated.
const DefaultMaxVoxels = 1024 * 1024 * 3000

// MaxVoxelsEnv names the environment variable that raises (or lowers) the
// cap on voxels per image.
const MaxVoxelsEnv = "SAROS_MAX_VOXELS"

// MaxExtensionBytes caps the bytes between the header and the voxels (the
// extension flag and the extensions) that a reader will hold in memory. Real
// extensions (DICOM dumps, JSON sidecars) are kilobytes; a vox_offset past
// this is refused rather than read.
const MaxExtensionBytes = 16 << 20

// trustedRatio and trustedBytes bound the output buffer allocated before
// any data is inflated: up to max(trustedBytes, trustedRatio × compressed
// size). A larger image (a label map of mostly one value compresses far
// better) grows its buffer as the stream actually delivers data, so a
// small file that claims a huge image costs only what it really holds.
const (
	trustedRatio = 16
	trustedBytes = 1 << 20
)

var maxVoxels = sync.OnceValues(func() (int64, error) {
	s := os.Getenv(MaxVoxelsEnv)
	if s == "" {
		return DefaultMaxVoxels, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 {
		return DefaultMaxVoxels, fmt.Errorf("%s=%q is not a positive whole number of voxels", MaxVoxelsEnv, s)
	}
	return n, nil
})

// MaxVoxels returns the cap on voxels per image: DefaultMaxVoxels, or the
// value of $SAROS_MAX_VOXELS. A malformed value is an error (and the
// default applies), so a typo is never silently a different cap.
func MaxVoxels() (int64, error) { return maxVoxels() }

// trustedAlloc is how many output bytes may be allocated up front for a
// gzip file of the given compressed size.
func trustedAlloc(size int64) int64 {
	if size > (1<<62)/trustedRatio {
		return 1 << 62
	}
	return max(trustedBytes, size*trustedRatio)
}
