package casework

import (
	"path/filepath"
	"testing"
)

// TestReaderDirRefusesPathLogins: a login that would leave the readers
// folder (or name none) is refused; others get their own folder.
func TestReaderDirRefusesPathLogins(t *testing.T) {
	for _, bad := range []string{"", ".", "..", "../x", "a/b", `a\b`, "a\x00b"} {
		if d, err := ReaderDir("/data/case_000", bad); err == nil {
			t.Errorf("login %q gave folder %s", bad, d)
		}
	}
	d, err := ReaderDir("/data/case_000", "bob")
	if err != nil || d != filepath.Join("/data/case_000", ".saros-review", "readers", "bob") {
		t.Fatalf("%s %v", d, err)
	}
}
