package bodycomp

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/saros-review/saros-review/volume/dicom"
)

// MinHeightM and MaxHeightM bound a patient height in metres: outside
// them a value is a typing error or centimetres, and would make the SMI
// meaningless.
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

// PatientHeight is DICOM PatientSize (0010,1020) of tags, in metres; 0
// when there is none (absent, empty or 0, as scanners write for unknown).
// A value that is not a height in metres is an error naming it and file,
// where the tags were kept.
func PatientHeight(tags []dicom.Tag, file string) (float64, error) {
	for _, t := range tags {
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
		what := fmt.Sprintf("PatientSize %s in %s", raw, file)
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
