package app

import (
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/store/review"
)

// labCols are the lab report table's column titles.
var labCols = []string{"Annotator", "Cases", "Slices", "Active h", "Slices/h", "Submits", "QC errors at submit",
	"QC errors/submit", "Returns", "Return rate", "Double read", "Mean Dice", "Mean NSD"}

// LabReportView shows the lab's numbers per annotator from the review
// store (File › Lab report…), with Export CSV….
type LabReportView struct {
	Rows  []review.AnnotatorReport
	table *widget.Table
	dlg   dialog.Dialog
}

// Cell is the text of row r, column col of the report table.
func (v *LabReportView) Cell(r, col int) string {
	if r < 0 || r >= len(v.Rows) {
		return ""
	}
	x := v.Rows[r]
	opt := func(p *float64, format string) string {
		if p == nil {
			return "–"
		}
		return fmt.Sprintf(format, *p)
	}
	switch col {
	case 0:
		return x.Annotator
	case 1:
		return fmt.Sprint(x.Cases)
	case 2:
		return fmt.Sprint(x.Slices)
	case 3:
		return fmt.Sprintf("%.2f", x.ActiveHours)
	case 4:
		return opt(x.SlicesPerHour, "%.1f")
	case 5:
		return fmt.Sprint(x.Submits)
	case 6:
		return fmt.Sprint(x.QCErrorsAtSubmit)
	case 7:
		return opt(x.QCErrorsPerSubmit, "%.2f")
	case 8:
		return fmt.Sprint(x.Returns)
	case 9:
		if x.ReturnRate == nil {
			return "–"
		}
		return fmt.Sprintf("%.0f %%", *x.ReturnRate*100)
	case 10:
		return fmt.Sprint(x.DoubleRead)
	case 11:
		return opt(x.MeanDice, "%.3f")
	case 12:
		return opt(x.MeanNSD, "%.3f")
	}
	return ""
}

// mayReport: the lab report is for reviewers, radiologists and admins.
func mayReport(r review.Role) bool {
	return r == review.Reviewer || r == review.Radiologist || r == review.Admin
}

// labReport reads the lab report in the background and shows it.
func (c *Controller) labReport() {
	if c.Work.Review() == nil {
		dialog.ShowInformation("Lab report", "The lab report needs a data set with a review store: open one first.", c.Window)
		return
	}
	if !mayReport(c.Work.Role()) {
		dialog.ShowInformation("Lab report", fmt.Sprintf("The lab report is for reviewers and admins; %s is %s.", c.Work.User(), c.Work.Role()), c.Window)
		return
	}
	c.Work.LabReport(func(rows []review.AnnotatorReport) { c.showLabReport(rows) })
}

// showLabReport shows rows in a dialog with their table and Export CSV….
func (c *Controller) showLabReport(rows []review.AnnotatorReport) *LabReportView {
	v := &LabReportView{Rows: rows}
	v.table = widget.NewTableWithHeaders(func() (int, int) { return len(v.Rows), len(labCols) },
		func() fyne.CanvasObject { return widget.NewLabel("annotator") },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(v.Cell(id.Row, id.Col)) })
	v.table.ShowHeaderColumn = false
	v.table.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(labCols[id.Col])
		}
	}
	for i, w := range []float32{110, 60, 60, 80, 80, 75, 160, 135, 80, 100, 105, 95, 95} {
		v.table.SetColumnWidth(i, w)
	}
	note := widget.NewLabel(fmt.Sprintf("%d annotators. Slices/h: annotated slices of the cases they saved over their active editing time; "+
		"QC errors at submit: summed over their submissions; return rate: returns over submissions; agreement: mean over double-read cases.", len(rows)))
	note.Wrapping = fyne.TextWrapWord
	export := widget.NewButton("Export CSV…", func() { c.exportLabReport(v) })
	body := container.NewBorder(note, container.NewHBox(export), nil, nil, v.table)
	v.dlg = dialog.NewCustom("Lab report", "Close", body, c.Window)
	v.dlg.Resize(fyne.NewSize(1400, 460))
	v.dlg.Show()
	c.shell.labView = v
	return v
}

// exportLabReport asks where to write the report as CSV (the save
// dialog confirms replacing a file) and writes it there.
func (c *Controller) exportLabReport(v *LabReportView) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		if err := v.WriteCSV(w); err != nil {
			dialog.ShowError(fmt.Errorf("lab report %s: %w", w.URI().Path(), err), c.Window)
		}
	}, c.Window)
	d.SetFileName("lab-report.csv")
	d.Show()
}

// WriteCSV writes the report shown to w as review.WriteReportCSV does,
// and closes w.
func (v *LabReportView) WriteCSV(w io.WriteCloser) error {
	err := review.WriteReportCSV(w, v.Rows)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}
