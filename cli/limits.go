package cli

import (
	"fmt"
	"runtime"
)

// jobsPerCore bounds --jobs: each worker holds a whole case in memory
// (about 200 MB for a 512×512×600 CT and its maps), so more workers than
// a few per core only add memory, never speed.
const jobsPerCore = 4

// checkJobs returns an error naming the allowed range when n workers are
// not between 1 and jobsPerCore × the cores of this machine.
func checkJobs(n int) error {
	hi := jobsPerCore * runtime.NumCPU()
	if n < 1 || n > hi {
		return fmt.Errorf("--jobs %d is out of range: use 1 to %d (%d per core, %d cores here)", n, hi, jobsPerCore, runtime.NumCPU())
	}
	return nil
}
