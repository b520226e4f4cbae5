package hostile

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestQCOneMapUnusable: a case whose body-regions map is missing, a
// folder, a dangling symbolic link or a link loop is not reported clean:
// qc exits 2 naming the map and what is wrong, and still reports the
// checks of the map that is there.
func TestQCOneMapUnusable(t *testing.T) {
	for _, c := range []struct {
		name string
		make func(p string) error
		want string
	}{
		{"missing", func(p string) error { return nil }, "body-regions.nii.gz is missing: only the other label map was checked"},
		{"folder", func(p string) error { return os.Mkdir(p, 0o755) }, "body-regions.nii.gz is a folder, not a file"},
		{"dangling", func(p string) error { return os.Symlink("gone.nii.gz", p) }, "body-regions.nii.gz is a symbolic link to gone.nii.gz, which does not exist"},
		{"loop", func(p string) error { return os.Symlink(filepath.Base(p), p) }, "body-regions.nii.gz is a symbolic link that loops"},
	} {
		t.Run(c.name, func(t *testing.T) {
			set := t.TempDir()
			expect(t, run(t, nil, "demo", set, "--cases", "1"), 0)
			cs := filepath.Join(set, "case_000")
			p := filepath.Join(cs, "body-regions.nii.gz")
			os.Remove(p)
			if err := c.make(p); err != nil {
				t.Fatal(err)
			}
			r := run(t, nil, "qc", cs)
			expect(t, r, 2, "could not check case_000: "+c.want)
			if !strings.Contains(r.stdout, `"findings":[{`) {
				t.Errorf("the parts map's findings are not reported: %s", clip(r.stdout))
			}
		})
	}
}

// TestHostileCSV: a data set CSV past 64 MiB, a 2 MiB line, binary junk,
// a folder or a FIFO named like the CSV is named with the problem by qc
// and review, within the budget, instead of being read whole (a 200 MB
// CSV took 2.2 GB and died) or ignored.
func TestHostileCSV(t *testing.T) {
	good := t.TempDir()
	expect(t, run(t, nil, "demo", good, "--cases", "1"), 0)
	csvName := "Segmentation Info.csv"
	for _, c := range []struct {
		name string
		make func(p string) error
		want string
	}{
		{"200MB", func(p string) error {
			// A sparse file: 200 MB to stat and read, nothing on disk.
			if err := os.WriteFile(p, []byte("id,split\n"), 0o644); err != nil {
				return err
			}
			return os.Truncate(p, 200<<20)
		}, "the CSV is 200.0 MiB, more than the 64.0 MiB a data set's CSV may be"},
		{"long-line", func(p string) error {
			return os.WriteFile(p, append([]byte("id,split\n0,"), bytes.Repeat([]byte("x"), 2<<20)...), 0o644)
		}, "line 2 is longer than 1.0 MiB"},
		{"many-values", func(p string) error {
			return os.WriteFile(p, append([]byte("id\n"), bytes.Repeat([]byte(",,,,,,,,,,,,,,,,,,,\n"), 60000)...), 0o644)
		}, "the CSV holds more than 1000000 values"},
		{"junk", func(p string) error { return os.WriteFile(p, Noise(4096), 0o644) }, "not a text CSV"},
		{"folder", func(p string) error { return os.Mkdir(p, 0o755) }, csvName + " is a folder, not a CSV file"},
		{"fifo", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "is a named pipe (FIFO), not a regular file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			set := t.TempDir()
			if err := os.CopyFS(set, os.DirFS(good)); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(set, csvName)
			os.Remove(p)
			if err := c.make(p); err != nil {
				t.Fatal(err)
			}
			r0 := run(t, nil, "qc", set)
			expect(t, r0, r0.code, c.want)
			r := run(t, nil, "review", set)
			expect(t, r, r.code, c.want)
		})
	}
}

// TestDatasetIDFile: review on a data set whose .saros-review/dataset.json
// is a FIFO or holds a 100 MB id names the file and the problem at once,
// within the budget (it hung, or took 5 s and printed the whole id).
func TestDatasetIDFile(t *testing.T) {
	for _, c := range []struct {
		name string
		make func(p string) error
		want string
	}{
		{"fifo", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "dataset.json: is a named pipe (FIFO), not a regular file"},
		{"huge-id", func(p string) error {
			// Written a mebibyte at a time: the test process's own memory
			// counts in the binary's peak (it forks from it).
			f, err := os.Create(p)
			if err != nil {
				return err
			}
			f.WriteString(`{"id":"`)
			chunk := bytes.Repeat([]byte("x"), 1<<20)
			for i := 0; i < 100; i++ {
				f.Write(chunk)
			}
			f.WriteString(`"}`)
			return f.Close()
		}, "dataset.json: file is larger than"},
		{"long-id", func(p string) error {
			return os.WriteFile(p, []byte(`{"id":"`+strings.Repeat("x", 10000)+`"}`), 0o644)
		}, `is not a UUID`},
	} {
		t.Run(c.name, func(t *testing.T) {
			set := t.TempDir()
			write(t, set, "case_000/image.nii", append(NiftiHeader([3]int{4, 4, 4}, Int16), make([]byte, 128)...))
			os.MkdirAll(filepath.Join(set, ".saros-review"), 0o755)
			if err := c.make(filepath.Join(set, ".saros-review", "dataset.json")); err != nil {
				t.Fatal(err)
			}
			r := run(t, nil, "review", set)
			expect(t, r, 2, c.want)
			if len(r.stderr) > 1000 {
				t.Errorf("stderr is %d bytes", len(r.stderr))
			}
		})
	}
}
