//go:build unix

package nnunet

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// guarded runs f and fails the test, instead of hanging it, when f does
// not return within a generous bound.
func guarded(t *testing.T, what string, f func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-time.After(60 * time.Second):
		t.Fatalf("%s did not return: blocked on a named pipe?", what)
		return nil
	}
}

// TestExportFilesNotRegular: dataset.json, splits_final.json, the record
// and the journal of an export folder that are named pipes or folders are
// refused naming them (Export, Verify, CheckFolds), never read or
// written through; symbolic links there are refused by Export, which
// would write through them out of its folder.
func TestExportFilesNotRegular(t *testing.T) {
	ds := smallDataset(t, 5)
	for _, name := range []string{"dataset.json", "splits_final.json", ManifestFile, JournalFile} {
		for _, kind := range []string{"named pipe", "folder", "symbolic link"} {
			out := t.TempDir()
			r, err := Export(ds, out, Options{Jobs: 1})
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(r.Dir, name)
			os.Remove(p)
			outside := filepath.Join(t.TempDir(), "outside")
			os.WriteFile(outside, []byte(`{"mine": 1}`), 0o644)
			if kind == "folder" {
				os.Mkdir(p, 0o755)
			} else if kind == "symbolic link" {
				os.Symlink(outside, p)
			} else if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Fatal(err)
			}
			err = guarded(t, "Export with "+name+" a "+kind, func() error { _, err := Export(ds, out, Options{Jobs: 1}); return err })
			if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), kind) {
				t.Errorf("Export, %s a %s: %v", name, kind, err)
			}
			if b, _ := os.ReadFile(outside); string(b) != `{"mine": 1}` {
				t.Errorf("%s a link: the file outside was written", name)
			}
			if kind == "symbolic link" {
				continue // reading through a link is fine
			}
			if name == "dataset.json" || name == "splits_final.json" {
				err := guarded(t, "Verify", func() error {
					probs, err := Verify(r.Dir)
					if err == nil {
						err = errorsOf(probs)
					}
					return err
				})
				if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), kind) {
					t.Errorf("Verify, %s a %s: %v", name, kind, err)
				}
			}
			if name == "splits_final.json" {
				err := guarded(t, "CheckFolds", func() error { _, err := CheckFolds(r.Dir); return err })
				if err == nil || !strings.Contains(err.Error(), kind) {
					t.Errorf("CheckFolds, %s a %s: %v", name, kind, err)
				}
			}
		}
	}
}

// errorsOf joins Verify's problems into one error (nil when none).
func errorsOf(probs []string) error {
	if len(probs) == 0 {
		return nil
	}
	return &probError{strings.Join(probs, "; ")}
}

type probError struct{ s string }

func (e *probError) Error() string { return e.s }
