//go:build !linux

package nifti

// machineMemory is not measured off Linux: the budget is large and only
// $SAROS_MAX_MEMORY lowers it.
func machineMemory() int64 { return 1 << 40 }
