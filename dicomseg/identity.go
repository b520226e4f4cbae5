package dicomseg

import (
	"fmt"
	"strings"

	"github.com/saros-review/saros-review/volume/dicom"
)

// IdentityError says that a SEG belongs to another patient, study or
// frame of reference than the case it is imported into.
type IdentityError struct {
	Path       string
	Field      string // "PatientID", "StudyInstanceUID" or "FrameOfReferenceUID"
	SEG, Case  string // the two values
	CaseSource string // where the case's value comes from
}

// Error names both values and where each comes from.
func (e *IdentityError) Error() string {
	return fmt.Sprintf("SEG %s is of %s %q, the case's %s is %q (from %s)", e.Path, e.Field, e.SEG, e.Field, e.Case, e.CaseSource)
}

// CheckIdentity makes sure SEG s belongs to the case it is imported into.
// A case imported from DICOM (tags from its dicom-tags.json) must share
// the SEG's PatientID, StudyInstanceUID and FrameOfReferenceUID (a value
// the case lacks, e.g. after anonymisation, is not compared). A case not
// made from DICOM has no such UIDs; its SEGs, as export-seg writes them,
// carry the case id as PatientID, so that must match caseID.
func (s *SEG) CheckIdentity(tags []dicom.Tag, caseID string) error {
	if len(tags) == 0 {
		if strings.TrimSpace(s.PatientID) != caseID {
			return &IdentityError{s.Path, "PatientID", s.PatientID, caseID, "the case id, as export-seg writes it for a case not imported from DICOM"}
		}
		return nil
	}
	ref := ReferenceFromTags(tags)
	for _, c := range []struct{ field, seg, cas string }{
		{"PatientID", s.PatientID, ref.PatientID},
		{"StudyInstanceUID", s.StudyInstance, ref.StudyInstanceUID},
		{"FrameOfReferenceUID", s.FrameOfReferenceUID, ref.FrameOfReferenceUID},
	} {
		seg, cas := strings.TrimSpace(c.seg), strings.TrimSpace(c.cas)
		if cas != "" && seg != cas {
			return &IdentityError{s.Path, c.field, seg, cas, "the case's dicom-tags.json"}
		}
	}
	return nil
}
