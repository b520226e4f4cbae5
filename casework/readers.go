package casework

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/internal/fsperm"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// ReadersDir is the folder, inside a case folder, of the maps of second
// readers: ReadersDir/<login>/ holds a reader's two maps, never the
// case's own.
const ReadersDir = ".saros-review/readers"

// ReaderDir is the folder of login's maps of the case in caseDir; an error
// when the login cannot be a folder name.
func ReaderDir(caseDir, login string) (string, error) {
	if err := review.CheckReaderName(login); err != nil {
		return "", err
	}
	return filepath.Join(caseDir, filepath.FromSlash(ReadersDir), login), nil
}

// Blind is what opening a case needs to show a second reader their own
// maps: the review store and the user, taken on the owner's goroutine.
type Blind struct {
	rv   *review.Store
	user string
}

// Blind is the user's blind-reading view of the cases to open.
func (w *Workspace) Blind() Blind { return Blind{rv: w.team.store, user: w.team.user} }

// Case makes the case of files read (in a goroutine). When the user is
// the case's second reader, the maps in l are replaced before the case
// is made, so the first reader's maps are never shown nor kept in the
// edit session: by the reader's own maps when they saved some, else by
// the proposal (the maps the first save replaced: the first revision in
// the history), else (no revision yet: the annotator has saved nothing)
// the case's maps as they are, which are then still the proposal. Their
// saves go to their own folder (see Case.Reader) and no autosave is
// offered or written.
func (b Blind) Case(ctx context.Context, l *store.Loaded) (*Case, error) {
	reader := ""
	if b.rv != nil && l.Case.Dir != "" && l.Regions != nil && l.Parts != nil {
		second, err := b.rv.SecondReader(ctx, l.Case.ID)
		if err != nil {
			return nil, err
		}
		if second != "" && second == b.user {
			maps, err := readerStart(ctx, b.rv, l, second)
			if err != nil {
				return nil, fmt.Errorf("open %s as its second reader: %w", l.Case.ID, err)
			}
			if maps != nil {
				l.Regions = &volume.LabelMap{Grid: l.Regions.Grid, Voxels: maps[0]}
				l.Parts = &volume.LabelMap{Grid: l.Parts.Grid, Voxels: maps[1]}
			}
			reader = second
		}
	}
	c := FromLoaded(l)
	if reader != "" {
		c.Reader, c.RecoveredAt = reader, time.Time{} // the autosave is the first reader's
	}
	return c, nil
}

// readerStart is the maps a second reader starts from: their own, else
// the proposal; nil to keep the case's maps.
func readerStart(ctx context.Context, rv *review.Store, l *store.Loaded, login string) (*[2][]uint8, error) {
	maps, ok, err := readReaderMaps(l, login)
	if err != nil || ok {
		return &maps, err
	}
	revs, err := rv.Revisions(ctx, l.Case.ID)
	if err != nil {
		return nil, err
	}
	first, ok := Proposal(revs)
	if !ok {
		return nil, nil
	}
	maps, err = revisionMaps(l, first)
	return &maps, err
}

// readReaderMaps reads login's maps of the case; ok false when they have
// saved none.
func readReaderMaps(l *store.Loaded, login string) (out [2][]uint8, ok bool, err error) {
	dir, err := ReaderDir(l.Case.Dir, login)
	if err != nil {
		return out, false, err
	}
	if _, err := os.Stat(filepath.Join(dir, store.RegionsFile)); os.IsNotExist(err) {
		return out, false, nil
	}
	for m, name := range []string{store.RegionsFile, store.PartsFile} {
		lm, _, err := nifti.LoadLabels(filepath.Join(dir, name), nil)
		if err != nil {
			return out, false, err
		}
		if err := l.Image.SameAs(lm.Grid, volume.DefaultTolerance); err != nil {
			return out, false, fmt.Errorf("%s: %v", filepath.Join(dir, name), err)
		}
		out[m] = lm.Voxels
	}
	return out, true, nil
}

