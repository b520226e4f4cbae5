package store

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/saros-review/saros-review/internal/regular"
	"github.com/saros-review/saros-review/volume/dicom"
)

// DeidentificationFile records what an import left out of DICOMTagsFile.
const DeidentificationFile = "dicom-deidentification.json"

// Deidentification says how the DICOM tags kept with a case were
// de-identified, so a tag panel can say what is missing and why.
type Deidentification struct {
	// Profile names the rules applied ("" when the identifiers were kept).
	Profile string `json:"profile"`
	// Options are the profile's options applied.
	Options []string `json:"options,omitempty"`
	// Removed, Blanked and Replaced list the tags ("(0010,0010) PatientName")
	// dropped, kept with an empty value, and given a new UID.
	Removed  []string `json:"removed,omitempty"`
	Blanked  []string `json:"blanked,omitempty"`
	Replaced []string `json:"replaced,omitempty"`
	// KeptIdentifiers is true when the user asked to keep them all.
	KeptIdentifiers bool `json:"kept_identifiers"`
}

// The profile and option applied by default.
const (
	BasicProfile = "DICOM PS3.15 Annex E Basic Application Level Confidentiality Profile"
	// RetainCharacteristics keeps sex, age, size and weight (PS3.15
	// E.3.8): body composition is read against them.
	RetainCharacteristics = "Retain Patient Characteristics Option"
)

// deidAction is what the basic profile does to a tag: X remove, Z blank
// (empty value), D blank (we keep no dummy values), U new UID.
type deidAction byte

// basicProfile is the part of PS3.15 Table E.1-1 that applies to the
// top-level header of a CT image, with the Retain Patient Characteristics
// option applied (sex, age, size and weight kept). Private tags (odd
// groups) are removed too, as the basic profile requires without the
// Retain Safe Private option. UIDs are replaced by 2.25 UIDs derived from a
// SHA-256 of the original, so one series keeps one UID across imports and
// cases, and the original cannot be read back from it.
var basicProfile = map[string]deidAction{
	// Patient
	"(0010,0010)": 'Z', "(0010,0020)": 'Z', "(0010,0021)": 'X', "(0010,0030)": 'Z', "(0010,0032)": 'X',
	"(0010,0050)": 'X', "(0010,0101)": 'X', "(0010,0102)": 'X', "(0010,1000)": 'X', "(0010,1001)": 'X',
	"(0010,1002)": 'X', "(0010,1005)": 'X', "(0010,1040)": 'X', "(0010,1050)": 'X', "(0010,1060)": 'X',
	"(0010,1080)": 'X', "(0010,1081)": 'X', "(0010,1090)": 'X', "(0010,1100)": 'X', "(0010,2000)": 'X',
	"(0010,2110)": 'X', "(0010,2150)": 'X', "(0010,2152)": 'X', "(0010,2154)": 'X', "(0010,2160)": 'X',
	"(0010,2180)": 'X', "(0010,21A0)": 'X', "(0010,21B0)": 'X', "(0010,21C0)": 'X', "(0010,21D0)": 'X',
	"(0010,21F0)": 'X', "(0010,2203)": 'X', "(0010,4000)": 'X', "(0038,0010)": 'X', "(0038,0014)": 'X',
	"(0038,001E)": 'X', "(0038,0020)": 'X', "(0038,0021)": 'X', "(0038,0040)": 'X', "(0038,0050)": 'X',
	"(0038,0060)": 'X', "(0038,0061)": 'X', "(0038,0062)": 'X', "(0038,0300)": 'X', "(0038,0400)": 'X',
	"(0038,0500)": 'X', "(0038,1234)": 'X', "(0038,4000)": 'X',
	// Study, visit, request
	"(0008,0020)": 'Z', "(0008,0030)": 'Z', "(0008,0050)": 'Z', "(0008,0090)": 'Z', "(0008,0092)": 'X',
	"(0008,0094)": 'X', "(0008,0096)": 'X', "(0008,009C)": 'Z', "(0008,009D)": 'X', "(0008,1030)": 'X',
	"(0008,1048)": 'X', "(0008,1049)": 'X', "(0008,1060)": 'X', "(0008,1062)": 'X', "(0008,1080)": 'X',
	"(0008,1084)": 'X', "(0008,1110)": 'X', "(0008,1111)": 'X', "(0008,1120)": 'X', "(0020,0010)": 'Z',
	"(0032,0012)": 'X', "(0032,1020)": 'X', "(0032,1021)": 'X', "(0032,1030)": 'X', "(0032,1032)": 'X',
	"(0032,1033)": 'X', "(0032,1060)": 'X', "(0032,1070)": 'X', "(0032,4000)": 'X', "(0040,0275)": 'X',
	"(0040,1001)": 'X', "(0040,1004)": 'X', "(0040,1005)": 'X', "(0040,1010)": 'X', "(0040,1011)": 'X',
	"(0040,1102)": 'X', "(0040,1103)": 'X', "(0040,1400)": 'X', "(0040,2001)": 'X', "(0040,2008)": 'X',
	"(0040,2009)": 'X', "(0040,2010)": 'X', "(0040,2016)": 'Z', "(0040,2017)": 'Z', "(0040,2400)": 'X',
	"(0040,3001)": 'X', "(0040,A075)": 'X', "(0040,A123)": 'X',
	// Series, acquisition, equipment, performing staff
	"(0008,0012)": 'X', "(0008,0013)": 'X', "(0008,0021)": 'X', "(0008,0022)": 'X', "(0008,0023)": 'Z',
	"(0008,0024)": 'X', "(0008,0025)": 'X', "(0008,002A)": 'X', "(0008,0031)": 'X', "(0008,0032)": 'X',
	"(0008,0033)": 'Z', "(0008,0034)": 'X', "(0008,0035)": 'X', "(0008,0080)": 'X', "(0008,0081)": 'X',
	"(0008,0082)": 'X', "(0008,1010)": 'X', "(0008,103E)": 'X', "(0008,1040)": 'X', "(0008,1050)": 'X',
	"(0008,1052)": 'X', "(0008,1070)": 'X', "(0008,1072)": 'X', "(0008,2111)": 'X', "(0008,4000)": 'X',
	"(0018,1000)": 'X', "(0018,1002)": 'X', "(0018,1004)": 'X', "(0018,1005)": 'X', "(0018,1007)": 'X',
	"(0018,1008)": 'X', "(0018,1030)": 'X', "(0018,1400)": 'X', "(0018,4000)": 'X', "(0018,700A)": 'X',
	"(0018,9424)": 'X', "(0020,4000)": 'X', "(0040,0241)": 'X', "(0040,0242)": 'X', "(0040,0243)": 'X',
	"(0040,0244)": 'X', "(0040,0245)": 'X', "(0040,0250)": 'X', "(0040,0251)": 'X', "(0040,0253)": 'X',
	"(0040,0254)": 'X', "(0040,0280)": 'X', "(0040,0555)": 'X', "(0040,4036)": 'X',
	"(0040,4037)": 'X', "(0400,0561)": 'X', "(4008,0114)": 'X', "(4008,0119)": 'X', "(4008,011A)": 'X',
	"(0070,0084)": 'Z', "(0088,0140)": 'U', "(0018,A003)": 'X', "(0008,0201)": 'X',
	// UIDs
	"(0002,0003)": 'U', "(0008,0014)": 'U', "(0008,0018)": 'U', "(0008,0058)": 'U', "(0008,1155)": 'U',
	"(0008,3010)": 'U', "(0020,000D)": 'U', "(0020,000E)": 'U', "(0020,0052)": 'U', "(0020,0200)": 'U',
	"(0020,9161)": 'U', "(0020,9164)": 'U', "(0028,1199)": 'U', "(0028,1214)": 'U', "(0040,A124)": 'U',
	"(0040,DB0C)": 'U', "(0040,DB0D)": 'U', "(3006,0024)": 'U', "(3006,00C2)": 'U', "(0062,0021)": 'U',
}

