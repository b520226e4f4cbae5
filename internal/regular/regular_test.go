//go:build unix

package regular

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestRefusesFIFOAndFolder(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "image.nii.gz")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	for p, want := range map[string]string{fifo: "named pipe", dir: "folder"} {
		_, err := Open(p)
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), p) {
			t.Errorf("Open(%s) = %v, want a %s error naming it", p, err, want)
		}
		if _, err := ReadFile(p, 10); !errors.Is(err, ErrNotRegular) {
			t.Errorf("ReadFile(%s) = %v", p, err)
		}
	}
}

func TestReadFileLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.csv")
	os.WriteFile(p, []byte("0123456789"), 0o644)
	if b, err := ReadFile(p, 10); err != nil || string(b) != "0123456789" {
		t.Fatalf("%q %v", b, err)
	}
	if _, err := ReadFile(p, 9); err == nil || !strings.Contains(err.Error(), "larger than 9 bytes") {
		t.Fatalf("got %v", err)
	}
	link := filepath.Join(filepath.Dir(p), "link.csv")
	os.Symlink(p, link)
	if _, err := Open(link); err != nil {
		t.Fatalf("symlink to a regular file: %v", err)
	}
}
