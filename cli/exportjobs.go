package cli

import (
	"fmt"
	"runtime"
)

// exportJobsPerCore bounds --jobs of the export commands as qc and stats
// bound theirs: each worker holds a whole case in memory, so more than a
// few per core only add memory, never speed.
const exportJobsPerCore = 4

// checkExportJobs returns an error naming the allowed range when n workers
// are not between 1 and exportJobsPerCore × the cores of this machine.
func checkExportJobs(n int) error {
	hi := exportJobsPerCore * runtime.NumCPU()
	if n < 1 || n > hi {
		return fmt.Errorf("--jobs %d is out of range: use 1 to %d (%d per core, %d cores here)", n, hi, exportJobsPerCore, runtime.NumCPU())
	}
	return nil
}
