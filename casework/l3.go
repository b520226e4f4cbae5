package casework

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/saros-review/saros-review/annotate/bodycomp"
	"github.com/saros-review/saros-review/store"
)

// MinHeightM and MaxHeightM bound a patient height in metres.
const MinHeightM, MaxHeightM = 0.5, 2.5

// CheckHeight refuses a height that is not metres of a person; what names
// the value and where it came from in the message.
func CheckHeight(h float64, what string) error {
	if math.IsNaN(h) || math.IsInf(h, 0) || h < MinHeightM || h > MaxHeightM {
		hint := ""
		if h >= 50 && h <= 250 {
			hint = fmt.Sprintf(" (%g looks like centimetres: %g m)", h, h/100)
		}
		return fmt.Errorf("%s is not a height in metres (%g to %g)%s", what, MinHeightM, MaxHeightM, hint)
	}
	return nil
}

// PatientHeight is DICOM PatientSize (0010,1020) of the case's kept tags,
// in metres; 0 when there is none (absent, empty or 0, as scanners write
// for unknown). A value that is not a height in metres is an error.
func (c *Case) PatientHeight() (float64, error) {
	for _, t := range c.Tags {
		if t.Tag != "(0010,1020)" {
			continue
		}
		raw := strings.TrimSpace(t.Value)
		if raw == "" {
			return 0, nil
		}
		v, err := strconv.ParseFloat(raw, 64)
		if err == nil && v == 0 {
			return 0, nil
		}
		what := fmt.Sprintf("PatientSize %q in %s", raw, store.DICOMTagsFile)
		if err != nil {
			return 0, fmt.Errorf("%s is not a number", what)
		}
		if err := CheckHeight(v, what); err != nil {
			return 0, err
		}
		return v, nil
	}
	return 0, nil
}

// SetL3 makes ch the open case's L3 choice and keeps it in the case
// folder (when the case has one) in the background; a failure to write
// is a Failed event. A read-only case keeps it in memory only and says so.
func (w *Workspace) SetL3(ch store.L3Choice) {
	c := w.open
	if c == nil {
		return
	}
	c.L3 = &ch
	if c.Loaded == nil {
		return
	}
	if why := w.noFileWrite(c); why != "" {
		w.emit(Event{Kind: Message, Case: c, Text: why + ": the L3 slice is kept on screen only, not saved"})
		return
	}
	cs := c.Loaded.Case
	w.Go(func() func() {
		if err := cs.SaveL3(&ch); err != nil {
			return func() { w.fail(c, "keep the L3 slice", fmt.Errorf("%s: %w", cs.ID, err)) }
		}
		return nil
	})
}

// ReadVertebrae reads BOA's vertebrae.json at path in the background and
// hands the vertebrae (or why not) to then on the owner's goroutine.
func (w *Workspace) ReadVertebrae(path string, then func(map[string][2]int, error)) {
	w.Go(func() func() {
		v, err := bodycomp.ReadVertebrae(path)
		return func() { then(v, err) }
	})
}

// loadL3 reads the L3 choice kept beside the maps of l into c.
func (c *Case) loadL3(l *store.Loaded) {
	ch, err := l.Case.LoadL3()
	if err != nil {
		c.loadErrs = append(c.loadErrs, err)
		return
	}
	c.L3 = ch
}
