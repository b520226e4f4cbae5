package app

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
	sqdialog "github.com/sqweek/dialog"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/casework"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/viewer/sliceview"
)

// dialogs asks the user for files, folders and lines of text, on the
// window, and does what a dialog's answer asks through the model: the
// file choosers (native where GTK is there, Fyne's own otherwise), the
// label descriptions of ITK-SNAP and one-line questions. It holds no
// state of its own beyond where to report.
type dialogs struct {
	win  fyne.Window
	work *casework.Workspace
	open func(path string) // opens a data set, case folder or NIfTI file
	fail func(err error)   // reports what the user must not miss
	say  func(text string) // a line on the message line
}

// native runs a sqweek/dialog call off the UI thread. It reports
// false when the native dialog is unavailable (no GTK, no display), so the
// caller falls back to Fyne's own dialog; a cancelled dialog gives "".
func (d *dialogs) native(call func() (string, error), then func(path string, ok bool)) {
	d.work.Go(func() func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		path, ok := "", true
		func() {
			defer func() {
				if recover() != nil { // sqweek panics when GTK failed to start
					ok = false
				}
			}()
			p, err := call()
			switch {
			case err == nil:
				path = p
			case err == sqdialog.ErrCancelled:
			default:
				ok = false
			}
		}()
		return func() { then(path, ok) }
	})
}

// openFolder asks for a data set folder and opens it.
func (d *dialogs) openFolder() {
	d.native(func() (string, error) {
		return sqdialog.Directory().Title("Open data set folder").Browse()
	}, func(p string, ok bool) {
		if !ok {
			d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
				if err == nil && u != nil {
					d.open(u.Path())
				}
			}, d.win)
			d.Show()
			return
		}
		if p != "" {
			d.open(p)
		}
	})
}

// openFile asks for a NIfTI file and opens it.
func (d *dialogs) openFile() {
	d.native(func() (string, error) {
		return sqdialog.File().Title("Open NIfTI image").Filter("NIfTI images", "nii", "gz").Load()
	}, func(p string, ok bool) {
		if !ok {
			d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
				if err == nil && r != nil {
					r.Close()
					d.open(r.URI().Path())
				}
			}, d.win)
			d.SetFilter(storage.NewExtensionFileFilter([]string{".nii", ".gz"}))
			d.Show()
			return
		}
		if p != "" {
			d.open(p)
		}
	})
}

// writeDemo asks for a folder, writes the demo data set there and
// opens it.
func (d *dialogs) writeDemo() {
	d.native(func() (string, error) {
		return sqdialog.Directory().Title("Folder for the demo data set").Browse()
	}, func(p string, ok bool) {
		write := func(dir string) {
			d.work.Go(func() func() {
				err := store.WriteDemo(filepath.Join(dir, "saros-demo"), 4)
				return func() {
					if err != nil {
						d.fail(err)
						return
					}
					d.open(filepath.Join(dir, "saros-demo"))
				}
			})
		}
		if !ok {
			dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
				if err == nil && u != nil {
					write(u.Path())
				}
			}, d.win).Show()
			return
		}
		if p != "" {
			write(p)
		}
	})
}

// saveFile asks for a file to write, natively or with Fyne's dialog.
// kind and ext name the file type for the native dialog's filter.
func (d *dialogs) saveFile(title, name, kind, ext string, then func(path string)) {
	d.native(func() (string, error) {
		return sqdialog.File().Title(title).SetStartFile(name).Filter(kind, ext).Save()
	}, func(p string, ok bool) {
		if !ok {
			d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
				if err == nil && w != nil {
					w.Close()
					then(w.URI().Path())
				}
			}, d.win)
			d.SetFileName(name)
			d.Show()
			return
		}
		if p != "" {
			then(p)
		}
	})
}

// loadFile asks for a file to read.
func (d *dialogs) loadFile(title string, then func(path string)) {
	d.native(func() (string, error) {
		return sqdialog.File().Title(title).Filter("Label description", "txt").Load()
	}, func(p string, ok bool) {
		if !ok {
			dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
				if err == nil && r != nil {
					r.Close()
					then(r.URI().Path())
				}
			}, d.win).Show()
			return
		}
		if p != "" {
			then(p)
		}
	})
}

