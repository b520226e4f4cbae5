package nifti

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
)

// MaxMemoryEnv names the environment variable that sets the memory budget
// (bytes, or with a K, M, G or T suffix in binary units) in place of the
// one measured from the machine.
const MaxMemoryEnv = "SAROS_MAX_MEMORY"

// imageShare is the part of the memory budget one image's voxels may take:
// a command holds the CT and both label maps, and some convert the CT to a
// wider type (float32 is 4× uint8), so one image gets an eighth.
const imageShare = 8

var memoryBudget = sync.OnceValues(func() (int64, error) {
	if s := strings.TrimSpace(os.Getenv(MaxMemoryEnv)); s != "" {
		n, ok := parseBytes(s)
		if !ok {
			return machineMemory(), fmt.Errorf("%s=%q is not a number of bytes (such as 8G or 512M)", MaxMemoryEnv, s)
		}
		return n, nil
	}
	return machineMemory(), nil
})

// MemoryBudget returns how much memory a command may plan to use: the
// machine's physical memory, or less when the process runs under a limit
// (a cgroup's memory.max, or an address-space limit less the address space
// already reserved), or $SAROS_MAX_MEMORY when set. A malformed value is an
// error (and the measured budget applies).
func MemoryBudget() (int64, error) { return memoryBudget() }

// MaxImageBytes is the most voxel bytes one image may hold in memory: an
// eighth of MemoryBudget.
func MaxImageBytes() (int64, error) {
	b, err := MemoryBudget()
	return b / imageShare, err
}

// CheckImageBytes refuses an image of nbytes voxel bytes (described by
// what, such as "dims 1024×1024×3000 of int16") that does not fit the
// memory budget, before anything is allocated for it.
func CheckImageBytes(what string, nbytes int64) error {
	limit, err := MaxImageBytes()
	if err != nil {
		return err
	}
	if nbytes > limit {
		b, _ := MemoryBudget()
		return fmt.Errorf("%s need %s of memory, more than the %s one image may take on this machine (an eighth of its %s memory budget; set %s, such as %s=%dG, to raise it)",
			what, byteSize(nbytes), byteSize(limit), byteSize(b), MaxMemoryEnv, MaxMemoryEnv, max(1, (nbytes*imageShare+(1<<30)-1)>>30))
	}
	return nil
}

// parseBytes reads "123", "512M", "8G", "8GiB" or "1T" as bytes.
func parseBytes(s string) (int64, bool) {
	s = strings.TrimSuffix(strings.TrimSuffix(strings.ToUpper(s), "B"), "I")
	shift := 0
	if n := len(s); n > 0 {
		switch s[n-1] {
		case 'K':
			shift = 10
		case 'M':
			shift = 20
		case 'G':
			shift = 30
		case 'T':
			shift = 40
		}
		if shift > 0 {
			s = s[:n-1]
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 1 || n > (1<<62)>>shift {
		return 0, false
	}
	return n << shift, true
}
