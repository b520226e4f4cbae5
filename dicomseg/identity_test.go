package dicomseg

import (
	"errors"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/volume/dicom"
)

// TestCheckIdentity: each of PatientID, study and frame of reference that
// differs from the case's header refuses the SEG, naming both values; a
// case without a header compares the SEG's PatientID with the case id.
func TestCheckIdentity(t *testing.T) {
	tags := []dicom.Tag{{Tag: "(0010,0020)", Value: "Pzero"}, {Tag: "(0020,000D)", Value: "1.2.3"}, {Tag: "(0020,0052)", Value: "1.2.4"}}
	good := SEG{Path: "s.dcm", PatientID: "Pzero", StudyInstance: "1.2.3", FrameOfReferenceUID: "1.2.4"}
	if err := good.CheckIdentity(tags, "case_000", nil); err != nil {
		t.Fatal(err)
	}
	for field, s := range map[string]SEG{
		"PatientID":           {Path: "s.dcm", PatientID: "Pok", StudyInstance: "1.2.3", FrameOfReferenceUID: "1.2.4"},
		"StudyInstanceUID":    {Path: "s.dcm", PatientID: "Pzero", StudyInstance: "1.2.9", FrameOfReferenceUID: "1.2.4"},
		"FrameOfReferenceUID": {Path: "s.dcm", PatientID: "Pzero", StudyInstance: "1.2.3", FrameOfReferenceUID: ""},
	} {
		err := s.CheckIdentity(tags, "case_000", nil)
		var ie *IdentityError
		if !errors.As(err, &ie) || ie.Field != field || !strings.Contains(err.Error(), "dicom-tags.json") {
			t.Errorf("%s: %v", field, err)
		}
	}
	noHeader := SEG{Path: "s.dcm", PatientID: "case_000"}
	if err := noHeader.CheckIdentity(nil, "case_000", nil); err != nil {
		t.Error(err)
	}
	if err := noHeader.CheckIdentity(nil, "case_001", nil); err == nil || !strings.Contains(err.Error(), `"case_000"`) || !strings.Contains(err.Error(), `"case_001"`) {
		t.Errorf("other case id: %v", err)
	}
}

// TestCheckIdentityDeidentified: in a de-identified case (UIDs replaced by
// their hash, PatientID blank) a SEG carrying the source's UIDs matches
// through the hash, one carrying the case's own UIDs matches directly, and
// one of another study or frame of reference is refused; without the hash
// (a case that kept its identifiers) the source's UIDs are compared as
// they are.
func TestCheckIdentityDeidentified(t *testing.T) {
	hash := func(u string) string { return "2.25." + strings.ReplaceAll(u, ".", "") }
	tags := []dicom.Tag{{Tag: "(0010,0020)", Value: ""}, {Tag: "(0020,000D)", Value: hash("1.2.3")}, {Tag: "(0020,0052)", Value: hash("1.2.4")}}
	source := SEG{Path: "s.dcm", PatientID: "Pzero", StudyInstance: "1.2.3", FrameOfReferenceUID: "1.2.4"}
	if err := source.CheckIdentity(tags, "case_000", hash); err != nil {
		t.Errorf("SEG of the source series: %v", err)
	}
	own := SEG{Path: "s.dcm", StudyInstance: hash("1.2.3"), FrameOfReferenceUID: hash("1.2.4")}
	if err := own.CheckIdentity(tags, "case_000", hash); err != nil {
		t.Errorf("SEG exported from the case: %v", err)
	}
	for field, s := range map[string]SEG{
		"StudyInstanceUID":    {Path: "s.dcm", StudyInstance: "1.2.9", FrameOfReferenceUID: "1.2.4"},
		"FrameOfReferenceUID": {Path: "s.dcm", StudyInstance: "1.2.3", FrameOfReferenceUID: ""},
	} {
		err := s.CheckIdentity(tags, "case_000", hash)
		var ie *IdentityError
		if !errors.As(err, &ie) || ie.Field != field || !strings.Contains(err.Error(), "de-identified") {
			t.Errorf("%s: %v", field, err)
		}
	}
	if err := source.CheckIdentity(tags, "case_000", nil); err == nil {
		t.Error("source UIDs matched a hashed case without the hash")
	}
}
