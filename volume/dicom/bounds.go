package dicom

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	dcm "github.com/suyashkumar/dicom"

	"github.com/suyashkumar/dicom/pkg/tag"
	"github.com/suyashkumar/dicom/pkg/uid"

	"github.com/saros-review/saros-review/internal/regular"
)

// Bounds on a DICOM file's structure, checked by checkStructure before the
// parser sees the file. A CT slice has about 300 elements nested two or
// three sequences deep; a large RT structure set a few tens of thousands.
const (
	// MaxNesting is the deepest nesting of sequences and items accepted.
	MaxNesting = 32
	// MaxElements is the most elements (at any depth) in one file.
	MaxElements = 200_000
)

// ErrStructure is wrapped by every error about a DICOM file whose structure
// is malformed or beyond the bounds above: a length past the end of the
// file or of its sequence, nesting too deep, too many elements.
var ErrStructure = errors.New("malformed DICOM structure")

// undefinedLength is the value length 0xFFFFFFFF: the value ends with a
// delimitation item.
const undefinedLength = 0xFFFFFFFF

// walker steps over a DICOM file's elements exactly as the parser
// (github.com/suyashkumar/dicom v1.1.0, read.go) will read them, but only
// counts and skips: it allocates nothing in proportion to what the file
// claims. Every value length the parser would allocate for is checked here
// against the bytes left in the file or the enclosing sequence or item, so
// a file that passes costs the parser at most about its own size, its
// elements (MaxElements) and its nesting (MaxNesting).
type walker struct {
	f        io.ReadSeeker // under r: long values are skipped by seeking
	r        *bufio.Reader
	pixels   bool // the parser will decode native pixel data
	pos      int64
	bo       binary.ByteOrder
	implicit bool
	elements int
}

// level holds the values of one dataset (the file, or a sequence item)
// that native pixel data is sized by.
type level struct {
	rows, cols, bits, samples, frames int64
}

// checkStructure walks the file at path and returns an error wrapping
// ErrStructure, naming the problem and where, when the parser could be
// made to allocate more than the file holds, recurse too deep or build too
// many elements; nil when the file may be parsed. pixels says the parser
// will decode native pixel data (sized by rows, columns and frames), which
// is then checked against the bytes that hold it.
func checkStructure(path string, pixels bool) error {
	f, err := regular.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	w := &walker{f: f, r: bufio.NewReaderSize(f, 64<<10), bo: binary.LittleEndian, pixels: pixels}
	if err := w.file(st.Size()); err != nil {
		return fmt.Errorf("%w: %w", ErrStructure, err)
	}
	return nil
}

// file walks the preamble, the file meta information and the data set.
func (w *walker) file(size int64) error {
	if err := w.skip(128, size); err != nil {
		return err
	}
	magic, err := w.bytes(4, size)
	if err != nil || string(magic) != "DICM" {
		return errors.New("no DICM marker after the preamble")
	}
	// The file meta information: explicit little endian, led by its
	// group length, which bounds it.
	t, vr, vl, err := w.header(size)
	if err != nil {
		return err
	}
	if t != tag.FileMetaInformationGroupLength || vr != "UL" || vl != 4 {
		return fmt.Errorf("the file meta information does not start with its group length (0002,0000) but with %s", tagString(t))
	}
	b, err := w.bytes(4, size)
	if err != nil {
		return err
	}
	metaEnd := w.pos + int64(binary.LittleEndian.Uint32(b))
	if metaEnd > size {
		return fmt.Errorf("the file meta information claims %d bytes but the file ends at byte %d", metaEnd-w.pos, size)
	}
	syntax := ""
	lv := &level{}
	for w.pos < metaEnd {
		_, err := w.element(metaEnd, 0, lv, func(t tag.Tag, v []byte) {
			if t == tag.TransferSyntaxUID {
				syntax = strings.Trim(string(v), " \x00")
			}
		})
		if err != nil {
			return err
		}
	}
	if syntax == "" {
		return errors.New("the file meta information names no transfer syntax (0002,0010)")
	}
	if syntax == uid.DeflatedExplicitVRLittleEndian {
		return fmt.Errorf("transfer syntax %s (deflated) is not supported", syntax)
	}
	bo, implicit, _ := uid.ParseTransferSyntaxUID(syntax)
	if bo == nil {
		return fmt.Errorf("unknown transfer syntax %q", syntax)
	}
	w.bo, w.implicit = bo, implicit
	lv = &level{}
	for w.pos < size {
		if _, err := w.element(size, 0, lv, nil); err != nil {
			return err
		}
	}
	return nil
}