// labelDescs describes a map's labels with the colours and visibility in
// use, for an ITK-SNAP label file.
func labelDescs(regions bool, st *viewer.Style) []annotate.LabelDesc {
	table, ms := labels.Parts, &st.Parts
	if regions {
		table, ms = labels.Regions, &st.Regions
	}
	var out []annotate.LabelDesc
	for _, l := range table.Labels {
		col := ms.Colours[l.Value]
		d := annotate.LabelDesc{Value: int(l.Value), R: col.R, G: col.G, B: col.B, Alpha: 1, Visible: !ms.Hidden[l.Value], Mesh: true, Name: l.Name}
		if l.Value == 0 {
			d = annotate.LabelDesc{Name: "Clear Label"}
		}
		out = append(out, d)
	}
	return out
}

// applyLabelDescs takes colours and visibility from an ITK-SNAP file for
// the labels the map defines; it returns how many it applied and the
// values it did not know.
func applyLabelDescs(regions bool, st *viewer.Style, ds []annotate.LabelDesc) (applied int, unknown []int) {
	table, ms := labels.Parts, &st.Parts
	if regions {
		table, ms = labels.Regions, &st.Regions
	}
	for _, d := range ds {
		if d.Value == 0 {
			continue
		}
		if d.Value > 255 || table.Name(uint8(d.Value)) == "" {
			unknown = append(unknown, d.Value)
			continue
		}
		ms.Colours[d.Value].R, ms.Colours[d.Value].G, ms.Colours[d.Value].B = d.R, d.G, d.B
		ms.Hidden[d.Value] = !d.Visible
		applied++
	}
	return applied, unknown
}

// exportLabels writes the label description of one map of scene sc
// (regions or parts) for ITK-SNAP, with the colours and visibility shown.
func (d *dialogs) exportLabels(sc *sliceview.Scene, regions bool) {
	st := sc.Style() // read the style here, on the UI thread
	name := map[bool]string{true: "body-regions-labels.txt", false: "body-parts-labels.txt"}[regions]
	d.saveFile("Export ITK-SNAP label description", name, "Label description", "txt", func(p string) {
		descs := labelDescs(regions, &st)
		d.work.Go(func() func() {
			err := store.WriteFileAtomic(p, func(w io.Writer) error { return annotate.WriteITKSnap(w, descs) })
			return func() {
				if err != nil {
					d.fail(err)
					return
				}
				d.say("label description written to " + p)
			}
		})
	})
}

// importLabels takes the colours and visibility of one map's labels from
// an ITK-SNAP label description into scene sc.
func (d *dialogs) importLabels(sc *sliceview.Scene, regions bool) {
	d.loadFile("Import ITK-SNAP label description", func(p string) {
		d.work.Go(func() func() {
			ds, err := readLabelDescs(p)
			return func() { d.applyLabelFile(sc, regions, p, ds, err) }
		})
	})
}

// readLabelDescs reads an ITK-SNAP label description file (off the UI
// thread).
func readLabelDescs(p string) ([]annotate.LabelDesc, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return annotate.ReadITKSnap(f, filepath.Base(p))
}

// applyLabelFile takes the colours and visibility read from file p.
func (d *dialogs) applyLabelFile(sc *sliceview.Scene, regions bool, p string, ds []annotate.LabelDesc, err error) {
	if err != nil {
		d.fail(err)
		return
	}
	var n int
	var unknown []int
	sc.UpdateStyle(func(st *viewer.Style) { n, unknown = applyLabelDescs(regions, st, ds) })
	msg := fmt.Sprintf("Took colours and visibility of %d labels from %s.", n, filepath.Base(p))
	if len(unknown) > 0 {
		msg += fmt.Sprintf("\nIgnored labels this map does not define: %s.", strings.Trim(fmt.Sprint(unknown), "[]"))
	}
	dialog.ShowInformation("Labels imported", msg, d.win)
}

// askText asks for one line of text.
func (d *dialogs) askText(title, label string, then func(string)) {
	e := noteEntry("")
	// The question above the box, wrapped: as a form label a long one
	// (an override's reasons) squeezed the box to a character's width.
	q := widget.NewLabel(label)
	q.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustomConfirm(title, "OK", "Cancel", container.NewVBox(q, e), func(ok bool) {
		if ok {
			then(e.Text)
		}
	}, d.win)
	dlg.Resize(fyne.NewSize(FormWidth, dlg.MinSize().Height))
	dlg.Show()
	d.win.Canvas().Focus(e)
}
