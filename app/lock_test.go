package app

import (
	"bytes"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// teamDBs are the review stores of the lock tests: "" (the data set's own
// SQLite file) and, when the PostgreSQL server of make test runs
// (SAROS_REVIEW_TEST_PG), a fresh database on it.
func teamDBs(t *testing.T) []string {
	pg := os.Getenv("SAROS_REVIEW_TEST_PG")
	if pg == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("SAROS_REVIEW_TEST_PG is not set: under CI the PostgreSQL tests must run")
		}
		return []string{""}
	}
	admin, err := sql.Open("pgx", pg)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("app_%d_%d", time.Now().UnixNano(), rand.IntN(1e6))
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	return []string{"", strings.Replace(pg, "/postgres?", "/"+name+"?", 1)}
}

// openTeamSet opens data set dir with the review store dsn ("" for its
// SQLite file) in a new window.
func openTeamSet(t *testing.T, dir, dsn string) (*Controller, *tester) {
	t.Setenv("SAROS_REVIEW_DB", "")
	c, shown := controller(t)
	c.App.Preferences().SetString(prefDB, dsn)
	c.OpenPath(dir)
	return c, shown
}

// backName names a store of teamDBs in subtests.
func backName(dsn string) string {
	if dsn == "" {
		return "sqlite"
	}
	return "postgres"
}

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
	for _, dsn := range teamDBs(t) {
		t.Run(backName(dsn), func(t *testing.T) { secondWindowCtrlSRefused(t, dsn) })
	}
}

func secondWindowCtrlSRefused(t *testing.T, dsn string) {
	dir := reviewSet(t)
	c1, shown1 := openTeamSet(t, dir, dsn)
	recv(t, shown1).OnOpen(0)
	wait(t, shown1)
	c2, shown2 := openTeamSet(t, dir, dsn)
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
	for _, dsn := range teamDBs(t) {
		t.Run(backName(dsn), func(t *testing.T) { expiredLeaseSave(t, dsn) })
	}
}

func expiredLeaseSave(t *testing.T, dsn string) {
	dir := reviewSet(t)
	c, shown := openTeamSet(t, dir, dsn)
	recv(t, shown).OnOpen(0)
	s := wait(t, shown)
	if !c.Work.HoldsLock() {
		t.Fatal("no lock")
	}
	before := labelFiles(t, dir)
	dabBrain(s)
	// Asleep past the lease: the store's clock on SQLite; on PostgreSQL,
	// whose server clock a test cannot move, the lease moved back.
	rv := c.Work.Review()
	if dsn == "" {
		now := rv.Now
		rv.Now = func() time.Time { return now().Add(time.Hour) }
	} else {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.Exec(`UPDATE locks SET expires = expires - $1 WHERE dataset = $2`, time.Hour.Milliseconds(), rv.Dataset())
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
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

// TestCaseFolderOpensInItsDataSet: a second window opened straight on the
// case folder (as the README allows, or a file manager does) is in the
// data set's review store too, so it finds the case locked, opens it
// read-only and its Ctrl+S writes nothing (found by a fresh-eyes test,
// where such a window saved over the lock holder's case).
func TestCaseFolderOpensInItsDataSet(t *testing.T) {
	dir := reviewSet(t)
	_, shown1 := openTeamSet(t, dir, "")
	recv(t, shown1).OnOpen(0)
	wait(t, shown1)
	c2, shown2 := openTeamSet(t, filepath.Join(dir, "case_000"), "")
	s2 := wait(t, shown2)
	if c2.Work.Review() == nil || !s2.Editor.Session.ReadOnly {
		t.Fatalf("case folder opened without its data set's store (store %v, read-only %v)", c2.Work.Review(), s2.Editor.Session.ReadOnly)
	}
	before := labelFiles(t, dir)
	s2.Editor.Session.ReadOnly = false
	dabBrain(s2)
	c2.Save()
	settle(t, c2)
	if !bytes.Equal(before, labelFiles(t, dir)) {
		t.Fatal("a window opened on the case folder saved over the lock holder's case")
	}
}
