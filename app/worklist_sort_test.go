package app

import (
	"sort"
	"testing"
)

// Sorting a worklist column orders cells by the number they start with
// (slice progress, QC counts, negative values in a CSV column), then as
// text; empty cells last.
func TestCellLessOrdersNumbersFirst(t *testing.T) {
	cells := []string{"", "37 of 46", "9 of 46 · 2 to fix", "10", "-3", "9 of 46", "case_001", "2"}
	sort.SliceStable(cells, func(i, j int) bool { return cellLess(cells[i], cells[j]) })
	want := []string{"-3", "2", "9 of 46", "9 of 46 · 2 to fix", "10", "37 of 46", "case_001", ""}
	for i := range want {
		if cells[i] != want[i] {
			t.Fatalf("sorted %q, want %q", cells, want)
		}
	}
}