// DeidentifyTags applies the basic profile (basicProfile) to the tags of an
// import and adds Patient Identity Removed and De-identification Method,
// as the profile asks. It returns the tags to keep and the record of what
// was done.
func DeidentifyTags(tags []dicom.Tag) ([]dicom.Tag, Deidentification) {
	d := Deidentification{Profile: BasicProfile, Options: []string{RetainCharacteristics}}
	out := make([]dicom.Tag, 0, len(tags)+2)
	for _, t := range tags {
		name := t.Tag + " " + t.Name
		act, listed := basicProfile[strings.ToUpper(t.Tag)]
		if !listed && privateTag(t.Tag) {
			act = 'X'
		}
		switch act {
		case 'X':
			d.Removed = append(d.Removed, name)
			continue
		case 'Z':
			if t.Value != "" {
				d.Blanked = append(d.Blanked, name)
			}
			t.Value = ""
		case 'U':
			if t.Value != "" {
				t.Value = HashUID(t.Value)
				d.Replaced = append(d.Replaced, name)
			}
		}
		if t.Tag == "(0012,0062)" || t.Tag == "(0012,0063)" {
			continue // written below
		}
		out = append(out, t)
	}
	out = append(out,
		dicom.Tag{Tag: "(0012,0062)", Name: "PatientIdentityRemoved", VR: "CS", Value: "YES"},
		dicom.Tag{Tag: "(0012,0063)", Name: "DeidentificationMethod", VR: "LO", Value: "SAROS Review: " + BasicProfile + ", " + RetainCharacteristics})
	return out, d
}

// privateTag is true for a tag of an odd group, "(0029,1010)".
func privateTag(t string) bool {
	if len(t) != 11 || t[0] != '(' {
		return false
	}
	g, err := strconv.ParseUint(t[1:5], 16, 16)
	return err == nil && g%2 == 1
}

// HashUID replaces a DICOM UID by a 2.25 UID (a decimal 128-bit number)
// derived from its SHA-256: the same UID always gives the same new one,
// so a series stays one series, and the new one does not reveal the old.
func HashUID(uid string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(uid)))
	return "2.25." + new(big.Int).SetBytes(sum[:16]).String()
}

// deidentifyImport applies the import's de-identification choice to the
// tags of an import and returns them with the record of what it did. The
// data set CSV's tcia_series_instance_uid keeps the source series UID: it
// is the data set's link to the archive it came from (TCIA publishes
// de-identified UIDs).
func deidentifyImport(tags []dicom.Tag, keep bool) ([]dicom.Tag, Deidentification) {
	if keep {
		return tags, Deidentification{KeptIdentifiers: true}
	}
	return DeidentifyTags(tags)
}

// maxDeidentificationBytes caps the de-identification record read: it
// lists tag names, a few kilobytes.
const maxDeidentificationBytes = 1 << 20

// ReadDeidentification returns how the DICOM tags of case folder dir were
// de-identified; nil (and no error) for cases without the record. Only a
// regular file of at most 1 MiB is read: a named pipe or a folder in its
// place is an error naming it, not a hang.
func ReadDeidentification(dir string) (*Deidentification, error) {
	p := filepath.Join(dir, DeidentificationFile)
	b, err := regular.ReadFile(p, maxDeidentificationBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	var d Deidentification
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return &d, nil
}
