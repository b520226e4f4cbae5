package measure

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/saros-review/saros-review/volume"
)

// Version is the version of the list's file format.
const Version = 1

// MaxItems bounds the measurements of one case, so a hostile file cannot
// make the list unbounded (a busy reading has a few dozen).
const MaxItems = 10000

// List is a case's measurements, in the order they were made. IDs are
// unique and never reused within the list.
type List struct {
	Version int           `json:"version"`
	Items   []Measurement `json:"measurements"`
}

// Add checks m on grid g, gives it the next free ID and appends it; it
// returns the ID.
func (l *List) Add(g volume.Grid, m Measurement) (int, error) {
	if len(l.Items) >= MaxItems {
		return 0, fmt.Errorf("measurements: already %d, the most a case keeps", len(l.Items))
	}
	m.ID = 1
	for _, x := range l.Items {
		m.ID = max(m.ID, x.ID+1)
	}
	m.Points = append([]Point(nil), m.Points...)
	if err := m.Check(g); err != nil {
		return 0, err
	}
	l.Items = append(l.Items, m)
	return m.ID, nil
}

// Remove deletes the measurement with the ID; it reports whether there
// was one.
func (l *List) Remove(id int) bool {
	for x := range l.Items {
		if l.Items[x].ID == id {
			l.Items = append(l.Items[:x], l.Items[x+1:]...)
			return true
		}
	}
	return false
}

// Find returns the measurement with the ID, or nil.
func (l *List) Find(id int) *Measurement {
	for x := range l.Items {
		if l.Items[x].ID == id {
			return &l.Items[x]
		}
	}
	return nil
}

// Decode reads a list written by Encode and checks every measurement
// against grid g: an unknown version, a broken file, a duplicate ID or a
// measurement that does not fit the grid is an error saying which.
func Decode(b []byte, g volume.Grid) (*List, error) {
	var l List
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&l); err != nil {
		return nil, fmt.Errorf("measurements: %w", err)
	}
	if d.More() {
		return nil, errors.New("measurements: data after the list")
	}
	if l.Version != Version {
		return nil, fmt.Errorf("measurements: version %d, this program reads %d", l.Version, Version)
	}
	if len(l.Items) > MaxItems {
		return nil, fmt.Errorf("measurements: %d, more than the %d a case keeps", len(l.Items), MaxItems)
	}
	seen := map[int]bool{}
	for x := range l.Items {
		m := &l.Items[x]
		if m.ID <= 0 || seen[m.ID] {
			return nil, fmt.Errorf("measurements: entry %d has id %d (ids are positive and unique)", x+1, m.ID)
		}
		seen[m.ID] = true
		if err := m.Check(g); err != nil {
			return nil, err
		}
	}
	return &l, nil
}

// Encode writes the list as indented JSON.
func (l *List) Encode(w io.Writer) error {
	out := List{Version: Version, Items: l.Items}
	if out.Items == nil {
		out.Items = []Measurement{}
	}
	e := json.NewEncoder(w)
	e.SetIndent("", "  ")
	return e.Encode(out)
}

// PlaneName names the plane normal to array axis a of grid g by the world
// axis it is nearest to: "axial", "coronal" or "sagittal" ("oblique" when
// the affine does not say).
func PlaneName(g volume.Grid, a volume.Axis) string {
	switch volume.Orientation(g.Affine)[a][0] {
	case 0:
		return "sagittal"
	case 1:
		return "coronal"
	case 2:
		return "axial"
	}
	return "oblique"
}

// WriteCSV writes one row per measurement of the list, measured on im:
// id, name, kind, plane, axis, slice, length (mm), area (mm²), voxels,
// mean, SD, min and max HU, and the points in world RAS mm
// ("x y z; x y z; …"). Figures a kind has not are empty.
func WriteCSV(w io.Writer, l *List, im *volume.Image) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "name", "kind", "plane", "axis", "slice", "length_mm", "area_mm2", "voxels",
		"mean_hu", "sd_hu", "min_hu", "max_hu", "points_ras_mm"})
	f := func(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }
	for x := range l.Items {
		m := &l.Items[x]
		r, err := m.Measure(im)
		if err != nil {
			return err
		}
		rec := []string{strconv.Itoa(m.ID), m.Name, string(m.Kind), PlaneName(im.Grid, m.Axis), m.Axis.String(), strconv.Itoa(m.Slice)}
		if m.Kind == Ruler {
			rec = append(rec, f(r.LengthMM, 2), "", "", "", "", "", "")
		} else {
			rec = append(rec, "", f(r.AreaMM2, 2), strconv.Itoa(r.N))
			if r.N > 0 {
				rec = append(rec, f(r.Mean, 2), f(r.SD, 2), f(r.Min, 0), f(r.Max, 0))
			} else {
				rec = append(rec, "", "", "", "")
			}
		}
		var pts []string
		for _, p := range m.Points {
			q := im.World(m.Voxel(p)[0], m.Voxel(p)[1], m.Voxel(p)[2])
			pts = append(pts, f(q[0], 2)+" "+f(q[1], 2)+" "+f(q[2], 2))
		}
		cw.Write(append(rec, strings.Join(pts, "; ")))
	}
	cw.Flush()
	return cw.Error()
}
