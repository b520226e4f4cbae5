package app

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Worklist columns of QC run in the background when the data set opens.
const (
	colQCE = "errors"
	colQCW = "warnings"
)

// Worklist views by QC result.
const (
	viewQCErrors   = "QC errors"
	viewQCWarnings = "QC warnings"
)

// withQCColumns puts the QC columns after the id.
func withQCColumns(cols []string) []string {
	return slices.Insert(slices.Clone(cols), 1, colQCE, colQCW)
}

// SetQC shows the QC counts of case id (from the background run or the
// open case's QC).
func (wl *Worklist) SetQC(id string, n QCCounts) {
	wl.qc[id] = n
	if wl.sortCol == colQCE || wl.sortCol == colQCW || wl.view.Selected == viewQCErrors || wl.view.Selected == viewQCWarnings {
		wl.refilter() // the order or the rows depend on it
		return
	}
	wl.table.Refresh()
}

// QC returns what the worklist knows of case id's QC.
func (wl *Worklist) QC(id string) (QCCounts, bool) {
	n, ok := wl.qc[id]
	return n, ok
}

// QCChecked is how many cases have a QC result.
func (wl *Worklist) QCChecked() int { return len(wl.qc) }

// qcCell is the text of a QC column: empty until checked, "?" when the
// case could not be checked.
func (wl *Worklist) qcCell(id, col string) string {
	n, ok := wl.qc[id]
	switch {
	case !ok:
		return ""
	case n.Err != "":
		return "?"
	case col == colQCE:
		return fmt.Sprint(n.Errors)
	}
	return fmt.Sprint(n.Warnings)
}

// qcInView says whether case id has QC errors (or warnings) to show.
func (wl *Worklist) qcInView(id, view string) bool {
	n := wl.qc[id]
	if view == viewQCErrors {
		return n.Errors > 0 || n.Err != ""
	}
	return n.Warnings > 0
}

// cellLess orders cells numerically when both start with an integer (so
// 9 errors come before 10, "9 of 46" slices before "37 of 46"), else as
// text; empty cells (not known yet) go last.
func cellLess(x, y string) bool {
	if (x == "") != (y == "") {
		return y == ""
	}
	a, okA := leadingInt(x)
	b, okB := leadingInt(y)
	if okA && okB && a != b {
		return a < b
	}
	return x < y
}

// leadingInt is the number a cell starts with ("37" of "37 of 46").
func leadingInt(s string) (int, bool) {
	n := 0
	if strings.HasPrefix(s, "-") {
		n = 1
	}
	for n < len(s) && n < 18 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	v, err := strconv.Atoi(s[:n])
	return v, err == nil
}
