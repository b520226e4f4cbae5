package nifti

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"unsafe"

	"github.com/klauspost/compress/gzip"
	"github.com/saros-review/saros-review/volume"
)

// WriteLevel is the gzip level of written files: label maps are long runs
// of equal bytes, which the fastest level already shrinks well.
const WriteLevel = gzip.BestSpeed

// WriteLabels writes m as a gzip-compressed NIfTI volume of uint8 to w.
// When like is not nil (the header of the file being replaced) every field
// of it is kept but the datatype, bitpix, scaling and vox_offset, so the
// geometry and metadata survive; like's grid must match m's. With like nil
// a fresh NIfTI-1 header with sform and qform is made from m's grid.
func WriteLabels(w io.Writer, m *volume.LabelMap, like *Header) error {
	h, err := outHeader(m.Grid, like, Uint8)
	if err != nil {
		return fmt.Errorf("write labels: %w", err)
	}
	return writeVolume(w, h, m.Voxels)
}

// WriteImage writes im as a gzip-compressed NIfTI volume of int16 to w,
// keeping like's fields as WriteLabels does.
func WriteImage(w io.Writer, im *volume.Image, like *Header) error {
	h, err := outHeader(im.Grid, like, Int16)
	if err != nil {
		return fmt.Errorf("write image: %w", err)
	}
	var b []byte
	if len(im.Voxels) > 0 {
		b = unsafe.Slice((*byte)(unsafe.Pointer(&im.Voxels[0])), 2*len(im.Voxels))
	}
	return writeVolume(w, h, b)
}

// outHeader prepares the header of a written volume.
func outHeader(g volume.Grid, like *Header, dt Datatype) (*Header, error) {
	if like == nil {
		return NewHeader(g, dt)
	}
	h := *like
	if err := like.Grid().SameAs(g, volume.DefaultTolerance); err != nil {
		return nil, fmt.Errorf("volume does not fit the header it replaces: %w", err)
	}
	h.Datatype, h.Bitpix = dt, int16(8*dt.Size())
	if s, i := h.Scaling(); s != 1 || i != 0 {
		h.SclSlope, h.SclInter = 1, 0
	}
	h.Extra = append([]byte(nil), like.Extra...)
	if len(h.Extra) < 4 {
		h.Extra = append(h.Extra, make([]byte, 4-len(h.Extra))...)
	}
	if h.Magic == "ni1" {
		h.Magic = "n+1"
	}
	return &h, nil
}

// writeVolume writes header, extensions and voxel bytes (host order) as one
// gzip member, swapping bytes on the way for a big-endian header.
func writeVolume(w io.Writer, h *Header, data []byte) error {
	pad := (16 - (h.size()+len(h.Extra))%16) % 16
	h.VoxOffset = float64(h.size() + len(h.Extra) + pad)
	zw, err := gzip.NewWriterLevel(w, WriteLevel)
	if err != nil {
		return err
	}
	if _, err := zw.Write(h.encode()); err != nil {
		return err
	}
	if _, err := zw.Write(append(append([]byte(nil), h.Extra...), make([]byte, pad)...)); err != nil {
		return err
	}
	es := h.Datatype.Size()
	if h.order() == binary.BigEndian && es > 1 {
		err = writeSwapped(zw, data, es)
	} else {
		_, err = zw.Write(data)
	}
	if err != nil {
		return err
	}
	return zw.Close()
}

func writeSwapped(w io.Writer, data []byte, es int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	buf := make([]byte, 1<<20)
	for len(data) > 0 {
		n := min(len(data), len(buf))
		copy(buf, data[:n])
		swapBytes(buf[:n], es)
		if _, err := bw.Write(buf[:n]); err != nil {
			return err
		}
		data = data[n:]
	}
	return bw.Flush()
}
