package store

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// loadCase opens case_001 of a fresh demo copy.
func loadCase(t *testing.T) (*Case, *Loaded) {
	t.Helper()
	ds, err := Open(filepath.Join(demoCopy(t), "case_001"))
	if err != nil {
		t.Fatal(err)
	}
	c := ds.Cases[0]
	l, err := c.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	return c, l
}

func readPair(t *testing.T, c *Case) [2][]byte {
	t.Helper()
	var out [2][]byte
	for i, p := range []string{c.Regions, c.Parts} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = b
	}
	return out
}

// mark sets the marker voxel of both maps to v: a pair saved together
// carries the same marker in both files.
func mark(l *Loaded, v uint8) {
	k := l.Regions.AnnotatedSlices()[0]
	l.Regions.Set(0, 0, k, v)
	l.Parts.Set(0, 0, k, v)
}

func markers(t *testing.T, c *Case) (regions, parts uint8, l *Loaded) {
	t.Helper()
	l, err := c.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	k := l.Regions.AnnotatedSlices()[0]
	return l.Regions.At(0, 0, k), l.Parts.At(0, 0, k), l
}

func noLeftovers(t *testing.T, c *Case) {
	t.Helper()
	left, _ := filepath.Glob(filepath.Join(c.Dir, ".*.tmp-*"))
	if _, err := os.Stat(filepath.Join(c.Dir, filepath.FromSlash(SaveJournal))); err == nil {
		left = append(left, SaveJournal)
	}
	if len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestFailedSaveLeavesTheOldPair: a fault between the two renames, a full
// disk while writing the second file and a refused fence all leave both old
// files, and the error says so.
func TestFailedSaveLeavesTheOldPair(t *testing.T) {
	for _, fault := range []string{"between renames", "disk full", "fence"} {
		t.Run(fault, func(t *testing.T) {
			c, l := loadCase(t)
			before := readPair(t, c)
			mark(l, 5)
			var fence func() error
			switch fault {
			case "between renames":
				testHookBetweenRenames = func() error { return syscall.EIO }
			case "disk full":
				testHookWriting = func(target string) error {
					if strings.HasSuffix(target, PartsFile) {
						return syscall.ENOSPC
					}
					return nil
				}
			case "fence":
				fence = func() error { return errors.New("the edit lock of case_001 is lost: it was taken by ann2") }
			}
			defer func() { testHookBetweenRenames, testHookWriting = nil, nil }()
			_, err := l.SaveLabelsFenced(l.Regions, l.Parts, fence)
			var se *SaveError
			if !errors.As(err, &se) || se.OnDisk != Unchanged {
				t.Fatalf("want an unchanged-disk save error, got %v", err)
			}
			want := "on disk: nothing changed, body-regions.nii.gz and body-parts.nii.gz are both the previous version"
			if !strings.Contains(err.Error(), want) {
				t.Errorf("message %q does not say %q", err, want)
			}
			after := readPair(t, c)
			if !bytes.Equal(before[0], after[0]) || !bytes.Equal(before[1], after[1]) {
				t.Error("a failed save changed a file")
			}
			noLeftovers(t, c)
		})
	}
}

// TestSaveStuckBetweenTheFilesFinishesOnOpen: when the first rename cannot
// even be undone, the error says which file is new, and opening the case
// finishes the save: both maps are the new pair.
func TestSaveStuckBetweenTheFilesFinishesOnOpen(t *testing.T) {
	c, l := loadCase(t)
	mark(l, 6)
	testHookBetweenRenames = func() error {
		// The kept previous version vanishes, so the undo fails too.
		dirs, _ := filepath.Glob(filepath.Join(c.Dir, filepath.FromSlash(HistoryDir), "*"))
		for _, d := range dirs {
			os.RemoveAll(d)
		}
		return syscall.EIO
	}
	defer func() { testHookBetweenRenames = nil }()
	_, err := l.SaveLabelsFenced(l.Regions, l.Parts, nil)
	testHookBetweenRenames = nil
	var se *SaveError
	if !errors.As(err, &se) || se.OnDisk != Mixed ||
		!strings.Contains(err.Error(), "body-regions.nii.gz is the new version but body-parts.nii.gz is still the previous one") {
		t.Fatalf("want a mixed-disk save error naming the files, got %v", err)
	}
	r, p, l2 := markers(t, c)
	if r != 6 || p != 6 || !strings.Contains(l2.Finished, "finished") {
		t.Errorf("after opening: regions %d, parts %d (%q)", r, p, l2.Finished)
	}
	noLeftovers(t, c)
}

// pairCrashHelper is run as a child by TestKilledBetweenTheTwoFiles: it
// saves pairs with a new marker each time; with SAROS_PAIR_STOP set it
// stops for good between the two renames of its third save, after saying
// so on stdout.
func pairCrashHelper() {
	ds, err := Open(os.Getenv("SAROS_PAIR_CASE"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	c := ds.Cases[0]
	l, err := c.Load(nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	n := 0
	if os.Getenv("SAROS_PAIR_STOP") != "" {
		testHookBetweenRenames = func() error {
			if n == 3 {
				fmt.Println("between")
				select {}
			}
			return nil
		}
	}
	for n = 1; ; n++ {
		mark(l, uint8(1+n%6))
		if _, err := l.SaveLabels(l.Regions, l.Parts); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(4)
		}
	}
}

func init() {
	if os.Getenv("SAROS_PAIR_CASE") != "" {
		pairCrashHelper()
	}
}

// TestKilledBetweenTheTwoFiles kills a process saving pairs, both exactly
// between the two renames and at random moments: opening the case always
// gives one save's pair (the same marker in both maps).
func TestKilledBetweenTheTwoFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	c, _ := loadCase(t)
	rng := rand.New(rand.NewPCG(16, 16))
	for round := 0; round < 8; round++ {
		between := round%2 == 0
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "SAROS_PAIR_CASE="+c.Dir)
		if between {
			cmd.Env = append(cmd.Env, "SAROS_PAIR_STOP=1")
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if between {
			buf := make([]byte, 8)
			if n, _ := out.Read(buf); string(buf[:n]) != "between\n" {
				t.Fatalf("round %d: child said %q: %s", round, buf[:n], stderr.String())
			}
		} else {
			time.Sleep(time.Duration(100+rng.IntN(500)) * time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("round %d: child ended by itself: %s", round, stderr.String())
		}
		if between {
			if _, err := os.Stat(filepath.Join(c.Dir, filepath.FromSlash(SaveJournal))); err != nil {
				t.Fatalf("round %d: killed between the renames but no journal: %v", round, err)
			}
		}
		r, p, l := markers(t, c)
		if r != p {
			t.Fatalf("round %d: regions from one save (marker %d), parts from another (%d)", round, r, p)
		}
		if between && !strings.Contains(l.Finished, "finished") {
			t.Errorf("round %d: opening did not finish the save: %q", round, l.Finished)
		}
		left, _ := filepath.Glob(filepath.Join(c.Dir, ".*.tmp-*"))
		for _, p := range left { // a writer killed mid-write leaves its temporary file
			os.Remove(p)
		}
	}
}

// TestOpeningLeavesALiveSaveAlone: while another process saves the case
// (holding the save lock between its renames), opening it does not
// "finish" that save under its feet; once the save is done, the pair read
// is the new one.
func TestOpeningLeavesALiveSaveAlone(t *testing.T) {
	c, l := loadCase(t)
	mark(l, 4)
	reached, release := make(chan struct{}), make(chan struct{})
	testHookBetweenRenames = func() error {
		close(reached)
		<-release
		return nil
	}
	defer func() { testHookBetweenRenames = nil }()
	done := make(chan error)
	go func() {
		_, err := l.SaveLabels(l.Regions, l.Parts)
		done <- err
	}()
	<-reached
	if did, err := c.FinishSave(); did != "" || err != nil {
		t.Errorf("finishing a live save: %q %v", did, err)
	}
	if _, err := os.Stat(filepath.Join(c.Dir, filepath.FromSlash(SaveJournal))); err != nil {
		t.Fatal("the live save's journal was taken away")
	}
	loaded := make(chan [2]uint8)
	go func() {
		r, p, _ := markers(t, c)
		loaded <- [2]uint8{r, p}
	}()
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := <-loaded; got != [2]uint8{4, 4} {
		t.Errorf("a reader during the save got regions %d, parts %d", got[0], got[1])
	}
	noLeftovers(t, c)
}

// TestSaveIntoAGoneFolderFails: a case folder removed under an open case
// is not made again by saving.
func TestSaveIntoAGoneFolderFails(t *testing.T) {
	c, l := loadCase(t)
	os.RemoveAll(c.Dir)
	var se *SaveError
	if _, err := l.SaveLabels(l.Regions, l.Parts); !errors.As(err, &se) || se.OnDisk != Unchanged {
		t.Fatalf("save into a removed folder: %v", err)
	}
	if _, err := os.Stat(c.Dir); !os.IsNotExist(err) {
		t.Error("saving made the removed case folder again")
	}
}

// TestAutosaveKeepsOnePair: an autosave stopped between its two files
// leaves the previous autosaved pair, whole, as the recovery.
func TestAutosaveKeepsOnePair(t *testing.T) {
	c, l := loadCase(t)
	mark(l, 2)
	if err := c.WriteRecovery(l.Regions, l.Parts); err != nil {
		t.Fatal(err)
	}
	mark(l, 5)
	testHookRecoveryBetweenFiles = func() { panic("killed") }
	func() {
		defer func() { recover() }()
		c.WriteRecovery(l.Regions, l.Parts)
	}()
	testHookRecoveryBetweenFiles = nil
	r, p, err := c.LoadRecovery(l.Regions.Grid)
	if err != nil {
		t.Fatal(err)
	}
	k := l.Regions.AnnotatedSlices()[0]
	if r.At(0, 0, k) != 2 || p.At(0, 0, k) != 2 {
		t.Errorf("recovery after a stopped autosave: regions %d, parts %d", r.At(0, 0, k), p.At(0, 0, k))
	}
	if err := c.WriteRecovery(l.Regions, l.Parts); err != nil {
		t.Fatal(err)
	}
	if r, p, _ := c.LoadRecovery(l.Regions.Grid); r.At(0, 0, k) != 5 || p.At(0, 0, k) != 5 {
		t.Error("the next autosave is not the recovery")
	}
	gens, _ := filepath.Glob(filepath.Join(c.Dir, filepath.FromSlash(RecoveryDir), "g*"))
	if len(gens) != 1 {
		t.Errorf("generations left: %v", gens)
	}
}
