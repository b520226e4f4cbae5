package review

import (
	"context"
	"errors"
	"time"
)

// Keep renews a session's lock on every tick until ctx ends (a window
// passes time.NewTicker(lease/3).C). Every failed renewal is reported to
// onError, never dropped: a *LockLostError (errors.Is ErrLockLost) ends the
// keeping, the window must turn read-only at once; any other error (the
// store not answering) is reported and the next tick tries again. It
// returns when ctx ends or the lock is lost.
func (s *Store) Keep(ctx context.Context, id, token string, lease time.Duration, ticks <-chan time.Time, onError func(error)) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticks:
		}
		err := s.Renew(ctx, id, token, lease)
		if err == nil || ctx.Err() != nil {
			continue
		}
		onError(err)
		if errors.Is(err, ErrLockLost) {
			return
		}
	}
}
