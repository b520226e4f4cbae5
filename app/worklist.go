package app

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
)

// Fixed worklist columns before the CSV's own.
const (
	colID    = "id"
	colFiles = "files"
	colIssue = "problems"
)

// worklistColumns are the table's columns: id, split, the other CSV
// columns in file order, the files present and problems.
func worklistColumns(ds *store.Dataset) []string {
	cols := []string{colID, "split"}
	for _, c := range ds.Columns {
		if c != "id" && c != "split" && c != "" {
			cols = append(cols, c)
		}
	}
	return append(cols, colFiles, colIssue)
}

// Review columns, shown when the data set has a review store.
const (
	colStatus    = "status"
	colAnnotator = "annotator"
	colReviewer  = "reviewer"
	colFlags     = "open flags"
	colQCErrors  = "qc errors"
	colSlices    = "slices reviewed"
	colSecond    = "second reader"
)

// Views of the worklist by review state.
var worklistViews = []string{"all cases", "my cases", "needs review", "flagged", "returned", viewQCErrors, viewQCWarnings}

// cell is the text of column col for case c.
func (wl *Worklist) cell(c *store.Case, col string) string {
	if x, ok := wl.review[c.ID]; ok {
		switch col {
		case colStatus:
			return string(x.Status)
		case colAnnotator:
			return x.Annotator
		case colReviewer:
			return x.Reviewer
		case colFlags:
			if x.OpenFlags == 0 {
				return ""
			}
			return fmt.Sprint(x.OpenFlags)
		case colQCErrors:
			return fmt.Sprint(x.QCErrors)
		case colSlices:
			return slicesCell(x)
		case colSecond:
			return x.SecondReader
		}
	}
	switch col {
	case colQCE, colQCW:
		return wl.qcCell(c.ID, col)
	case colID:
		return c.ID
	case colFiles:
		return strings.Join(c.Files(), " ")
	case colIssue:
		if len(c.Problems) == 0 {
			return ""
		}
		return fmt.Sprintf("%d: %s", len(c.Problems), c.Problems[0])
	}
	return c.Meta[col]
}

// FilterSort returns the indices of the cases that contain text (in any
// column, ignoring case) and have the split (any when ""), sorted by
// column col (ascending, or descending with desc; ties by id).
func FilterSort(cell func(*store.Case, string) string, cases []*store.Case, cols []string, text, split, col string, desc bool) []int {
	text = strings.ToLower(strings.TrimSpace(text))
	var rows []int
	for i, c := range cases {
		if split != "" && c.Split() != split {
			continue
		}
		if text != "" {
			hit := false
			for _, k := range cols {
				if strings.Contains(strings.ToLower(cell(c, k)), text) {
					hit = true
					break
				}
			}
			if !hit {
				continue
			}
		}
		rows = append(rows, i)
	}
	sort.SliceStable(rows, func(a, b int) bool {
		x, y := cell(cases[rows[a]], col), cell(cases[rows[b]], col)
		if x == y {
			return cases[rows[a]].ID < cases[rows[b]].ID
		}
		if desc {
			return cellLess(y, x)
		}
		return cellLess(x, y)
	})
	return rows
}

// Worklist is the table of a data set's cases: sort by clicking a column
// header, filter by text and split, open with a double click or Enter.
type Worklist struct {
	ds       *store.Dataset
	review   map[string]review.Summary // by case id, from the review store
	qc       map[string]QCCounts       // by case id, from QC in the background
	user     string
	cols     []string
	rows     []int
	sortCol  string
	desc     bool
	selected int // index into ds.Cases, −1 none
	worklistWidgets

	// OnOpen is called with the index (into the data set's cases) to open;
	// OnAssign when the user asks to assign the selected case.
	OnOpen   func(i int)
	OnAssign func()
}

// worklistWidgets are the worklist's controls.
type worklistWidgets struct {
	filter  *widget.Entry
	split   *widget.Select
	view    *widget.Select
	table   *widget.Table
	count   *widget.Label
	content fyne.CanvasObject
}