// header reads an element's tag, VR and value length as the parser does.
func (w *walker) header(limit int64) (t tag.Tag, vr string, vl uint32, err error) {
	b, err := w.bytes(4, limit)
	if err != nil {
		return t, "", 0, err
	}
	t = tag.Tag{Group: w.bo.Uint16(b), Element: w.bo.Uint16(b[2:])}
	if w.implicit || t == tag.Item {
		vr = implicitVR(t)
		b, err := w.bytes(4, limit)
		if err != nil {
			return t, "", 0, err
		}
		return t, vr, w.bo.Uint32(b), nil
	}
	b, err = w.bytes(2, limit)
	if err != nil {
		return t, "", 0, err
	}
	vr = string(b)
	switch vr {
	case "NA", "OB", "OD", "OF", "OL", "OW", "SQ", "UN", "UC", "UR", "UT":
		b, err := w.bytes(6, limit)
		if err != nil {
			return t, "", 0, err
		}
		vl = w.bo.Uint32(b[2:])
		if vl == undefinedLength && (vr == "UC" || vr == "UR" || vr == "UT") {
			return t, vr, 0, fmt.Errorf("element %s of VR %s has an undefined length", tagString(t), vr)
		}
		return t, vr, vl, nil
	}
	b, err = w.bytes(2, limit)
	if err != nil {
		return t, "", 0, err
	}
	vl = uint32(w.bo.Uint16(b))
	if vl == 0xFFFF {
		// The parser reads it as an undefined length, which a value of a
		// short VR cannot have: say what the file holds.
		return t, vr, 0, fmt.Errorf("element %s of VR %s at byte %d has length 0xFFFF, which no value of this VR can have", tagString(t), vr, w.pos-2)
	}
	return t, vr, vl, nil
}

// implicitVR is the VR the parser assumes in implicit syntaxes.
func implicitVR(t tag.Tag) string {
	if t == tag.PixelData || t == tag.OverlayData {
		return "OW"
	}
	if info, err := tag.Find(t); err == nil {
		return info.VRs[0]
	}
	return tag.UnknownVR
}

// element walks one element that must end by limit; depth is its nesting,
// lv the dataset it belongs to, and see (when not nil) is shown the values
// of short top-level elements.
func (w *walker) element(limit int64, depth int, lv *level, see func(tag.Tag, []byte)) (tag.Tag, error) {
	if w.elements++; w.elements > MaxElements {
		return tag.Tag{}, fmt.Errorf("more than %d elements", MaxElements)
	}
	start := w.pos
	t, vr, vl, err := w.header(limit)
	if err != nil {
		return t, fmt.Errorf("element at byte %d: %w", start, err)
	}
	switch tag.GetVRKind(t, vr) {
	case tag.VRItem:
		return t, w.items(vl, limit, depth+1)
	case tag.VRSequence:
		return t, w.sequence(t, vl, limit, depth+1)
	case tag.VRUnknown:
		if vl == undefinedLength {
			return t, w.sequence(t, vl, limit, depth+1)
		}
		return t, w.value(t, vl, limit, nil)
	case tag.VRBytes:
		if vl == undefinedLength {
			return t, w.rawItems(t, limit, false)
		}
		return t, w.value(t, vl, limit, nil)
	case tag.VRPixelData:
		return t, w.pixelData(t, vl, limit, lv)
	}
	var keep func([]byte)
	switch {
	case t == tag.Rows || t == tag.Columns || t == tag.BitsAllocated || t == tag.SamplesPerPixel:
		keep = func(b []byte) {
			if len(b) < 2 {
				return
			}
			v := int64(w.bo.Uint16(b))
			// The parser sizes pixel data by the first of each.
			if p := map[tag.Tag]*int64{tag.Rows: &lv.rows, tag.Columns: &lv.cols, tag.BitsAllocated: &lv.bits, tag.SamplesPerPixel: &lv.samples}[t]; *p == 0 {
				*p = v
			}
		}
	case t == tag.NumberOfFrames:
		keep = func(b []byte) {
			n, err := strconv.ParseInt(strings.Trim(string(b), " \x00"), 10, 64)
			if err == nil && lv.frames == 0 {
				lv.frames = n
			}
		}
	case see != nil && vl <= 256:
		keep = func(b []byte) { see(t, b) }
	}
	return t, w.value(t, vl, limit, keep)
}

