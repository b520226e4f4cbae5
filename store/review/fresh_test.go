package review

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

// A team starting on a new data set opens its brand-new SQLite file at the
// same moment: every client must get the store, none "is not answering"
// (one of them switching the file to WAL makes the others meet SQLITE_BUSY
// at once, not after the busy timeout).
func TestFreshSQLiteOpenedTogether(t *testing.T) {
	const files, clients = 30, 6
	for f := 0; f < files; f++ {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("review-%d.sqlite", f))
		var wg sync.WaitGroup
		errs := make([]error, clients)
		for c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s, err := Open(context.Background(), path)
				if err == nil {
					err = s.Close()
				}
				errs[c] = err
			}()
		}
		wg.Wait()
		for c, err := range errs {
			if err != nil {
				t.Fatalf("file %d, client %d: %v", f, c, err)
			}
		}
	}
}
