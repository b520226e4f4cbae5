package nifti

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// machineMemory is the smallest of physical memory, the cgroup's
// memory.max and the address space left under RLIMIT_AS.
func machineMemory() int64 {
	var si syscall.Sysinfo_t
	budget := int64(1) << 62
	if syscall.Sysinfo(&si) == nil && si.Totalram > 0 {
		budget = int64(si.Totalram) * int64(si.Unit)
	}
	if b, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && n > 0 {
			budget = min(budget, n)
		}
	}
	var rl syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_AS, &rl) == nil && rl.Cur < 1<<62 {
		// The runtime and the GUI libraries have reserved address space
		// already; only what is left can hold voxels.
		budget = min(budget, int64(rl.Cur)-vmSize())
	}
	return max(budget, 64<<20)
}

// vmSize is the address space the process has reserved (VmSize).
func vmSize() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmSize:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
