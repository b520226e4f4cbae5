//go:build unix

package store

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadDeidentificationRefusesSpecialAndHugeFiles: a named pipe in
// place of the record is an error naming it at once (reading it would
// wait for a writer forever), a record past the cap is refused by size,
// and a missing record is no error.
func TestReadDeidentificationRefusesSpecialAndHugeFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, DeidentificationFile)
	if d, err := ReadDeidentification(dir); d != nil || err != nil {
		t.Fatalf("missing record: %v, %v", d, err)
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	if _, err := ReadDeidentification(dir); err == nil || !strings.Contains(err.Error(), "named pipe") || !strings.Contains(err.Error(), p) {
		t.Errorf("FIFO: %v, want an error naming the pipe", err)
	}
	os.Remove(p)
	big := make([]byte, maxDeidentificationBytes+1)
	for i := range big {
		big[i] = ' '
	}
	if err := os.WriteFile(p, big, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadDeidentification(dir); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("oversized record: %v", err)
	}
	if err := os.WriteFile(p, []byte(`{"profile":"basic"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadDeidentification(dir); err != nil {
		t.Errorf("small record: %v", err)
	}
}
