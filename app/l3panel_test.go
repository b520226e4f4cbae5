package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/cli"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume"
)

// showBodyComp selects the Body composition tab (it measures the case).
func showBodyComp(t *testing.T, c *Controller, s *CaseScreen) *BodyCompPanel {
	t.Helper()
	var tab *container.TabItem
	for _, it := range s.tabs.Items {
		if it.Text == "Body composition" {
			tab = it
		}
	}
	if tab == nil {
		t.Fatal("no Body composition tab")
	}
	s.tabs.Select(tab)
	settle(t, c) // the measurement runs off the UI thread
	if s.BodyComp.Report == nil {
		t.Fatalf("not measured: %q", s.BodyComp.note.Text)
	}
	return s.BodyComp
}

// tapIn taps the button with text in the panel.
func tapIn(t *testing.T, in fyne.CanvasObject, text string) {
	t.Helper()
	for _, o := range test.LaidOutObjects(in) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q", text)
}

// gridText is the value beside name in the L3 section's grid.
func gridText(g *fyne.Container, name string) string {
	for i := 0; i+1 < len(g.Objects); i += 2 {
		if g.Objects[i].(*widget.Label).Text == name {
			return g.Objects[i+1].(*widget.Label).Text
		}
	}
	return ""
}

// cursorTo moves the cursor to axial slice k.
func cursorTo(s *CaseScreen, k int) {
	cur := s.Scene.Cursor()
	cur[2] = k
	s.Scene.SetCursor(cur)
}