// value skips (or, for keep, reads) a value of defined length vl.
func (w *walker) value(t tag.Tag, vl uint32, limit int64, keep func([]byte)) error {
	if vl == undefinedLength {
		return fmt.Errorf("element %s at byte %d has an undefined length", tagString(t), w.pos)
	}
	if int64(vl) > limit-w.pos {
		return fmt.Errorf("element %s at byte %d claims %d bytes but only %d remain%s", tagString(t), w.pos, vl, limit-w.pos, within(limit))
	}
	if keep != nil && vl <= 256 {
		b, err := w.bytes(int(vl), limit)
		if err != nil {
			return err
		}
		keep(b)
		return nil
	}
	return w.skip(int64(vl), limit)
}

// sequence walks a sequence's items, of defined or undefined length.
func (w *walker) sequence(t tag.Tag, vl uint32, limit int64, depth int) error {
	if depth > MaxNesting {
		return fmt.Errorf("sequences nested more than %d deep", MaxNesting)
	}
	end := limit
	if vl != undefinedLength {
		if int64(vl) > limit-w.pos {
			return fmt.Errorf("sequence %s at byte %d claims %d bytes but only %d remain%s", tagString(t), w.pos, vl, limit-w.pos, within(limit))
		}
		end = w.pos + int64(vl)
	}
	for vl == undefinedLength || w.pos < end {
		st, err := w.element(end, depth, &level{}, nil)
		if err != nil {
			return err
		}
		if vl == undefinedLength && st == tag.SequenceDelimitationItem {
			return nil
		}
		if st != tag.Item {
			return fmt.Errorf("sequence %s holds %s where an item belongs", tagString(t), tagString(st))
		}
	}
	return nil
}

// items walks one sequence item's elements (the item's header is read).
func (w *walker) items(vl uint32, limit int64, depth int) error {
	if depth > MaxNesting {
		return fmt.Errorf("sequences nested more than %d deep", MaxNesting)
	}
	end := limit
	if vl != undefinedLength {
		if int64(vl) > limit-w.pos {
			return fmt.Errorf("item at byte %d claims %d bytes but only %d remain%s", w.pos, vl, limit-w.pos, within(limit))
		}
		end = w.pos + int64(vl)
	}
	lv := &level{}
	for vl == undefinedLength || w.pos < end {
		st, err := w.element(end, depth, lv, nil)
		if err != nil {
			return err
		}
		if vl == undefinedLength && st == tag.ItemDelimitationItem {
			return nil
		}
	}
	return nil
}

