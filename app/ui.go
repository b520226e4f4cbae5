package app

import (
	"sync"

	"fyne.io/fyne/v2"
)

// uiMu serialises the callbacks background work sends to the interface.
// The desktop driver already runs them one by one on the main thread, so
// it is never contended there; Fyne's test driver runs them on the
// calling goroutine, where two results arriving together would
// otherwise overlap.
var uiMu sync.Mutex

// do runs f on the interface thread, after any other callback.
func do(f func()) {
	fyne.Do(func() {
		uiMu.Lock()
		defer uiMu.Unlock()
		f()
	})
}