// saveReader writes the second reader's maps of c to their own folder,
// each file atomically; the case's maps are not touched.
func (w *Workspace) saveReader(c *Case, finish func(error)) {
	sess := c.Edit
	at := sess.SavePoint()
	r, p := sess.Copies()
	l, login := c.Loaded, c.Reader
	activeMS := w.save.activity.Take().Milliseconds()
	fence := w.fence(c)
	w.save.running = true
	w.Go(func() func() {
		dir, err := ReaderDir(l.Case.Dir, login)
		if err == nil && fence != nil {
			err = fence() // this window still holds the reader's lock
		}
		if err == nil {
			err = fsperm.MkdirShared(dir)
		}
		for _, f := range []struct {
			name string
			m    *volume.LabelMap
			like *nifti.Header
		}{{store.RegionsFile, r, l.RegionsHeader}, {store.PartsFile, p, l.PartsHeader}} {
			if err != nil {
				break
			}
			err = store.WriteFileAtomic(filepath.Join(dir, f.name), func(out io.Writer) error { return nifti.WriteLabels(out, f.m, f.like) })
		}
		per := r.Dims[0] * r.Dims[1]
		saved := [2]annotate.Snapshot{annotate.NewSnapshot(r.Voxels, per), annotate.NewSnapshot(p.Voxels, per)}
		return func() {
			w.save.running = false
			if err != nil {
				w.save.activity.Add(time.Duration(activeMS) * time.Millisecond) // counted at the next save
				w.emit(Event{Kind: Failed, Case: c, SaveFailed: true,
					Err: fmt.Errorf("could not save your reading of %s; every edit is still here: %w", c.ID, err)})
				finish(err)
				return
			}
			sess.MarkSaved(at, saved)
			w.emit(Event{Kind: Saved, Case: c, Text: dir})
			w.recordReading(c, r, p, activeMS)
			finish(nil)
		}
	})
}

// ReaderMaps reads the maps of the second reader of the open case, in
// the background; then gets the reader's login and maps on the owner's
// goroutine. An error (no second reader, nothing saved) is a Failed event.
func (w *Workspace) ReaderMaps(then func(login string, maps [2][]uint8)) {
	c := w.open
	if c == nil || c.Loaded == nil {
		return
	}
	var login string
	var maps [2][]uint8
	w.call(c, "read the second reader's maps of "+c.ID, func(ctx context.Context, rv *review.Store) error {
		var err error
		if login, err = rv.SecondReader(ctx, c.ID); err != nil {
			return err
		}
		if login == "" {
			return fmt.Errorf("%s has no second reader: assign one first", c.ID)
		}
		var ok bool
		if maps, ok, err = readReaderMaps(c.Loaded, login); err == nil && !ok {
			err = fmt.Errorf("%s, the second reader of %s, has saved no maps yet", login, c.ID)
		}
		return err
	}, func() { then(login, maps) })
}

// SecondReader reads the second reader of case id ("" when none); then
// gets it on the owner's goroutine.
func (w *Workspace) SecondReader(id string, then func(login string)) {
	var login string
	w.call(nil, "read the second reader of "+id, func(ctx context.Context, rv *review.Store) (err error) {
		login, err = rv.SecondReader(ctx, id)
		return err
	}, func() { then(login) })
}

// SetSecondReader makes login (made known to the store first) the second
// reader of case id, or removes it when login is empty; done runs when it
// is stored.
func (w *Workspace) SetSecondReader(id, login string, done func()) {
	user := w.team.user
	w.call(nil, "set the second reader of "+id, func(ctx context.Context, rv *review.Store) error {
		if login != "" {
			if _, err := rv.Identify(ctx, login); err != nil {
				return err
			}
		}
		return rv.SetSecondReader(ctx, user, id, login)
	}, done)
}

// ErrBlind refuses a second reader the case's history: the maps a later
// save replaced are the first reader's.
var ErrBlind = fmt.Errorf("you are this case's second reader and read it blind: its history holds the first reader's maps")

// blindRefuses says (with a Failed event) when c is open for its second
// reader, who may not read the case's revisions.
func (w *Workspace) blindRefuses(c *Case) bool {
	if c.Reader == "" {
		return false
	}
	w.fail(c, "read the history of "+c.ID, ErrBlind)
	return true
}
