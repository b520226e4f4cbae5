package review

import (
	"fmt"
	"testing"
)

// BenchmarkWorklist900: opening the worklist's status columns of 900
// cases (a generated store with assignments, flags and QC counts), from
// SQLite and from a local PostgreSQL.
func BenchmarkWorklist900(b *testing.B) {
	for _, be := range backends(b) {
		b.Run(be.name, func(b *testing.B) {
			s := open(b, be.dsn(b))
			ids := make([]string, 900)
			for i := range ids {
				ids[i] = fmt.Sprintf("case_%03d", i)
			}
			s.AddUser(ctx, "boss", Admin)
			if err := s.EnsureCases(ctx, ids...); err != nil {
				b.Fatal(err)
			}
			for i := 0; i < 900; i += 3 {
				s.Assign(ctx, "boss", ids[i], "ann", "rev")
				s.AddFlag(ctx, Flag{Case: ids[i], Map: "regions", Slice: i % 100, Label: -1, I: -1, J: -1, Category: Other, Comment: "x", Author: "boss"})
				s.SetQCErrors(ctx, ids[i], i%4)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if sum, err := s.Summaries(ctx); err != nil || len(sum) != 900 {
					b.Fatal(err)
				}
			}
		})
	}
}
