package casework

import (
	"testing"

	"github.com/saros-review/saros-review/annotate"
)

// BenchmarkRescoreOwnerCopy is what the owner's goroutine (the UI
// thread) pays per edit for the Compare table to follow a whole-body
// sized case (512×512×600, every fifth slice annotated): a snapshot of
// the annotated slices, beside its peer, copying both whole maps.
func BenchmarkRescoreOwnerCopy(b *testing.B) {
	const nx, ny, nz = 512, 512, 600
	per := nx * ny
	maps := [2][]uint8{make([]uint8, per*nz), make([]uint8, per*nz)}
	for m := range maps {
		for k := 0; k < nz; k++ {
			v := uint8(255)
			if k%5 == 0 {
				v = uint8(1 + m)
			}
			sl := maps[m][k*per : (k+1)*per]
			for i := range sl {
				sl[i] = v
			}
		}
	}
	b.Run("snapshot", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			_ = [2]annotate.Snapshot{annotate.NewSnapshot(maps[0], per), annotate.NewSnapshot(maps[1], per)}
		}
	})
	b.Run("clone", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			_ = [2][]uint8{clone(maps[0]), clone(maps[1])}
		}
	})
}
