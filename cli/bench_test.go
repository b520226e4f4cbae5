package cli

import (
	"fmt"
	"os"
	"testing"

	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
)

// BenchmarkQCJobs: QC over 8 demo cases (files on disk) with 1 and 2
// jobs; compare the two for the speed-up.
func BenchmarkQCJobs(b *testing.B) {
	dir := b.TempDir()
	if err := store.WriteDemo(dir, 8); err != nil {
		b.Fatal(err)
	}
	ds, err := store.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for _, r := range CheckCases(ds.Cases, qc.DefaultConfig(), jobs, nil) {
					if r.Error != "" {
						b.Fatal(r.Error)
					}
				}
			}
		})
	}
	os.RemoveAll(dir)
}
