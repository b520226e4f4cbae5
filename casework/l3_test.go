package casework

import (
	"strings"
	"testing"

	"github.com/saros-review/saros-review/volume/dicom"
)

// TestPatientHeight: PatientSize in metres is the height; absent, empty
// and 0 are none; centimetres and text are refused naming the value.
func TestPatientHeight(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  float64
		err   string
	}{
		{"1.75", 1.75, ""}, {" 1.6 ", 1.6, ""}, {"", 0, ""}, {"0", 0, ""}, {"-", 0, ""},
		{"175", 0, "looks like centimetres"}, {"tall", 0, "not a number"}, {"3.1", 0, "not a height in metres"},
	} {
		c := &Case{Tags: []dicom.Tag{{Tag: "(0010,0010)", Value: "1.2"}}}
		if tc.value != "-" {
			c.Tags = append(c.Tags, dicom.Tag{Tag: "(0010,1020)", Name: "PatientSize", VR: "DS", Value: tc.value})
		}
		h, err := c.PatientHeight()
		if h != tc.want || (tc.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("PatientSize %q: %g, %v", tc.value, h, err)
		}
		if err != nil && !strings.Contains(err.Error(), "PatientSize") {
			t.Errorf("PatientSize %q: error does not name the tag: %v", tc.value, err)
		}
	}
}
