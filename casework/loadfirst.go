package casework

import (
	"context"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume"
)

// LoadImageFirst is Load for a screen that shows the CT before its
// labels: imageReady (when not nil) is called on a loading goroutine with
// the image as soon as it is read, while the label maps are still being
// read; the image is complete and never changed afterwards, so it may be
// kept and drawn. The result and errors are those of Load.
func LoadImageFirst(ctx context.Context, cs *store.Case, progress store.Progress, imageReady func(*volume.Image)) (*Case, error) {
	l, err := cs.LoadImageFirst(ctx, progress, func(l *store.Loaded) {
		if imageReady != nil {
			imageReady(l.Image)
		}
	})
	if err != nil {
		return nil, err
	}
	return FromLoaded(l), nil
}
