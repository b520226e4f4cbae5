package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/internal/dicomtest"
	"github.com/saros-review/saros-review/volume/dicom"
)

// TestImportDeidentifiesUnlessAsked: File › Import DICOM de-identifies the
// stored tags by default (the series UID is replaced) and the DICOM tab
// says so; ticking "Keep identifiers" keeps them, and the tab says that.
func TestImportDeidentifiesUnlessAsked(t *testing.T) {
	for _, keep := range []bool{false, true} {
		src := t.TempDir() + "/scan"
		dicomtest.Series{UID: "1.2.3.79", Rows: 20, Cols: 16, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 1, N: 10,
			BitsStored: 16, Slope: 1, Inter: -1024, Skip: -1, Value: func(i, j, k int) int { return 1024 }}.Write(t, src)
		c, shown := controller(t)
		all, skipped, warn, err := dicom.Scan(src)
		if err != nil || len(all) != 1 {
			t.Fatal(err)
		}
		c.dialogs.pickSeries(src, all, skipped, warn, "", c.runImport)
		var box *widget.Check
		for _, o := range test.LaidOutObjects(c.Window.Canvas().Overlays().Top()) {
			if b, ok := o.(*widget.Check); ok && strings.HasPrefix(b.Text, "Keep identifiers") {
				box = b
			}
		}
		if box == nil || box.Checked {
			t.Fatalf("keep identifiers box %v (off by default)", box)
		}
		if keep {
			test.Tap(box)
		}
		tapButton(t, c, "Import")
		s := wait(t, shown)
		if s.tagPanel == nil {
			t.Fatal("no DICOM tab")
		}
		uid := ""
		for _, tg := range s.tagPanel.all {
			if tg.Tag == "(0020,000E)" {
				uid = tg.Value
			}
		}
		note := s.tagPanel.deid.Text
		switch {
		case !keep && (uid == "1.2.3.79" || !strings.HasPrefix(uid, "2.25.") || !strings.Contains(note, "De-identified") || !strings.Contains(note, "UIDs replaced")):
			t.Errorf("default import: series UID %q, note %q", uid, note)
		case keep && (uid != "1.2.3.79" || !strings.Contains(note, "Identifiers kept")):
			t.Errorf("keep identifiers: series UID %q, note %q", uid, note)
		}
	}
}
