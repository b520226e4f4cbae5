package app

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	sqdialog "github.com/sqweek/dialog"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume/dicom"
)

// importDICOM asks for a folder of DICOM files and hands it to scan.
func (d *dialogs) importDICOM(scan func(folder string)) {
	d.native(func() (string, error) {
		return sqdialog.Directory().Title("Folder with a DICOM CT series").Browse()
	}, func(p string, ok bool) {
		if !ok {
			dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
				if err == nil && u != nil {
					scan(u.Path())
				}
			}, d.win).Show()
			return
		}
		if p != "" {
			scan(p)
		}
	})
}

// importTarget is where an import goes: the next case folder of data
// set ds (nil: none open), or a case folder beside the DICOM folder.
func importTarget(ds *store.Dataset, src string) string {
	if ds != nil && ds.Kind == store.DatasetFolder {
		return store.NextCaseDir(ds.Root)
	}
	return filepath.Join(filepath.Dir(filepath.Clean(src)), filepath.Base(filepath.Clean(src))+"-case")
}

// ImportDICOM scans src in the background, lets the user pick a series
// (the largest CT series first) and imports it as a case, then opens it.
func (c *Controller) ImportDICOM(src string) { c.importScan(src, "", dicom.Scan) }

// ImportDICOMFile does the same for the series of one DICOM file, as when
// a file manager opens a .dcm with the program: its folder is scanned
// without sub-folders and the file's series is the one offered first.
func (c *Controller) ImportDICOMFile(p string) { c.importScan(filepath.Dir(p), p, dicom.ScanFolder) }

func (c *Controller) importScan(src, prefer string, scan func(string) ([]*dicom.Series, int, []string, error)) {
	c.Work.Go(func() func() {
		all, skipped, warn, err := scan(src)
		return func() {
			if err == nil && len(all) == 0 {
				err = fmt.Errorf("%s: no DICOM image series (%d other files skipped)", src, skipped)
			}
			if err != nil {
				c.showError(err)
				return
			}
			c.dialogs.pickSeries(src, all, skipped, warn, prefer, c.runImport)
		}
	})
}

// pickSeries asks which series to import, the one holding file prefer
// (when given) or else the largest CT series chosen, and hands the
// choice to run.
func (d *dialogs) pickSeries(src string, all []*dicom.Series, skipped int, warn []string, prefer string,
	run func(s *dicom.Series, dst string, opt store.ImportOptions)) {
	var opts []string
	by := map[string]*dicom.Series{}
	chosen := ""
	for _, s := range all {
		o := s.Summary() + " · " + s.UID
		opts = append(opts, o)
		by[o] = s
		for _, f := range s.Files {
			if prefer != "" && chosen == "" && filepath.Clean(f.Path) == filepath.Clean(prefer) {
				chosen = o
			}
		}
	}
	if chosen == "" {
		chosen = opts[0]
	}
	choice := widget.NewRadioGroup(opts, nil)
	choice.SetSelected(chosen)
	resample := widget.NewCheck("Resample to 5 mm slices (as SAROS)", nil)
	keep := widget.NewCheck("Keep the original as image_original.nii.gz", nil)
	// Off by default: the stored tags are de-identified (DICOM PS3.15
	// Annex E basic profile) unless the user asks to keep them.
	keepIDs := widget.NewCheck("Keep identifiers (patient name, id, dates, UIDs) in the stored tags", nil)
	note := fmt.Sprintf("%d series found; %d other files skipped.", len(all), skipped)
	if len(warn) > 0 {
		note += fmt.Sprintf(" %d files could not be read (first: %s).", len(warn), warn[0])
	}
	dst := importTarget(d.work.Dataset(), src)
	var dlg dialog.Dialog
	importBtn := widget.NewButton("Import", func() {
		dlg.Hide()
		mm := 0.0
		if resample.Checked {
			mm = 5
		}
		run(by[choice.Selected], dst, store.ImportOptions{Resample: mm, KeepOriginal: keep.Checked, KeepIdentifiers: keepIDs.Checked})
	})
	importBtn.Importance = widget.HighImportance
	content := container.NewVBox(widget.NewLabel(note), choice, resample, keep, keepIDs,
		widget.NewLabel("into "+dst), container.NewHBox(importBtn, widget.NewButton("Cancel", func() { dlg.Hide() })))
	dlg = dialog.NewCustomWithoutButtons("Import DICOM series", content, d.win)
	dlg.Show()
}

// runImport imports with a progress bar and opens the new case.
func (c *Controller) runImport(s *dicom.Series, dst string, opt store.ImportOptions) {
	bar := widget.NewProgressBar()
	c.setContent(container.NewCenter(container.NewVBox(widget.NewLabel("Importing "+s.Summary()+" …"),
		container.NewGridWrap(fyne.NewSize(420, 36), bar))))
	c.Work.Go(func() func() {
		_, warn, err := store.ImportDICOMTo(s, dst, opt, func(done, total int) {
			c.Work.Do(func() { bar.SetValue(float64(done) / float64(total)) })
		})
		return func() {
			if err != nil {
				c.setContent(c.welcome("Import failed"))
				c.showError(err)
				return
			}
			if c.Work.Dataset() != nil && c.Work.Dataset().Kind == store.DatasetFolder && filepath.Dir(dst) == c.Work.Dataset().Root {
				// A new case of the open data set: reopen the set (its
				// worklist, CSV row and review store) on the new case.
				root, id := c.Work.Dataset().Root, filepath.Base(dst)
				c.leave(func() { c.openPath(root, id) })
			} else {
				c.OpenPath(dst)
			}
			if len(warn) > 0 {
				dialog.ShowInformation("Imported with warnings", fmt.Sprint(warn), c.Window)
			}
		}
	})
}
