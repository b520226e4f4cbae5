package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/saros-review/saros-review/annotate/measure"
	"github.com/saros-review/saros-review/internal/fsperm"
	"github.com/saros-review/saros-review/volume"
)

// MeasurementsFile keeps a case's rulers and regions of interest beside
// its label maps, never in them.
const MeasurementsFile = ".saros-review/measurements.json"

// LoadMeasurements reads the case's measurements and checks them against
// the case's grid g; an absent file is an empty list. A broken file is an
// error naming it and what is wrong.
func (c *Case) LoadMeasurements(g volume.Grid) (*measure.List, error) {
	p := filepath.Join(c.Dir, filepath.FromSlash(MeasurementsFile))
	b, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return &measure.List{Version: measure.Version}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("measurements of %s: %w", c.ID, err)
	}
	l, err := measure.Decode(b, g)
	if err != nil {
		return nil, fmt.Errorf("%s of %s: %w", MeasurementsFile, c.ID, err)
	}
	return l, nil
}

// SaveMeasurements writes the case's measurements atomically (a crash
// leaves the old file or the new one, never half of one).
func (c *Case) SaveMeasurements(l *measure.List) error {
	p := filepath.Join(c.Dir, filepath.FromSlash(MeasurementsFile))
	if err := fsperm.MkdirShared(filepath.Dir(p)); err != nil {
		return fmt.Errorf("measurements of %s: %w", c.ID, err)
	}
	return WriteFileAtomic(p, func(w io.Writer) error { return l.Encode(w) })
}
