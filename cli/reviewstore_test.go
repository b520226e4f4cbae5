package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/saros-review/saros-review/internal/dicomtest"
	"github.com/saros-review/saros-review/internal/silent"
	"github.com/saros-review/saros-review/store/review"
	"github.com/suyashkumar/dicom/pkg/tag"
)

// TestReviewExitsWhenTheStoreIsSilentOrWrong: a PostgreSQL server that
// accepts and never answers makes `review` exit 2 within its timeout with
// a message naming the server; a store setting of another kind (mysql://)
// is refused by name instead of becoming a local SQLite file.
func TestReviewExitsWhenTheStoreIsSilentOrWrong(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ds")
	if code, _, errs := run("demo", dir, "--cases", "1"); code != 0 {
		t.Fatal(errs)
	}
	// The data set has an id (as after its first review) so that reading
	// goes to the server rather than stopping at "no review store yet".
	if _, err := review.DatasetID(dir, true); err != nil {
		t.Fatal(err)
	}
	addr := silent.Server(t)
	t.Setenv("SAROS_REVIEW_TIMEOUT", "1s")
	t.Setenv("SAROS_REVIEW_DB", "postgres://u@"+addr+"/db?sslmode=disable")
	start := time.Now()
	code, out, errs := run("review", dir)
	if code != 2 || out != "" || !strings.Contains(errs, "review store at "+addr+" is not answering (timeout 1s)") {
		t.Errorf("silent server: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %v with a 1 s timeout", took)
	}
	t.Setenv("SAROS_REVIEW_DB", "mysql://u@127.0.0.1/db")
	code, _, errs = run("review", dir)
	if code != 2 || !strings.Contains(errs, `scheme "mysql" is not supported`) {
		t.Errorf("mysql://: exit %d, stderr %q", code, errs)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*", "*.sqlite")); len(m) > 0 {
		t.Errorf("a refused setting left files: %v", m)
	}
}

// TestUsersCommand: on a data set's SQLite store the person is the OS
// user; a typed name cannot become anyone; grant and revoke by an admin.
func TestUsersCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ds")
	if code, _, errs := run("demo", dir, "--cases", "1"); code != 0 {
		t.Fatal(errs)
	}
	t.Setenv("SAROS_REVIEW_DB", "")
	code, out, errs := run("users", dir)
	if code != 0 || !strings.Contains(out, `"users":[]`) {
		t.Fatalf("list: exit %d %q %q", code, out, errs)
	}
	// No admin yet: the OS user of a SQLite store may grant (it is their
	// file), and becomes its first admin (else they would lock themself out).
	if code, _, errs := run("users", dir, "grant", "ann", "annotator"); code != 0 {
		t.Fatalf("grant: %s", errs)
	}
	me := out[strings.Index(out, `"me":"`)+6:]
	me = me[:strings.Index(me, `"`)]
	if _, out, _ := run("users", dir, "list"); !strings.Contains(out, `{"login":"`+me+`","role":"admin"}`) {
		t.Fatalf("the first granter is not the admin: %s", out)
	}
	if code, _, errs := run("users", dir, "grant", "ann", "chief"); code != 2 || !strings.Contains(errs, `unknown role "chief"`) {
		t.Errorf("bad role: exit %d %q", code, errs)
	}
	if code, _, _ := run("users", dir, "grant", "ann"); code != 2 {
		t.Errorf("grant without a role: exit %d", code)
	}
	if code, _, errs := run("users", dir, "revoke", "ann"); code != 0 {
		t.Errorf("revoke: %s", errs)
	}
	if _, out, _ := run("users", dir, "list"); !strings.Contains(out, `"users":[{"login":"`+me+`","role":"admin"}]`) {
		t.Errorf("after revoke: %s", out)
	}
}

// TestImportKeepIdentifiersFlag: import-dicom de-identifies the kept tags
// unless --keep-identifiers.
func TestImportKeepIdentifiersFlag(t *testing.T) {
	src := t.TempDir()
	dicomtest.Series{UID: "1.2.3.4242", Rows: 8, Cols: 8, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 1, N: 4,
		BitsStored: 16, Slope: 1, Inter: -1024, Skip: -1, Value: func(i, j, k int) int { return 1024 },
		Identifiers: map[tag.Tag][]string{tag.PatientName: {"DOE^JANE"}}}.Write(t, src)
	for _, keep := range []bool{false, true} {
		dst := filepath.Join(t.TempDir(), "case_000")
		args := []string{"import-dicom", src, dst}
		if keep {
			args = append(args, "--keep-identifiers")
		}
		if code, _, errs := run(args...); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		b, err := os.ReadFile(filepath.Join(dst, "dicom-tags.json"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "DOE^JANE") != keep {
			t.Errorf("keep %v: tags %s", keep, b)
		}
	}
}
