package dicom

import (
	"fmt"
	"strings"

	dcm "github.com/suyashkumar/dicom"
	"github.com/suyashkumar/dicom/pkg/tag"
)

// Tag is one top-level data element of a DICOM header, ready to show.
type Tag struct {
	Tag   string `json:"tag"` // "(0008,0060)"
	Name  string `json:"name"`
	VR    string `json:"vr"`
	Value string `json:"value"`
}

// maxTagValue caps a shown value; long binary values are only summarised.
const maxTagValue = 200

// KeyTags are the tags a radiologist checks first: who, when, how
// scanned and how the image is placed, in this order.
var KeyTags = []string{
	"(0010,0010)", "(0010,0020)", "(0010,0040)", "(0010,1010)",
	"(0008,0020)", "(0008,0060)", "(0008,0070)", "(0008,1090)",
	"(0008,103E)", "(0020,000E)", "(0018,0050)", "(0018,0060)",
	"(0018,1151)", "(0018,1210)", "(0018,1120)", "(0028,0030)",
	"(0020,0037)", "(0028,1052)", "(0028,1053)", "(0002,0010)",
}

// Tags reads the header of a DICOM file (not its pixel data) and returns
// its top-level elements in file order. Sequences are summarised by their
// item count.
func Tags(path string) (tags []Tag, err error) {
	defer func() {
		if r := recover(); r != nil {
			tags, err = nil, fmt.Errorf("%s: unreadable DICOM (%v)", path, r)
		}
	}()
	if !IsFile(path) {
		return nil, fmt.Errorf("%s: not a DICOM file", path)
	}
	ds, err := parseFile(path, false)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, e := range ds.Elements {
		t := Tag{Tag: fmt.Sprintf("(%04X,%04X)", e.Tag.Group, e.Tag.Element), VR: e.RawValueRepresentation}
		if info, err := tag.Find(e.Tag); err == nil {
			t.Name = info.Name
		} else if e.Tag.Group%2 == 1 {
			t.Name = "Private tag"
		}
		t.Value = value(e)
		tags = append(tags, t)
	}
	return tags, nil
}

// value renders an element's value as text.
func value(e *dcm.Element) string {
	if e.Value == nil {
		return ""
	}
	var s string
	switch v := e.Value.GetValue().(type) {
	case []string:
		s = strings.TrimSpace(strings.Join(v, `\`))
	case []int:
		s = strings.Trim(fmt.Sprint(v), "[]")
	case []float64:
		s = strings.Trim(fmt.Sprint(v), "[]")
	case []byte:
		s = fmt.Sprintf("%d bytes", len(v))
	case []*dcm.SequenceItemValue:
		s = fmt.Sprintf("sequence of %d items", len(v))
	default:
		if e.Tag == tag.PixelData {
			return "pixel data"
		}
		s = e.Value.String()
	}
	if r := []rune(s); len(r) > maxTagValue {
		s = string(r[:maxTagValue]) + "…"
	}
	return s
}
