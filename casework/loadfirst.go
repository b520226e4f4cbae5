package casework

import (
	"context"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume"
)

// Load reads case cs as the user sees it (a second reader gets their own
// maps, see Case), the image first: imageReady (when not nil) is called on
// the loading goroutine with the image as soon as it is read, while the
// label maps are still being read; the image is complete and never
// changed afterwards, so a screen may keep and draw it.
func (b Blind) Load(ctx context.Context, cs *store.Case, progress store.Progress, imageReady func(*volume.Image)) (*Case, error) {
	l, err := cs.LoadImageFirst(ctx, progress, func(l *store.Loaded) {
		if imageReady != nil {
			imageReady(l.Image)
		}
	})
	if err != nil {
		return nil, err
	}
	return b.Case(ctx, l)
}