// TestL3MarkAreasSMIReopen: marking L3 on an unannotated slice is refused
// with a message; on an annotated one the panel shows that slice's
// per-slice areas (equal to the report's and to export-bca --l3 K's), an
// invalid height is refused, a typed one gives SMI = muscle / height²,
// the export carries L3, and the choice survives reopening the case.
func TestL3MarkAreasSMIReopen(t *testing.T) {
	c, s, dir := openEditable(t)
	bc := showBodyComp(t, c, s)
	l3 := bc.l3
	if l3.L3 != nil || !strings.Contains(l3.status.Text, "No L3 slice") {
		t.Fatalf("L3 before marking: %+v %q", l3.L3, l3.status.Text)
	}
	ignored := -1
	for k := 0; k < s.Scene.Layers().Regions.Dims[2] && ignored < 0; k++ {
		if s.Scene.Layers().Regions.SliceState(k) == volume.Ignored {
			ignored = k
		}
	}
	cursorTo(s, ignored)
	tapIn(t, bc.Content(), "Mark L3 here")
	if c.Work.Open().L3 != nil || !strings.Contains(s.message.Text, fmt.Sprintf("slice %d is not annotated", ignored)) {
		t.Fatalf("marked an unannotated slice: %+v, message %q", c.Work.Open().L3, s.message.Text)
	}

	row := bc.Report.Slices[0] // the slice with the most VAT, so that every area is there
	for _, r := range bc.Report.Slices {
		if r.AreaCM2["vat"] > row.AreaCM2["vat"] {
			row = r
		}
	}
	k := row.K
	cursorTo(s, k)
	tapIn(t, bc.Content(), "Mark L3 here")
	if ch := c.Work.Open().L3; ch == nil || ch.K != k || ch.Source != "marked" {
		t.Fatalf("L3 choice %+v, want slice %d", ch, k)
	}
	l := l3.L3
	if l == nil || l.K != k {
		t.Fatalf("L3 figures %+v (%q)", l, l3.status.Text)
	}
	for name, got := range map[string]float64{"muscle": l.Muscle, "sat": l.SAT, "vat": l.VAT, "imat": l.IMAT} {
		if want := row.AreaCM2[name]; math.Abs(got-want) > 1e-9 || (want <= 0 && name != "imat") {
			t.Errorf("%s at L3: %g cm², the slice's figure %g", name, got, want)
		}
	}
	if got, want := gridText(l3.grid, "muscle"), fmt.Sprintf("%.1f cm²", row.AreaCM2["muscle"]); got != want {
		t.Errorf("muscle shown %q, want %q", got, want)
	}
	if got := gridText(l3.grid, "SMI"); !strings.Contains(got, "no height") {
		t.Errorf("SMI without a height: %q", got)
	}

	// A height that is not metres is refused; a good one gives the SMI.
	l3.height.SetText("")
	test.Type(l3.height, "175")
	tapIn(t, bc.Content(), "Use height")
	if l3.typed != 0 || !strings.Contains(s.message.Text, "not a height in metres") || !strings.Contains(l3.status.Text, "looks like centimetres") {
		t.Fatalf("height 175 taken: typed %g, message %q, status %q", l3.typed, s.message.Text, l3.status.Text)
	}
	l3.height.SetText("")
	test.Type(l3.height, "1.75")
	tapIn(t, bc.Content(), "Use height")
	smi := l.Muscle / (1.75 * 1.75)
	if l3.L3 == nil || l3.L3.SMI == nil || math.Abs(*l3.L3.SMI-smi) > 1e-9 || l3.L3.HeightSource != "given" {
		t.Fatalf("SMI %+v, want %g", l3.L3, smi)
	}
	if got, want := gridText(l3.grid, "SMI"), fmt.Sprintf("%.1f cm²/m²", smi); got != want {
		t.Errorf("SMI shown %q, want %q", got, want)
	}

	// The CLI's export-bca --l3 K --height 1.75 gives the same figures.
	out := t.TempDir()
	var stderr bytes.Buffer
	if code := cli.Run(cli.Env{Stdout: io.Discard, Stderr: &stderr}, []string{"export-bca", dir, out, "--l3", fmt.Sprint(k), "--height", "1.75"}); code != 0 {
		t.Fatalf("export-bca: %d %s", code, stderr.String())
	}
	var bca struct {
		SarosReview struct {
			L3 struct {
				K   int
				M   float64 `json:"muscle_cm2"`
				S   float64 `json:"sat_cm2"`
				V   float64 `json:"vat_cm2"`
				I   float64 `json:"imat_cm2"`
				SMI float64 `json:"smi_cm2_per_m2"`
			} `json:"l3"`
		} `json:"saros_review"`
	}
	b, err := os.ReadFile(filepath.Join(out, cli.BCAJSONFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &bca); err != nil {
		t.Fatal(err)
	}
	cl := bca.SarosReview.L3
	if cl.K != k || cl.M != l3.L3.Muscle || cl.S != l3.L3.SAT || cl.V != l3.L3.VAT || cl.I != l3.L3.IMAT || cl.SMI != *l3.L3.SMI {
		t.Errorf("export-bca L3 %+v, panel %+v SMI %g", cl, l3.L3, *l3.L3.SMI)
	}

	// The panel's exports carry L3 and the SMI.
	var csvOut, jsonOut bytes.Buffer
	bc.OnExport = func(name string, write func(io.Writer) error) {
		w := &csvOut
		if strings.HasSuffix(name, ".json") {
			w = &jsonOut
		}
		if err := write(w); err != nil {
			t.Error(err)
		}
	}
	tapIn(t, bc.Content(), "Export CSV…")
	tapIn(t, bc.Content(), "Export JSON…")
	if !strings.Contains(csvOut.String(), fmt.Sprintf("\nL3 slice %d,1,false,", k)) || !strings.Contains(csvOut.String(), fmt.Sprintf("SMI %.2f cm²/m²", smi)) {
		t.Errorf("CSV export lacks L3: %s", csvOut.String()[max(0, csvOut.Len()-400):])
	}
	var js struct {
		L3 struct {
			K      int     `json:"k"`
			Source string  `json:"source"`
			SMI    float64 `json:"smi_cm2_per_m2"`
		} `json:"l3"`
	}
	if err := json.Unmarshal(jsonOut.Bytes(), &js); err != nil || js.L3.K != k || js.L3.Source != "given" || math.Abs(js.L3.SMI-smi) > 1e-9 {
		t.Errorf("JSON export L3 %+v %v", js.L3, err)
	}

	// Reopened, the case has its L3 slice and typed height again.
	settle(t, c)
	if _, err := os.Stat(filepath.Join(dir, store.L3File)); err != nil {
		t.Fatal(err)
	}
	c.OpenPath(dir)
	s2 := wait(t, testers[c])
	if s2 == s {
		t.Fatal("not reopened")
	}
	bc2 := showBodyComp(t, c, s2)
	if ch := c.Work.Open().L3; ch == nil || ch.K != k || ch.HeightM != 1.75 {
		t.Fatalf("reopened L3 choice %+v", ch)
	}
	if bc2.l3.L3 == nil || bc2.l3.L3.Muscle != l.Muscle || bc2.l3.height.Text != "1.75" || math.Abs(*bc2.l3.L3.SMI-smi) > 1e-9 {
		t.Errorf("reopened panel: %+v height %q", bc2.l3.L3, bc2.l3.height.Text)
	}
}

// TestL3PatientSizeAndVertebrae: the height comes from the case's DICOM
// PatientSize, shown as such; BOA's vertebrae.json picks the annotated
// slice nearest the middle of L3 and moves the cursor there; a broken
// file is refused naming it; the Edit menu's Mark L3 works from another
// tab.
func TestL3PatientSizeAndVertebrae(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "case_001")
	copyDir(t, filepath.Join(demoSet(t), "case_001"), dir)
	tags := `[{"tag":"(0010,1020)","name":"PatientSize","vr":"DS","value":"1.68"}]`
	if err := os.WriteFile(filepath.Join(dir, store.DICOMTagsFile), []byte(tags), 0o644); err != nil {
		t.Fatal(err)
	}
	c, shown := controller(t)
	c.OpenPath(dir)
	s := wait(t, shown)
	bc := showBodyComp(t, c, s)
	l3 := bc.l3
	if l3.height.Text != "1.68" || !strings.Contains(l3.heightSrc.Text, "PatientSize") {
		t.Fatalf("height %q, source %q", l3.height.Text, l3.heightSrc.Text)
	}
	tapIn(t, bc.Content(), "Use height") // the prefilled value stays the header's
	if l3.typed != 0 || !strings.Contains(l3.heightSrc.Text, "PatientSize") {
		t.Errorf("prefilled height taken as typed: %g, %q", l3.typed, l3.heightSrc.Text)
	}

	nz := s.Scene.Layers().Image.Dims[2]
	vert := filepath.Join(t.TempDir(), "vertebrae.json")
	os.WriteFile(vert, []byte(fmt.Sprintf(`{"L2": [0, 1], "L3": [1, %d]}`, nz)), 0o644)
	l3.importVertebrae(vert)
	settle(t, c)
	ch := c.Work.Open().L3
	if ch == nil || ch.Source != vert || l3.L3 == nil || l3.L3.K != ch.K {
		t.Fatalf("imported L3 %+v, figures %+v, status %q", ch, l3.L3, l3.status.Text)
	}
	if s.Scene.Cursor()[2] != ch.K {
		t.Errorf("cursor on %d, L3 on %d", s.Scene.Cursor()[2], ch.K)
	}
	mid, best := float64(nz)/2, -1
	for _, r := range bc.Report.Slices {
		if best < 0 || math.Abs(float64(r.K)-mid) < math.Abs(float64(best)-mid) {
			best = r.K
		}
	}
	if d := ch.K - best; d < -5 || d > 5 { // BOA's order may run the other way: within one stride of the middle
		t.Errorf("L3 on %d, the annotated slice nearest the middle is %d", ch.K, best)
	}
	if l3.L3.SMI == nil || math.Abs(*l3.L3.SMI-l3.L3.Muscle/(1.68*1.68)) > 1e-9 || l3.L3.HeightSource != "PatientSize" {
		t.Errorf("SMI from PatientSize: %+v", l3.L3)
	}

	os.WriteFile(vert, []byte(`{"L3": [5, 2]}`), 0o644)
	l3.importVertebrae(vert)
	settle(t, c)
	if !strings.Contains(s.message.Text, vert) || c.Work.Open().L3.K != ch.K {
		t.Errorf("broken vertebrae.json: message %q, L3 %+v", s.message.Text, c.Work.Open().L3)
	}

	// Edit ▸ Mark L3 on this slice, from the Labels tab.
	s.tabs.SelectIndex(0)
	k := bc.Report.Slices[1].K
	cursorTo(s, k)
	c.markL3()
	if !s.bodyCompShown() || c.Work.Open().L3.K != k || l3.L3 == nil || l3.L3.K != k {
		t.Errorf("menu Mark L3: shown %v, choice %+v", s.bodyCompShown(), c.Work.Open().L3)
	}
}
