package assets

import (
	"bytes"
	"encoding/binary"
	"image/png"
)

// IconSizes are the square sizes the icon is drawn at for installers: the
// PNGs in icon/ and the images inside icon/saros-review.ico.
var IconSizes = []int{16, 32, 48, 256}

// ICO packs the icon at every IconSizes size into one Windows .ico file
// (PNG-compressed entries, read by Windows Vista and later), so Explorer,
// the taskbar and the Start menu each take the size drawn for them instead
// of scaling the 256 px image down.
func ICO() ([]byte, error) {
	var images [][]byte
	for _, s := range IconSizes {
		var b bytes.Buffer
		if err := png.Encode(&b, Icon(s)); err != nil {
			return nil, err
		}
		images = append(images, b.Bytes())
	}
	var out bytes.Buffer
	// ICONDIR: reserved, type 1 (icon), count.
	binary.Write(&out, binary.LittleEndian, [3]uint16{0, 1, uint16(len(images))})
	offset := 6 + 16*len(images)
	for i, s := range IconSizes {
		dim := uint8(s) // 256 is written as 0
		// ICONDIRENTRY: width, height, colours, reserved, planes, bits, size, offset.
		out.Write([]byte{dim, dim, 0, 0})
		binary.Write(&out, binary.LittleEndian, [2]uint16{1, 32})
		binary.Write(&out, binary.LittleEndian, [2]uint32{uint32(len(images[i])), uint32(offset)})
		offset += len(images[i])
	}
	for _, im := range images {
		out.Write(im)
	}
	return out.Bytes(), nil
}
