package app

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
	sqdialog "github.com/sqweek/dialog"

	"github.com/saros-review/saros-review/annotate/bodycomp"
	"github.com/saros-review/saros-review/casework"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume"
)

// l3Section is the Body composition panel's L3 part: the L3 slice,
// marked on the current axial slice or taken from BOA's vertebrae.json,
// the muscle, SAT, VAT and IMAT areas there and the skeletal muscle
// index from a height (DICOM PatientSize or typed in). The choice lives
// in the case model; the figures are bodycomp.AtL3 of the panel's last
// measurement, as export-bca computes them.
type l3Section struct {
	p      *BodyCompPanel
	work   *casework.Workspace
	kase   *casework.Case
	slices []bodycomp.Slice
	// typed is a height typed in (0: none, the header's is used).
	typed float64
	// L3 is the figures shown (nil when there are none).
	L3 *bodycomp.L3

	l3Widgets

	cursor func() int
	say    func(string)
	pick   func(then func(path string))
}

// l3Widgets are the section's controls.
type l3Widgets struct {
	height    *widget.Entry
	heightSrc *widget.Label
	status    *widget.Label
	grid      *fyne.Container
	content   fyne.CanvasObject
}

func newL3Section(p *BodyCompPanel) *l3Section {
	s := &l3Section{p: p, l3Widgets: l3Widgets{height: widget.NewEntry(), heightSrc: widget.NewLabel(""), status: widget.NewLabel(""),
		grid: container.NewGridWithColumns(4)}, say: func(string) {}}
	s.status.Wrapping = fyne.TextWrapWord
	s.height.SetPlaceHolder("height in metres, e.g. 1.75")
	s.height.OnSubmitted = func(string) { s.setHeight() }
	mark := widget.NewButton("Mark L3 here", s.markHere)
	imp := widget.NewButton("Import vertebrae.json…", s.importDialog)
	set := widget.NewButton("Use height", s.setHeight)
	title := widget.NewLabelWithStyle("L3 and skeletal muscle index", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	row := container.NewBorder(nil, nil, widget.NewLabel("Height (m)"), set, s.height)
	s.content = container.NewVBox(widget.NewSeparator(), title, container.NewHBox(mark, imp), row, s.heightSrc, s.grid, s.status)
	s.show()
	return s
}

// attach connects the section to the open case of the model.
func (s *l3Section) attach(w *casework.Workspace, k *casework.Case, cursor func() int, say func(string), pick func(func(string))) {
	s.work, s.kase, s.cursor, s.say, s.pick = w, k, cursor, say, pick
	s.typed = 0
	if k.L3 != nil && k.L3.HeightM > 0 {
		s.typed = k.L3.HeightM
	}
	h, _, _ := s.heightM()
	if h > 0 {
		s.height.SetText(strconv.FormatFloat(h, 'g', -1, 64))
	}
	s.show()
}

// measured takes the panel's new measurement.
func (s *l3Section) measured(sl []bodycomp.Slice) {
	s.slices = sl
	s.show()
}

// heightM is the height used for the SMI, its source as export-bca names
// it ("given" or "PatientSize") and a note for the user; 0 when none.
func (s *l3Section) heightM() (float64, string, string) {
	if s.typed > 0 {
		return s.typed, "given", "Height typed in."
	}
	if s.kase == nil {
		return 0, "", ""
	}
	h, err := s.kase.PatientHeight()
	switch {
	case err != nil:
		return 0, "", err.Error() + ": type the height."
	case h > 0:
		return h, "PatientSize", "Height from the DICOM header (PatientSize)."
	}
	return 0, "", "No height in the DICOM header (PatientSize): type one for the SMI."
}

// setHeight takes the typed height, or the header's again when the field
// is empty; a value that is not metres is refused with a message.
func (s *l3Section) setHeight() {
	txt := strings.TrimSpace(strings.ReplaceAll(s.height.Text, ",", "."))
	h := 0.0
	if txt != "" {
		v, err := strconv.ParseFloat(txt, 64)
		if err == nil {
			err = bodycomp.CheckHeight(v, "height "+txt)
		} else {
			err = fmt.Errorf("height %q is not a number", s.height.Text)
		}
		if err != nil {
			s.status.SetText(err.Error() + ": not used.")
			s.say(err.Error())
			return
		}
		h = v
	}
	if hdr, src, _ := s.heightM(); s.typed == 0 && src == "PatientSize" && h == hdr {
		return // the header's height, as prefilled: it stays the header's
	}
	s.typed = h
	if s.kase != nil && s.kase.L3 != nil {
		ch := *s.kase.L3
		ch.HeightM = h
		s.work.SetL3(ch)
	}
	if h == 0 {
		if hh, _, _ := s.heightM(); hh > 0 {
			s.height.SetText(strconv.FormatFloat(hh, 'g', -1, 64))
		}
	}
	s.show()
}

// markHere makes the current axial slice the L3 slice; it must be
// annotated, else the status line says why.
func (s *l3Section) markHere() {
	if s.kase == nil || s.cursor == nil {
		return
	}
	k := s.cursor()
	if st := s.kase.Layers.Regions.SliceState(k); st == volume.Ignored {
		s.say(fmt.Sprintf("L3 not marked: slice %d is not annotated (all 255); step to an annotated slice", k))
		return
	}
	s.choose(store.L3Choice{K: k, Source: "marked"})
	s.say(fmt.Sprintf("L3 marked on slice %d", k))
}

// choose makes ch the case's L3 choice, with the typed height.
func (s *l3Section) choose(ch store.L3Choice) {
	ch.HeightM = s.typed
	s.work.SetL3(ch)
	s.show()
}

// importDialog asks for BOA's vertebrae.json and takes its L3.
func (s *l3Section) importDialog() {
	if s.pick != nil {
		s.pick(s.importVertebrae)
	}
}

// importVertebrae reads vertebrae.json at path (in the background) and
// makes the annotated slice nearest the middle of its L3 the L3 slice.
func (s *l3Section) importVertebrae(path string) {
	if s.work == nil {
		return
	}
	s.work.ReadVertebrae(path, func(v map[string][2]int, err error) {
		if err == nil && s.slices == nil {
			err = fmt.Errorf("%s: measure the case first", path)
		}
		var k int
		if err == nil {
			k, err = bodycomp.L3Slice(s.kase.Layers.Image.Grid, s.slices, v)
		}
		if err != nil {
			s.status.SetText(err.Error())
			s.say("vertebrae.json not used: " + err.Error())
			return
		}
		s.choose(store.L3Choice{K: k, Source: path})
		s.say(fmt.Sprintf("L3 is slice %d (from %s)", k, path))
		if s.p.OnJump != nil {
			s.p.OnJump(k)
		}
	})
}

// show recomputes the figures and fills the section.
func (s *l3Section) show() {
	h, src, note := s.heightM()
	s.heightSrc.SetText(note)
	s.grid.RemoveAll()
	s.L3 = nil
	if s.kase == nil || s.kase.L3 == nil {
		s.status.SetText("No L3 slice: mark one (Mark L3 here on an annotated slice) or import BOA's vertebrae.json.")
		return
	}
	ch := s.kase.L3
	if s.slices == nil {
		s.status.SetText(fmt.Sprintf("L3 is slice %d: measuring needed for its figures.", ch.K))
		return
	}
	l, err := bodycomp.AtL3(s.kase.Layers.Image.Grid, s.slices, ch.K, h, src)
	if err != nil {
		s.status.SetText(err.Error())
		return
	}
	if ch.Source != "marked" {
		l.Source = ch.Source // a marked slice stays "given", as export-bca --l3 names it
	}
	s.L3 = l
	from := "marked"
	if ch.Source != "marked" {
		from = "from " + filepath.Base(ch.Source)
	}
	smi := "– (no height)"
	if l.SMI != nil {
		smi = fmt.Sprintf("%.1f cm²/m²", *l.SMI)
	}
	for _, r := range [][2]string{
		{"L3 slice", fmt.Sprintf("%d (%s)", l.K, from)}, {"SMI", smi},
		{"muscle", fmt.Sprintf("%.1f cm²", l.Muscle)}, {"SAT", fmt.Sprintf("%.1f cm²", l.SAT)},
		{"VAT", fmt.Sprintf("%.1f cm²", l.VAT)}, {"IMAT", fmt.Sprintf("%.1f cm²", l.IMAT)},
	} {
		s.grid.Add(widget.NewLabel(r[0]))
		s.grid.Add(widget.NewLabel(r[1]))
	}
	s.status.SetText("")
}

// writeJSON is the panel's JSON export with the L3 figures as "l3".
func (s *l3Section) writeJSON(w io.Writer, caseID string, r *bodycomp.Report) error {
	e := json.NewEncoder(w)
	e.SetIndent("", " ")
	return e.Encode(struct {
		Case string `json:"case"`
		*bodycomp.Report
		L3 *bodycomp.L3 `json:"l3,omitempty"`
	}{caseID, r, s.L3})
}

// writeCSV is the panel's CSV export with one more row, "L3 slice K":
// that slice's figures, its areas and the SMI in the note.
func (s *l3Section) writeCSV(w io.Writer, r *bodycomp.Report) error {
	if err := bodycomp.WriteCSV(w, r); err != nil || s.L3 == nil {
		return err
	}
	l := s.L3
	var t bodycomp.Tissues
	for _, row := range r.Slices {
		if row.K == l.K {
			t = row.Tissues
		}
	}
	rec := []string{"L3 slice " + strconv.Itoa(l.K), "1", "false"}
	for _, k := range bodycomp.Keys {
		rec = append(rec, strconv.FormatFloat(t[k].ML, 'f', 3, 64), strconv.FormatFloat(t[k].MeanHU, 'f', 1, 64))
	}
	note := fmt.Sprintf("L3 (%s): muscle %.2f cm², SAT %.2f cm², VAT %.2f cm², IMAT %.2f cm²", l.Source, l.Muscle, l.SAT, l.VAT, l.IMAT)
	if l.SMI != nil {
		note += fmt.Sprintf("; SMI %.2f cm²/m² (height %g m, %s)", *l.SMI, l.HeightM, l.HeightSource)
	}
	cw := csv.NewWriter(w)
	cw.Write(append(rec, note))
	cw.Flush()
	return cw.Error()
}

// attachL3 connects the Body composition panel's L3 section to the open
// case of the model.
func (c *Controller) attachL3(s *CaseScreen, k *casework.Case) {
	if s.BodyComp == nil {
		return
	}
	s.BodyComp.l3.attach(c.Work, k, func() int { return s.Scene.Cursor()[2] }, c.say, c.pickVertebrae)
}

// markL3 is the menu's Mark L3: it shows the Body composition tab and
// marks the current axial slice.
func (c *Controller) markL3() {
	s := c.Screen
	if s == nil || s.BodyComp == nil {
		c.say("L3 not marked: this case has no body composition (no regions map)")
		return
	}
	for _, it := range s.tabs.Items {
		if it.Content == s.BodyComp.Content() {
			s.tabs.Select(it)
		}
	}
	s.BodyComp.l3.markHere()
}

// pickVertebrae asks for BOA's vertebrae.json, natively or with Fyne's
// dialog.
func (c *Controller) pickVertebrae(then func(path string)) {
	c.dialogs.native(func() (string, error) {
		return sqdialog.File().Title("Import BOA vertebrae.json").Filter("BOA vertebrae", "json").Load()
	}, func(p string, ok bool) {
		if !ok {
			d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
				if err == nil && r != nil {
					r.Close()
					then(r.URI().Path())
				}
			}, c.Window)
			d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
			d.Show()
			return
		}
		if p != "" {
			then(p)
		}
	})
}
