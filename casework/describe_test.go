package casework

import (
	"errors"
	"testing"
	"time"
)

// A failure's message names what failed once: "assign case_001: second
// reader: …", not "assign case_001: assign case_001: …" when the store's
// error already says it.
func TestDescribeNamesWhatOnce(t *testing.T) {
	for _, c := range []struct{ what, err, want string }{
		{"assign case_001", "assign case_001: second reader: no role", "assign case_001: second reader: no role"},
		{"assign case_001", "disk full", "assign case_001: disk full"},
		{"flag case_000", "flag case_0001: x", "flag case_000: flag case_0001: x"},
	} {
		if got := describe(c.what, errors.New(c.err), time.Second).Error(); got != c.want {
			t.Errorf("%q + %q: %q, want %q", c.what, c.err, got, c.want)
		}
	}
}
