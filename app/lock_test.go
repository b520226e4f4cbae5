package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// labelFiles reads both label maps of case_000 of data set dir.
func labelFiles(t *testing.T, dir string) []byte {
	t.Helper()
	var out []byte
	for _, n := range []string{"body-regions.nii.gz", "body-parts.nii.gz"} {
		b, err := os.ReadFile(filepath.Join(dir, "case_000", n))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b...)
	}
	return out
}

// TestSecondWindowCtrlSRefused: the same person's second window opens the
// case read-only; its Ctrl+S (even with the editor's flag forced off)
// writes nothing and the message line says why.
func TestSecondWindowCtrlSRefused(t *testing.T) {
	dir := reviewSet(t)
	c1, shown1, _ := openReviewSet(t, dir, "ann")
	recv(t, shown1).OnOpen(0)
	wait(t, shown1)
	c2, shown2, _ := openReviewSet(t, dir, "ann")
	recv(t, shown2).OnOpen(0)
	s2 := wait(t, shown2)
	if !s2.Editor.Session.ReadOnly || !strings.Contains(s2.message.Text, "opened read-only") {
		t.Fatalf("second window: read-only %v, message %q", s2.Editor.Session.ReadOnly, s2.message.Text)
	}
	before := labelFiles(t, dir)
	s2.Editor.Session.ReadOnly = false
	dabBrain(s2)
	c2.Save()
	settle(t, c2)
	if !strings.Contains(s2.message.Text, "not saved") || !strings.Contains(s2.message.Text, "edit lock") {
		t.Errorf("message %q", s2.message.Text)
	}
	if !bytes.Equal(before, labelFiles(t, dir)) {
		t.Fatal("the second window's Ctrl+S wrote the maps")
	}
	_ = c1
}

// TestExpiredLeaseSaveSaysWhatIsOnDisk: a save after the lease ran out
// (the store's clock moved past it, as after a laptop's sleep) is refused
// by the fence; the message line carries the save error's account of the
// disk and the window turns read-only.
func TestExpiredLeaseSaveSaysWhatIsOnDisk(t *testing.T) {
	dir := reviewSet(t)
	c, shown, _ := openReviewSet(t, dir, "ann")
	recv(t, shown).OnOpen(0)
	s := wait(t, shown)
	if !c.Work.HoldsLock() {
		t.Fatal("no lock")
	}
	before := labelFiles(t, dir)
	dabBrain(s)
	rv := c.Work.Review()
	now := rv.Now
	rv.Now = func() time.Time { return now().Add(time.Hour) } // asleep past the lease
	err := saveResult(t, c, c.Save)
	if err == nil || !strings.Contains(s.message.Text, "on disk: nothing changed") {
		t.Fatalf("save %v, message line %q", err, s.message.Text)
	}
	if !s.Editor.Session.ReadOnly || c.Work.HoldsLock() {
		t.Error("the window is not read-only after losing its lock")
	}
	if !bytes.Equal(before, labelFiles(t, dir)) {
		t.Fatal("a save without a valid lock wrote the maps")
	}
	// Leaving offers no save, only to keep the edits in recovery.
	k := s.Case
	c.ShowWorklist()
	tapButton(t, c, "Leave, keep edits in recovery")
	recv(t, shown)
	if _, ok := k.Loaded.Case.RecoveryTime(); !ok {
		t.Error("the edits are not in the recovery files after leaving")
	}
	if !bytes.Equal(before, labelFiles(t, dir)) {
		t.Fatal("leaving wrote the maps")
	}
}
