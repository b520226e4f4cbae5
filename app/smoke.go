package app

import (
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/saros-review/saros-review/casework"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/viewer"
)

// SmokeTimeout bounds the whole smoke test.
const SmokeTimeout = 20 * time.Second

// SmokeTest checks an installed application end to end in a real window:
// it writes a one-case demo data set to a temporary folder, opens the case,
// waits for its QC and for each of the three views to be painted in the
// window (and checks what they show), saves the label maps and reads them
// back, and checks that Help › About names version. It reports each step
// to out and returns the first failure.
func SmokeTest(version string, out io.Writer) (err error) {
	start := time.Now()
	if runtime.GOOS == "linux" && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New("no display (DISPLAY and WAYLAND_DISPLAY are unset): run it in a desktop session or under xvfb-run")
	}
	dir, err := os.MkdirTemp("", "saros-review-smoke-")
	if err != nil {
		return fmt.Errorf("temporary folder: %w", err)
	}
	defer os.RemoveAll(dir)
	if err := store.WriteDemo(dir, 1); err != nil {
		return err
	}
	step := func(f string, a ...any) {
		fmt.Fprintf(out, "%5.2f s  %s\n", time.Since(start).Seconds(), fmt.Sprintf(f, a...))
	}
	step("demo data set written")
	a := fyneapp.NewWithID(ID)
	c := NewController(a, version)
	result := errors.New("the window closed before the smoke test finished")
	finish := func(e error) {
		result = e
		a.Quit()
	}
	timer := time.AfterFunc(SmokeTimeout, func() {
		fyne.Do(func() { finish(fmt.Errorf("timed out after %s", SmokeTimeout)) })
	})
	defer timer.Stop()
	var screen *CaseScreen
	painted := map[viewer.View]bool{}
	qcDone, saving := false, false
	next := func() { // once QC has run, every view has been painted and the edit lock is taken: save
		if saving || !qcDone || len(painted) < len(viewer.Views) || c.Work.Review() != nil && !c.Work.HoldsLock() {
			return
		}
		saving = true
		for _, v := range viewer.Views {
			if err := checkRendered(screen.Views[v].Capture(256, 256)); err != nil {
				finish(fmt.Errorf("%s view: %w", v, err))
				return
			}
		}
		step("all three views painted in the window")
		c.Save()
	}
	saved := func() {
		ds, err := store.Open(filepath.Join(dir, "case_000"))
		if err == nil {
			_, err = ds.Cases[0].Load(nil)
		}
		if err != nil {
			finish(fmt.Errorf("reading the saved case back: %w", err))
			return
		}
		step("saved and read back")
		about := c.showAbout()
		if !about.Version.Visible() || about.Version.Text != "SAROS Review "+version {
			finish(fmt.Errorf("the About dialog shows %q, not version %s", about.Version.Text, version))
			return
		}
		step("About shows %q", about.Version.Text)
		about.Hide()
		finish(nil)
	}
	// The smoke test follows the model's events, as the window does.
	c.Work.Subscribe(func(ev casework.Event) {
		switch {
		case ev.Kind == casework.Opened:
			screen = c.Screen
			step("case %s shown", ev.Case.ID)
			for _, v := range viewer.Views {
				screen.Views[v].OnFrame = func(time.Duration) { painted[v] = true; next() }
			}
		case ev.Kind == casework.QCDone && screen != nil && !qcDone:
			step("QC ran: %d findings", len(ev.Findings))
			qcDone = true
			next()
		case ev.Kind == casework.ModeChanged && screen != nil:
			next() // the edit lock was taken (saving before it is refused)
		case ev.Kind == casework.Saved:
			saved()
		case ev.Kind == casework.Failed && ev.SaveFailed:
			finish(fmt.Errorf("save: %w", ev.Err))
		}
	})
	c.Start(filepath.Join(dir, "case_000"))
	c.Window.ShowAndRun()
	if result == nil {
		step("smoke test passed")
	}
	return result
}

// checkRendered fails when a view's image is blank: it must show many
// grey levels and colours.
func checkRendered(img image.Image) error {
	if img == nil {
		return errors.New("no image")
	}
	b := img.Bounds()
	levels := map[uint32]bool{}
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			levels[(r>>8)<<16|(g>>8)<<8|bl>>8] = true
		}
	}
	if len(levels) < 64 {
		return fmt.Errorf("only %d colours: nothing rendered", len(levels))
	}
	return nil
}