// rawItems walks an undefined-length OB/OW value or encapsulated pixel
// data: items of defined length up to a sequence delimitation item. As in
// the parser, a tag that is not an item, or an item of undefined length,
// is stepped over by its header alone.
func (w *walker) rawItems(t tag.Tag, limit int64, pixels bool) error {
	for w.pos < limit {
		if w.elements++; w.elements > MaxElements {
			return fmt.Errorf("more than %d elements", MaxElements)
		}
		b, err := w.bytes(8, limit)
		if err != nil {
			return err
		}
		it := tag.Tag{Group: w.bo.Uint16(b), Element: w.bo.Uint16(b[2:])}
		vl := w.bo.Uint32(b[4:])
		if it == tag.SequenceDelimitationItem {
			return nil
		}
		if it != tag.Item || vl == undefinedLength {
			continue
		}
		if int64(vl) > limit-w.pos {
			return fmt.Errorf("a fragment of %s at byte %d claims %d bytes but only %d remain", tagString(t), w.pos, vl, limit-w.pos)
		}
		if err := w.skip(int64(vl), limit); err != nil {
			return err
		}
	}
	if pixels {
		return nil // the parser stops at the end without complaint
	}
	return fmt.Errorf("%s has no sequence delimitation item", tagString(t))
}

// pixelData walks pixel data: encapsulated (undefined length) or native,
// whose size the dataset's rows, columns, samples, bits and frames fix.
func (w *walker) pixelData(t tag.Tag, vl uint32, limit int64, lv *level) error {
	if vl == undefinedLength {
		return w.rawItems(t, limit, true)
	}
	if int64(vl) > limit-w.pos {
		return fmt.Errorf("pixel data at byte %d claims %d bytes but only %d remain%s", w.pos, vl, limit-w.pos, within(limit))
	}
	if !w.pixels {
		return w.skip(int64(vl), limit)
	}
	frames, room := lv.frames, int64(vl)+1
	if frames == 0 {
		frames = 1
	}
	px := lv.rows * lv.cols * max(lv.samples, 1) // each factor is 16 bits
	per := px * max(lv.bits/8, 1)
	if lv.bits == 1 {
		per = px / 8
	}
	if frames < 0 || frames > room || per > room || (per > 0 && frames > room/per) {
		return fmt.Errorf("claims %d frame(s) of %d×%d pixels but its pixel data holds %d bytes", frames, lv.cols, lv.rows, vl)
	}
	return w.skip(int64(vl), limit)
}

// bytes reads n bytes that must lie before limit.
func (w *walker) bytes(n int, limit int64) ([]byte, error) {
	if int64(n) > limit-w.pos {
		return nil, fmt.Errorf("the file or its sequence ends at byte %d, inside an element", limit)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(w.r, b); err != nil {
		return nil, fmt.Errorf("read at byte %d: %w", w.pos, err)
	}
	w.pos += int64(n)
	return b, nil
}

// skip steps over n bytes that must lie before limit.
func (w *walker) skip(n, limit int64) error {
	if n > limit-w.pos {
		return fmt.Errorf("the file or its sequence ends at byte %d, inside an element", limit)
	}
	if b := int64(w.r.Buffered()); n > b {
		// Past what is buffered (pixel data): seek rather than read.
		w.r.Discard(int(b))
		if _, err := w.f.Seek(n-b, io.SeekCurrent); err != nil {
			return fmt.Errorf("seek at byte %d: %w", w.pos, err)
		}
		w.r.Reset(w.f)
	} else if _, err := w.r.Discard(int(n)); err != nil {
		return fmt.Errorf("read at byte %d: %w", w.pos, err)
	}
	w.pos += n
	return nil
}

func within(limit int64) string { return fmt.Sprintf(" (up to byte %d)", limit) }

func tagString(t tag.Tag) string { return fmt.Sprintf("(%04X,%04X)", t.Group, t.Element) }

// parseFile is dcm.ParseFile behind checkStructure: the parser only sees
// files whose structure is within bounds.
// Without pixels, pixel data is skipped (dcm.SkipPixelData).
func parseFile(path string, pixels bool) (dcm.Dataset, error) {
	if err := checkStructure(path, pixels); err != nil {
		return dcm.Dataset{}, err
	}
	if pixels {
		return dcm.ParseFile(path, nil)
	}
	return dcm.ParseFile(path, nil, dcm.SkipPixelData())
}
