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
//
// hashUID is nil unless the case was de-identified on import: then its
// UIDs are hashUID of the source's, and a SEG made on the source series
// (an archive's SEG, with the original UIDs) matches through hashUID as
// well as a SEG exported from the case itself.
func (s *SEG) CheckIdentity(tags []dicom.Tag, caseID string, hashUID func(string) string) error {
	if len(tags) == 0 {
		if strings.TrimSpace(s.PatientID) != caseID {
			return &IdentityError{s.Path, "PatientID", s.PatientID, caseID, "the case id, as export-seg writes it for a case not imported from DICOM"}
		}
		return nil
	}
	ref := ReferenceFromTags(tags)
	for _, c := range []struct {
		field, seg, cas string
		uid             bool
	}{
		{"PatientID", s.PatientID, ref.PatientID, false},
		{"StudyInstanceUID", s.StudyInstance, ref.StudyInstanceUID, true},
		{"FrameOfReferenceUID", s.FrameOfReferenceUID, ref.FrameOfReferenceUID, true},
	} {
		seg, cas := strings.TrimSpace(c.seg), strings.TrimSpace(c.cas)
		if cas == "" || seg == cas {
			continue
		}
		if c.uid && hashUID != nil {
			if seg != "" && hashUID(seg) == cas {
				continue
			}
			return &IdentityError{s.Path, c.field, seg, cas, "the case's dicom-tags.json; the case was de-identified, and the SEG's UID is neither its UID nor the source UID it replaced"}
		}
		return &IdentityError{s.Path, c.field, seg, cas, "the case's dicom-tags.json"}
	}
	return nil
}
