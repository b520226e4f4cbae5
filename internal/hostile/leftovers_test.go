package hostile

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// backdate makes the entries two hours old, as a killed run's leftovers
// found the next day.
func backdate(t *testing.T, paths ...string) {
	t.Helper()
	old := time.Now().Add(-2 * time.Hour)
	for _, p := range paths {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
}

// TestImportTargets: import-dicom refuses the data set folder itself and a
// case name the data set would not show (case_7, case_0007), naming the
// next free case folder; nothing is written.
func TestImportTargets(t *testing.T) {
	src := t.TempDir()
	goodSeries(t, src)
	set := t.TempDir()
	expect(t, run(t, nil, "demo", set, "--cases", "2"), 0)
	before := snapshot(t, set)
	for _, c := range []struct{ dst, want string }{
		{set, "it is a data set folder (it holds case folders or a Segmentation Info CSV); import into a new case folder inside it, such as " + filepath.Join(set, "case_002")},
		{filepath.Join(set, "case_7"), "case_7 is inside a data set, where case folders are named case_ and three digits"},
		{filepath.Join(set, "case_0001"), "case_0001 is inside a data set, where case folders are named case_ and three digits"},
		{filepath.Join(set, "scan"), "scan is inside a data set"},
	} {
		expect(t, run(t, nil, "import-dicom", src, c.dst), 2, c.want, "nothing was written")
	}
	sameFiles(t, "refused imports", before, snapshot(t, set))
	expect(t, run(t, nil, "import-dicom", src, filepath.Join(set, "case_002")), 0)
}

// TestLeftoversCleaned: the hidden temporaries a killed import or demo
// left (a build folder beside the case, a half-written file inside it)
// are removed by the next import into that data set, --replace included.
func TestLeftoversCleaned(t *testing.T) {
	src := t.TempDir()
	goodSeries(t, src)
	set := t.TempDir()
	expect(t, run(t, nil, "demo", set, "--cases", "1"), 0)
	build := filepath.Join(set, ".case_030.tmp-99999-7")
	half := filepath.Join(set, "case_000", ".image.nii.gz.tmp-99999-5")
	csvTmp := filepath.Join(set, ".Segmentation Info.csv.tmp-99999-123")
	write(t, set, filepath.Join(".case_030.tmp-99999-7", ".image.nii.gz.tmp-99999-8"), make([]byte, 1<<20))
	write(t, set, filepath.Join("case_000", ".image.nii.gz.tmp-99999-5"), make([]byte, 1<<20))
	write(t, set, ".Segmentation Info.csv.tmp-99999-123", []byte("id\n"))
	userFile := write(t, set, ".notes.tmp-draft", []byte("mine"))
	backdate(t, build, half, csvTmp, userFile)
	expect(t, run(t, nil, "import-dicom", src, filepath.Join(set, "case_000"), "--replace"), 0)
	for _, p := range []string{build, half, csvTmp} {
		if _, err := os.Lstat(p); !os.IsNotExist(err) {
			t.Errorf("%s left after the next import", p)
		}
	}
	if _, err := os.Stat(userFile); err != nil {
		t.Errorf("a user's file was removed: %v", err)
	}
}

// TestKilledDemo: a demo killed while it writes leaves no half data set:
// DIR does not exist, so the same command run again succeeds, and the
// hidden build folder it left beside DIR is removed by a later run once
// it is stale.
func TestKilledDemo(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "demo")
	cmd := exec.Command(bin, "demo", dir, "--cases", "40")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "LANG=C.UTF-8"}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once its first case is in the build folder.
	var leftover string
	deadline := time.Now().Add(20 * time.Second)
	for leftover == "" && time.Now().Before(deadline) {
		m, _ := filepath.Glob(filepath.Join(parent, ".demo.tmp-*", "case_000"))
		if len(m) > 0 {
			leftover = filepath.Dir(m[0])
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if leftover == "" {
		t.Fatal("the demo's build folder never appeared")
	}
	if _, err := os.Lstat(dir); !os.IsNotExist(err) {
		t.Fatalf("a killed demo left %s (%v)", dir, err)
	}
	expect(t, run(t, nil, "demo", dir, "--cases", "1"), 0)
	backdate(t, leftover)
	expect(t, run(t, nil, "demo", filepath.Join(parent, "demo2"), "--cases", "1"), 0)
	if _, err := os.Lstat(leftover); !os.IsNotExist(err) {
		t.Errorf("the killed demo's %s is still there", leftover)
	}
	entries, _ := os.ReadDir(parent)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "demo demo2" {
		t.Errorf("parent holds %v", names)
	}
}

// TestImportVoxelCap: SAROS_MAX_VOXELS bounds import-dicom's output too;
// nothing is written.
func TestImportVoxelCap(t *testing.T) {
	src := t.TempDir()
	goodSeries(t, src)
	dst := filepath.Join(t.TempDir(), "case")
	r := run(t, []string{"SAROS_MAX_VOXELS=1000"}, "import-dicom", src, dst)
	expect(t, r, 2, "series 1.2.3.4.99 is 24×32×12 = 9216 voxels, more than the cap of 1000 voxels per image (set SAROS_MAX_VOXELS to raise it); nothing was written")
	if _, err := os.Lstat(dst); !os.IsNotExist(err) {
		t.Errorf("%s was made", dst)
	}
}

// TestLocaleNoise: a headless command under a locale the C library does
// not have (LANG=de_DE.UTF-8 where only C.UTF-8 is installed) prints only
// its output and errors, no GTK locale warning; so does the C locale.
func TestLocaleNoise(t *testing.T) {
	if _, err := os.Stat("/usr/lib/locale/de_DE.utf8"); err == nil {
		t.Skip("de_DE.UTF-8 is installed here")
	}
	missing := filepath.Join(t.TempDir(), "none.nii.gz")
	for _, lang := range []string{"de_DE.UTF-8", "C.UTF-8"} {
		r := run(t, []string{"LANG=" + lang}, "info", missing)
		expect(t, r, 2, "read "+missing+": no such file or directory")
		if strings.Contains(r.stderr, "Gtk") || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("LANG=%s: stderr %q", lang, r.stderr)
		}
	}
}

// TestQCOfCaseFolderCounted: qc run on one case folder of a data set
// records its error count where review reads it (review showed 0 while
// qc found errors).
func TestQCOfCaseFolderCounted(t *testing.T) {
	set := t.TempDir()
	expect(t, run(t, nil, "demo", set, "--cases", "1"), 0)
	r := run(t, nil, "qc", filepath.Join(set, "case_000"), "--format", "csv")
	expect(t, r, 1)
	errs := 0
	seen := map[string]bool{}
	for _, line := range strings.Split(r.stdout, "\n") {
		f := strings.Split(line, ",")
		if len(f) > 3 && f[3] == "error" && !seen[f[1]] {
			seen[f[1]] = true
			errs++
		}
	}
	r = run(t, nil, "review", set, "--format", "csv")
	expect(t, r, 0)
	if want := fmt.Sprintf("case_000,new,,,0,%d", errs); errs == 0 || !strings.Contains(r.stdout, want) {
		t.Errorf("review says %q, want %q", r.stdout, want)
	}
}
