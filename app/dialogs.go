package app

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	sqdialog "github.com/sqweek/dialog"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/viewer"
)

// nativeDialog runs a sqweek/dialog call off the UI thread. It reports
// false when the native dialog is unavailable (no GTK, no display), so the
// caller falls back to Fyne's own dialog; a cancelled dialog gives "".
func (c *Controller) nativeDialog(call func() (string, error), then func(path string, ok bool)) {
	c.Work.Go(func() func() {
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

func (c *Controller) openFolderDialog() {
	c.nativeDialog(func() (string, error) {
		return sqdialog.Directory().Title("Open data set folder").Browse()
	}, func(p string, ok bool) {
		if !ok {
			d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
				if err == nil && u != nil {
					c.OpenPath(u.Path())
				}
			}, c.Window)
			d.Show()
			return
		}
		if p != "" {
			c.OpenPath(p)
		}
	})
}

func (c *Controller) openFileDialog() {
	c.nativeDialog(func() (string, error) {
		return sqdialog.File().Title("Open NIfTI image").Filter("NIfTI images", "nii", "gz").Load()
	}, func(p string, ok bool) {
		if !ok {
			d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
				if err == nil && r != nil {
					r.Close()
					c.OpenPath(r.URI().Path())
				}
			}, c.Window)
			d.SetFilter(storage.NewExtensionFileFilter([]string{".nii", ".gz"}))
			d.Show()
			return
		}
		if p != "" {
			c.OpenPath(p)
		}
	})
}

func (c *Controller) writeDemoDialog() {
	c.nativeDialog(func() (string, error) {
		return sqdialog.Directory().Title("Folder for the demo data set").Browse()
	}, func(p string, ok bool) {
		write := func(dir string) {
			c.Work.Go(func() func() {
				err := store.WriteDemo(filepath.Join(dir, "saros-demo"), 4)
				return func() {
					if err != nil {
						c.showError(err)
						return
					}
					c.OpenPath(filepath.Join(dir, "saros-demo"))
				}
			})
		}
		if !ok {
			dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
				if err == nil && u != nil {
					write(u.Path())
				}
			}, c.Window).Show()
			return
		}
		if p != "" {
			write(p)
		}
	})
}

// saveFile asks for a file to write, natively or with Fyne's dialog.
// kind and ext name the file type for the native dialog's filter.
func (c *Controller) saveFile(title, name, kind, ext string, then func(path string)) {
	c.nativeDialog(func() (string, error) {
		return sqdialog.File().Title(title).SetStartFile(name).Filter(kind, ext).Save()
	}, func(p string, ok bool) {
		if !ok {
			d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
				if err == nil && w != nil {
					w.Close()
					then(w.URI().Path())
				}
			}, c.Window)
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
func (c *Controller) loadFile(title string, then func(path string)) {
	c.nativeDialog(func() (string, error) {
		return sqdialog.File().Title(title).Filter("Label description", "txt").Load()
	}, func(p string, ok bool) {
		if !ok {
			dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
				if err == nil && r != nil {
					r.Close()
					then(r.URI().Path())
				}
			}, c.Window).Show()
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

func (c *Controller) exportLabels(regions bool) {
	if c.Screen == nil {
		return
	}
	st := c.Screen.Scene.Style()
	name := map[bool]string{true: "body-regions-labels.txt", false: "body-parts-labels.txt"}[regions]
	c.saveFile("Export ITK-SNAP label description", name, "Label description", "txt", func(p string) {
		descs := labelDescs(regions, &st) // read the style here, on the UI thread
		c.Work.Go(func() func() {
			err := store.WriteFileAtomic(p, func(w io.Writer) error { return annotate.WriteITKSnap(w, descs) })
			return func() {
				if err != nil {
					c.showError(err)
					return
				}
				c.say("label description written to " + p)
			}
		})
	})
}

func (c *Controller) importLabels(regions bool) {
	if c.Screen == nil {
		return
	}
	c.loadFile("Import ITK-SNAP label description", func(p string) {
		c.Work.Go(func() func() {
			ds, err := readLabelDescs(p)
			return func() { c.applyLabelFile(regions, p, ds, err) }
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
func (c *Controller) applyLabelFile(regions bool, p string, ds []annotate.LabelDesc, err error) {
	if err != nil {
		c.showError(err)
		return
	}
	if c.Screen == nil {
		return
	}
	var n int
	var unknown []int
	c.Screen.Scene.UpdateStyle(func(st *viewer.Style) { n, unknown = applyLabelDescs(regions, st, ds) })
	msg := fmt.Sprintf("Took colours and visibility of %d labels from %s.", n, filepath.Base(p))
	if len(unknown) > 0 {
		msg += fmt.Sprintf("\nIgnored labels this map does not define: %s.", strings.Trim(fmt.Sprint(unknown), "[]"))
	}
	dialog.ShowInformation("Labels imported", msg, c.Window)
}
