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

// trustedRatio and trustedBytes bound the voxel buffer allocated before
// the gzip stream has shown it holds that much: up to max(trustedBytes,
// trustedRatio × compressed size). Up to trustedRatio × the file, the
// buffer's pages are faulted in ahead of the decoder (prefault); above it
// they are left to be touched as data arrives, so a forged header or size
// field costs resident memory only for what the stream really inflates to.
// A larger image (a big label map of mostly one value) is first inflated
// without being kept (streamHolds), so no claim is ever allocated on trust
// beyond trustedBytes.
const trustedRatio = 16

// trustedBytes is a variable only so tests can lower it.
var trustedBytes int64 = 256 << 20

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

// plausibleAlloc is how many output bytes a gzip file of the given
// compressed size plausibly holds (and may be faulted in ahead).
func plausibleAlloc(size int64) int64 {
	if size > (1<<62)/trustedRatio {
		return 1 << 62
	}
	return size * trustedRatio
}

// trustedAlloc is how many output bytes may be allocated before the
// stream has shown it holds them.
func trustedAlloc(size int64) int64 { return max(trustedBytes, plausibleAlloc(size)) }