// NewWorklist builds the worklist of ds.
func NewWorklist(ds *store.Dataset) *Worklist {
	wl := &Worklist{ds: ds, cols: withQCColumns(worklistColumns(ds)), sortCol: colID, selected: -1, qc: map[string]QCCounts{}}
	wl.filter = widget.NewEntry()
	wl.filter.SetPlaceHolder("Filter cases…")
	wl.filter.OnChanged = func(string) { wl.refilter() }
	splits := []string{"all splits"}
	seen := map[string]bool{}
	for _, c := range ds.Cases {
		if s := c.Split(); s != "" && !seen[s] {
			seen[s] = true
			splits = append(splits, s)
		}
	}
	sort.Strings(splits[1:])
	wl.split = widget.NewSelect(splits, nil)
	wl.split.SetSelectedIndex(0)
	wl.split.OnChanged = func(string) { wl.refilter() }
	wl.view = widget.NewSelect(worklistViews, nil)
	wl.view.SetSelectedIndex(0)
	wl.view.OnChanged = func(string) { wl.refilter() }
	wl.count = widget.NewLabel("")
	wl.table = widget.NewTable(
		func() (int, int) { return len(wl.rows), len(wl.cols) },
		func() fyne.CanvasObject { return newCellLabel(wl) },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*cellLabel)
			l.row, l.col = id.Row, id.Col
			l.SetText(wl.cell(wl.ds.Cases[wl.rows[id.Row]], wl.cols[id.Col]))
		})
	wl.table.ShowHeaderRow = true
	wl.table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	wl.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		name := wl.cols[id.Col]
		if name == wl.sortCol {
			name += map[bool]string{false: " ▲", true: " ▼"}[wl.desc]
		}
		b.SetText(name)
		col := wl.cols[id.Col]
		b.OnTapped = func() { wl.SortBy(col) }
	}
	wl.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(wl.rows) {
			wl.selected = wl.rows[id.Row]
		}
	}
	for i, c := range wl.cols {
		wl.table.SetColumnWidth(i, columnWidth(c))
	}
	wl.refilter()
	title := widget.NewLabelWithStyle(fmt.Sprintf("%s — %s", ds.Root, ds.Kind), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var notes fyne.CanvasObject = widget.NewLabel("")
	if len(ds.Problems) > 0 {
		notes = widget.NewLabel(fmt.Sprintf("%d data set problems; first: %s", len(ds.Problems), ds.Problems[0]))
	}
	top := container.NewVBox(title, container.NewBorder(nil, nil, nil, container.NewHBox(wl.view, wl.split, wl.count), wl.filter), notes)
	open := widget.NewButton("Open case (Enter)", func() { wl.OpenSelected() })
	open.Importance = widget.HighImportance
	assign := widget.NewButton("Assign…", func() {
		if wl.OnAssign != nil {
			wl.OnAssign()
		}
	})
	wl.content = container.NewBorder(top, container.NewHBox(open, assign), nil, nil, wl.table)
	return wl
}

// Content is the worklist's canvas object.
func (wl *Worklist) Content() fyne.CanvasObject { return wl.content }

// Rows are the case indices shown, in order.
func (wl *Worklist) Rows() []int { return wl.rows }

// SetFilter sets the filter text.
func (wl *Worklist) SetFilter(t string) { wl.filter.SetText(t) }

// SetSplit shows only one split ("" for all).
func (wl *Worklist) SetSplit(s string) {
	if s == "" {
		wl.split.SetSelectedIndex(0)
		return
	}
	wl.split.SetSelected(s)
}

// slicesCell is the slice-by-slice review's progress of a case ("37 of
// 46", "· 2 to fix" when some need fixing, and whose verdicts when that
// is not the case's reviewer); "" until its annotated slices are known.
func slicesCell(x review.Summary) string {
	p := x.Slices
	if p.Annotated == 0 {
		return ""
	}
	t := fmt.Sprintf("%d of %d", p.Reviewed(), p.Annotated)
	if p.NeedsFix > 0 {
		t += fmt.Sprintf(" · %d to fix", p.NeedsFix)
	}
	if x.SliceReviewer != "" && x.SliceReviewer != x.Reviewer {
		t += " (" + x.SliceReviewer + ")"
	}
	return t
}

// SetReview shows the review store's columns (status, assignment,
// slice-review progress, open flags, QC errors, second reader) of the
// summaries, by case id, and enables the views
// by review state.
func (wl *Worklist) SetReview(sums map[string]review.Summary) {
	wl.review = sums
	if !slices.Contains(wl.cols, colStatus) {
		cols := append([]string{colID, colStatus, colAnnotator, colReviewer, colSlices, colFlags, colQCErrors, colSecond}, wl.cols[1:]...)
		wl.cols = cols
		for i, c := range wl.cols {
			wl.table.SetColumnWidth(i, columnWidth(c))
		}
	}
	wl.refilter()
}

