//go:build unix

package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/saros-review/saros-review/dicomseg"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume/nifti"
)

// runGuarded runs a command and fails the test (instead of hanging it)
// when the command does not return within a generous bound.
func runGuarded(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	type res struct {
		code        int
		out, errors string
	}
	done := make(chan res, 1)
	go func() { c, o, e := run(args...); done <- res{c, o, e} }()
	select {
	case r := <-done:
		return r.code, r.out, r.errors
	case <-time.After(60 * time.Second):
		t.Fatalf("%v did not return: blocked on a named pipe?", args)
		return 0, "", ""
	}
}

// TestFIFOsRefused: a named pipe given as the SEG, a named pipe inside a
// folder of SEGs, and a named pipe given as BOA's vertebrae.json are never
// opened for reading (which blocks until a writer comes): the first and
// last are refused naming the pipe, the folder's pipe is skipped with a
// warning naming it and the folder's SEG is imported.
func TestFIFOsRefused(t *testing.T) {
	demo, segs := t.TempDir(), t.TempDir()
	if code, _, errs := run("demo", demo, "--cases", "1"); code != 0 {
		t.Fatal(errs)
	}
	c := filepath.Join(demo, "case_000")
	if code, _, errs := run("export-seg", c, segs, "--map", "regions"); code != 0 {
		t.Fatal(errs)
	}
	fifo := filepath.Join(t.TempDir(), "s.dcm")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runGuarded(t, "import-seg", fifo, c, "--replace")
	if code != 2 || !strings.Contains(errs, fifo) || !strings.Contains(errs, "named pipe") {
		t.Errorf("import-seg of a named pipe: exit %d, %q", code, errs)
	}
	inFolder := filepath.Join(segs, "pipe.dcm")
	if err := syscall.Mkfifo(inFolder, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runGuarded(t, "import-seg", segs, c, "--replace")
	if code != 0 || !strings.Contains(errs, "warning") || !strings.Contains(errs, inFolder) || !strings.Contains(out, "case_000-regions.dcm") {
		t.Errorf("import-seg of a folder holding a named pipe: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	v := filepath.Join(t.TempDir(), "v.json")
	if err := syscall.Mkfifo(v, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runGuarded(t, "export-bca", c, t.TempDir(), "--vertebrae", v)
	if code != 2 || !strings.Contains(errs, v) || !strings.Contains(errs, "named pipe") {
		t.Errorf("export-bca --vertebrae a named pipe: exit %d, %q", code, errs)
	}
	// A folder given as vertebrae.json is named too.
	code, _, errs = runGuarded(t, "export-bca", c, t.TempDir(), "--vertebrae", segs)
	if code != 2 || !strings.Contains(errs, segs) || !strings.Contains(errs, "folder") {
		t.Errorf("export-bca --vertebrae a folder: exit %d, %q", code, errs)
	}
}

// TestImportSEGTooLargeForCase: a SEG file larger than any SEG of the
// case's grid could be (here a real SEG extended into a sparse file) is
// refused by its size, naming the file and the bound, before it is read.
func TestImportSEGTooLargeForCase(t *testing.T) {
	demo, segs := t.TempDir(), t.TempDir()
	if code, _, errs := run("demo", demo, "--cases", "1"); code != 0 {
		t.Fatal(errs)
	}
	c := filepath.Join(demo, "case_000")
	if code, _, errs := run("export-seg", c, segs, "--map", "regions"); code != 0 {
		t.Fatal(errs)
	}
	seg := filepath.Join(segs, "case_000-regions.dcm")
	cs, err := store.Open(c)
	if err != nil {
		t.Fatal(err)
	}
	h, err := nifti.ReadHeader(cs.Cases[0].Image)
	if err != nil {
		t.Fatal(err)
	}
	limit := dicomseg.MaxSizeFor(h.Grid())
	if err := os.Truncate(seg, limit+1); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runGuarded(t, "import-seg", seg, c, "--replace")
	if code != 2 || !strings.Contains(errs, seg) || !strings.Contains(errs, fmt.Sprintf("more than the %d bytes", limit)) {
		t.Errorf("a SEG of %d bytes: exit %d, %q", limit+1, code, errs)
	}
}

// TestSEGFolderSkipsAggregated: a folder with many named pipes beside its
// SEG names the first ten and counts the rest in one line.
func TestSEGFolderSkipsAggregated(t *testing.T) {
	demo, segs := t.TempDir(), t.TempDir()
	if code, _, errs := run("demo", demo, "--cases", "1"); code != 0 {
		t.Fatal(errs)
	}
	c := filepath.Join(demo, "case_000")
	if code, _, errs := run("export-seg", c, segs, "--map", "regions"); code != 0 {
		t.Fatal(errs)
	}
	for i := 0; i < 25; i++ {
		if err := syscall.Mkfifo(filepath.Join(segs, fmt.Sprintf("p%02d", i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errs := runGuarded(t, "import-seg", segs, c, "--replace")
	if n := strings.Count(errs, "\n"); code != 0 || n != 11 || !strings.Contains(errs, "skipped 15 more entries of "+segs) {
		t.Errorf("exit %d, %d lines: %s", code, n, errs)
	}
}

// TestExportTargetsNotFollowed: export-seg and export-bca, even with
// --force, do not write through an output name that is a symbolic link
// (the file it points to, outside OUT_DIR, stays), nor replace a folder
// or named pipe there; each is refused naming it.
func TestExportTargetsNotFollowed(t *testing.T) {
	demo := t.TempDir()
	if code, _, errs := run("demo", demo, "--cases", "1"); code != 0 {
		t.Fatal(errs)
	}
	c := filepath.Join(demo, "case_000")
	for _, cmd := range []struct{ name, file string }{{"export-seg", "case_000-regions.dcm"}, {"export-bca", BCAJSONFile}} {
		for _, kind := range []string{"symbolic link", "folder", "named pipe"} {
			out := t.TempDir()
			outside := filepath.Join(t.TempDir(), "mine")
			os.WriteFile(outside, []byte("mine"), 0o644)
			p := filepath.Join(out, cmd.file)
			switch kind {
			case "symbolic link":
				os.Symlink(outside, p)
			case "folder":
				os.Mkdir(p, 0o755)
			default:
				syscall.Mkfifo(p, 0o644)
			}
			code, _, errs := runGuarded(t, cmd.name, c, out, "--force")
			if code != 2 || !strings.Contains(errs, p) || !strings.Contains(errs, kind) {
				t.Errorf("%s over a %s: exit %d, %q", cmd.name, kind, code, errs)
			}
			if b, _ := os.ReadFile(outside); string(b) != "mine" {
				t.Errorf("%s wrote through a link out of OUT_DIR", cmd.name)
			}
		}
	}
}

// TestExportsNameWhatIsThere: export-seg and export-bca on a case whose
// body-regions.nii.gz is a link to nothing or a link loop say so.
func TestExportsNameWhatIsThere(t *testing.T) {
	demo := t.TempDir()
	if code, _, errs := run("demo", demo, "--cases", "2"); code != 0 {
		t.Fatal(errs)
	}
	for i, want := range []string{"symbolic link to nothing", "too many levels of symbolic links"} {
		c := filepath.Join(demo, fmt.Sprintf("case_%03d", i))
		p := filepath.Join(c, store.RegionsFile)
		os.Remove(p)
		if i == 0 {
			os.Symlink(filepath.Join(demo, "nowhere"), p)
		} else {
			os.Symlink(p, p)
		}
		for _, args := range [][]string{{"export-seg", c, t.TempDir(), "--map", "regions"}, {"export-bca", c, t.TempDir()}} {
			code, _, errs := run(args...)
			if code != 2 || !strings.Contains(errs, want) || !strings.Contains(errs, p) {
				t.Errorf("%v: exit %d, %q, want %q", args[0], code, errs, want)
			}
		}
	}
}
