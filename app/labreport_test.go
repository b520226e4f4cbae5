package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/internal/labdemo"
	"github.com/saros-review/saros-review/store/review"
)

// TestLabReportView: on a data set whose review store holds the history
// of three annotators and a reviewer (SQLite, names trusted as the
// generator writes them), File › Lab report… shows a row per annotator
// with the store's numbers, and Export CSV… writes what
// review.WriteReportCSV writes.
func TestLabReportView(t *testing.T) {
	dir := reviewSet(t)
	t.Setenv(review.EnvDB, "")
	if _, err := labdemo.Fill(context.Background(), dir, []string{"case_000", "case_001", "case_002"}); err != nil {
		t.Fatal(err)
	}
	c, _, lists := openReviewSet(t, dir, "whoever")
	recv(t, lists)
	if c.Work.Role() != review.Admin {
		t.Fatalf("the generator's login opens as %s", c.Work.Role())
	}
	menuAction(t, c, "Lab report…")()
	settle(t, c)
	v := c.shell.labView
	if v == nil {
		t.Fatal("no lab report shown")
	}
	want, err := c.Work.Review().LabReport(context.Background())
	if err != nil || len(want) != 3 || len(v.Rows) != 3 {
		t.Fatalf("report %d rows, store %d (%v)", len(v.Rows), len(want), err)
	}
	cell := widget.NewLabel("")
	text := func(r, col int) string {
		v.table.UpdateCell(widget.TableCellID{Row: r, Col: col}, cell)
		return cell.Text
	}
	// ann: case_000, 4 slices in 30 active minutes, submitted twice with
	// no QC errors, returned once, read twice (Dice 0.9 and 0.7).
	for col, w := range []string{"ann", "1", "4", "0.50", "8.0", "2", "0", "0.00", "1", "50 %", "1", "0.800", "0.900"} {
		if got := text(0, col); got != w {
			t.Errorf("ann, %s: %q, want %q", labCols[col], got, w)
		}
	}
	// chen: case_002, 6 slices in 34+10 minutes, 2 QC errors at the first
	// submit, returned once, never double read.
	for col, w := range []string{"chen", "1", "6", "0.73", "8.2", "2", "2", "1.00", "1", "50 %", "0", "–", "–"} {
		if got := text(2, col); got != w {
			t.Errorf("chen, %s: %q, want %q", labCols[col], got, w)
		}
	}
	if text(1, 0) != "ben" || text(1, 6) != "1" || text(1, 9) != "0 %" {
		t.Errorf("ben: %q QC %q returns %q", text(1, 0), text(1, 6), text(1, 9))
	}
	// ben also read case_000 as its second reader: 2 cases, 5+4 slices,
	// 27+25 active minutes.
	for col, w := range map[int]string{1: "2", 2: "9", 3: "0.87", 4: "10.4"} {
		if got := text(1, col); got != w {
			t.Errorf("ben, %s: %q, want %q", labCols[col], got, w)
		}
	}
	// Export CSV… writes the store's CSV.
	path := filepath.Join(t.TempDir(), "lab.csv")
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.WriteCSV(w); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	var peer bytes.Buffer
	if err := review.WriteReportCSV(&peer, want); err != nil || !bytes.Equal(got, peer.Bytes()) {
		t.Errorf("exported CSV:\n%s\nwant:\n%s", got, peer.Bytes())
	}
}