// SetView shows one of worklistViews.
func (wl *Worklist) SetView(v string) { wl.view.SetSelected(v) }

// inView says whether a case belongs to the chosen view.
func (wl *Worklist) inView(c *store.Case) bool {
	x, ok := wl.review[c.ID]
	switch wl.view.Selected {
	case "my cases":
		return ok && (x.Annotator == wl.user || x.Reviewer == wl.user)
	case "needs review":
		return ok && (x.Status == review.Submitted || x.Status == review.InReview)
	case "flagged":
		return ok && x.OpenFlags > 0
	case "returned":
		return ok && x.Status == review.Returned
	case viewQCErrors, viewQCWarnings:
		return wl.qcInView(c.ID, wl.view.Selected)
	}
	return true
}

// SortBy sorts by a column; the same column again reverses the order.
func (wl *Worklist) SortBy(col string) {
	if col == wl.sortCol {
		wl.desc = !wl.desc
	} else {
		wl.sortCol, wl.desc = col, false
	}
	wl.refilter()
}

func (wl *Worklist) refilter() {
	split := wl.split.Selected
	if wl.split.SelectedIndex() <= 0 {
		split = ""
	}
	rows := FilterSort(wl.cell, wl.ds.Cases, wl.cols, wl.filter.Text, split, wl.sortCol, wl.desc)
	wl.rows = wl.rows[:0]
	for _, i := range rows {
		if wl.inView(wl.ds.Cases[i]) {
			wl.rows = append(wl.rows, i)
		}
	}
	wl.count.SetText(fmt.Sprintf("%d of %d cases", len(wl.rows), len(wl.ds.Cases)))
	wl.table.Refresh()
}

// Select marks the case with index i (into the data set) as selected.
func (wl *Worklist) Select(i int) {
	for r, c := range wl.rows {
		if c == i {
			wl.table.Select(widget.TableCellID{Row: r, Col: 0})
			wl.selected = i
			return
		}
	}
}

// OpenSelected opens the selected case, or the first one shown.
func (wl *Worklist) OpenSelected() {
	i := wl.selected
	if i < 0 && len(wl.rows) > 0 {
		i = wl.rows[0]
	}
	if i >= 0 && wl.OnOpen != nil {
		wl.OnOpen(i)
	}
}

// Neighbour returns the case after (dir > 0) or before case i in the
// worklist's current order, or −1.
func (wl *Worklist) Neighbour(i, dir int) int {
	for r, c := range wl.rows {
		if c == i {
			if n := r + dir; n >= 0 && n < len(wl.rows) {
				return wl.rows[n]
			}
			return -1
		}
	}
	if len(wl.rows) > 0 {
		return wl.rows[0]
	}
	return -1
}

// cellLabel is a table cell that opens its row on a double click.
type cellLabel struct {
	widget.Label
	wl       *Worklist
	row, col int
}

func newCellLabel(wl *Worklist) *cellLabel {
	c := &cellLabel{wl: wl}
	c.Truncation = fyne.TextTruncateEllipsis
	c.ExtendBaseWidget(c)
	return c
}

// Tapped selects the row (the cell handles taps itself because it also
// takes double taps).
func (c *cellLabel) Tapped(*fyne.PointEvent) {
	if c.row >= 0 && c.row < len(c.wl.rows) {
		c.wl.table.Select(widget.TableCellID{Row: c.row, Col: c.col})
	}
}

// DoubleTapped opens the row's case.
func (c *cellLabel) DoubleTapped(*fyne.PointEvent) {
	if c.row >= 0 && c.row < len(c.wl.rows) && c.wl.OnOpen != nil {
		c.wl.OnOpen(c.wl.rows[c.row])
	}
}

// columnWidth is the starting width of a worklist column.
func columnWidth(c string) float32 {
	switch c {
	case colID:
		return 90
	case colFiles:
		return 170
	case colIssue:
		return 320
	case "tcia_series_instance_uid":
		return 260
	case colFlags, colQCErrors, colQCE, colQCW:
		return 90
	case colSlices:
		return 200
	}
	return 130
}
