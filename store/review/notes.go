package review

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// Flag categories.
const (
	WrongLabel      = "wrong label"
	MissedStructure = "missed structure"
	Artefact        = "artefact"
	Laterality      = "laterality"
	Other           = "other"
)

// Flag marks a problem at a slice (and optionally a label and voxel).
type Flag struct {
	ID         int64
	Case       string
	Map        string // regions or parts
	Slice      int
	Label      int // −1 for none
	I, J       int // −1 for none
	Category   string
	Comment    string
	Author     string
	Created    int64
	ResolvedBy string // "" while open
	Reply      string
	Resolved   int64
}

// AddFlag records a flag and returns its id.
func (s *Store) AddFlag(ctx context.Context, f Flag) (int64, error) {
	switch f.Category {
	case WrongLabel, MissedStructure, Artefact, Laterality, Other:
	default:
		return 0, fmt.Errorf("flag %s slice %d: unknown category %q", f.Case, f.Slice, f.Category)
	}
	f.Author = s.who(f.Author)
	var id int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO flags (case_id, map, slice, label, i, j, category, comment, author, created, dataset)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		f.Case, f.Map, f.Slice, f.Label, f.I, f.J, f.Category, f.Comment, f.Author, s.now(), s.dataset).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("flag %s slice %d: %w", f.Case, f.Slice, err)
	}
	return id, nil
}

// ResolveFlag closes a flag with a reply.
func (s *Store) ResolveFlag(ctx context.Context, actor string, id int64, reply string) error {
	actor = s.who(actor)
	res, err := s.db.ExecContext(ctx, `UPDATE flags SET resolved_by = $1, reply = $2, resolved = $3 WHERE id = $4 AND resolved_by IS NULL AND dataset = $5`,
		actor, reply, s.now(), id, s.dataset)
	if err != nil {
		return fmt.Errorf("resolve flag %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("resolve flag %d: %w", id, ErrConflict)
	}
	return nil
}

// Flags lists a case's flags, oldest first.
func (s *Store) Flags(ctx context.Context, id string) ([]Flag, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, case_id, map, slice, label, i, j, category, comment, author, created,
		resolved_by, reply, resolved FROM flags WHERE case_id = $1 AND dataset = $2 ORDER BY id`, id, s.dataset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Flag
	for rows.Next() {
		var f Flag
		var by, reply sql.NullString
		var resolved sql.NullInt64
		if err := rows.Scan(&f.ID, &f.Case, &f.Map, &f.Slice, &f.Label, &f.I, &f.J, &f.Category, &f.Comment, &f.Author, &f.Created,
			&by, &reply, &resolved); err != nil {
			return nil, err
		}
		f.ResolvedBy, f.Reply, f.Resolved = by.String, reply.String, resolved.Int64
		out = append(out, f)
	}
	return out, rows.Err()
}

// Comment is one message of a case's thread.
type Comment struct {
	Author, Text string
	Created      int64
}

// AddComment adds to a case's thread.
func (s *Store) AddComment(ctx context.Context, actor, id, text string) error {
	actor = s.who(actor)
	_, err := s.db.ExecContext(ctx, `INSERT INTO comments (case_id, author, text, created, dataset) VALUES ($1, $2, $3, $4, $5)`, id, actor, text, s.now(), s.dataset)
	return err
}

// Comments returns a case's thread, oldest first.
func (s *Store) Comments(ctx context.Context, id string) ([]Comment, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT author, text, created FROM comments WHERE case_id = $1 AND dataset = $2 ORDER BY id`, id, s.dataset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Comment
	for rows.Next() {
		var c Comment
		if err := rows.Scan(&c.Author, &c.Text, &c.Created); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Revision is one save of a case's label maps.
type Revision struct {
	ID      int64
	Case    string
	Author  string
	Created int64
	// Path is the folder holding the maps the save replaced (restorable).
	Path string
	// Changes counts changed voxels per map and label: "regions/3": 120.
	Changes    map[string]int
	QCErrors   int
	QCWarnings int
	// Effort: ActiveMS is the active editing time since the previous save
	// (Activity), VsProposal the voxels that differ from the proposal
	// (the first revision's maps) per map and label, "regions/3": 120.
	ActiveMS   int64
	VsProposal map[string]int
}

// AddRevision records a save.
func (s *Store) AddRevision(ctx context.Context, r Revision) (int64, error) {
	r.Author = s.who(r.Author)
	ch, _ := json.Marshal(r.Changes)
	vp, _ := json.Marshal(r.VsProposal)
	if r.VsProposal == nil {
		vp = []byte("{}")
	}
	if r.ActiveMS < 0 {
		return 0, fmt.Errorf("revision of %s: negative active time %d ms", r.Case, r.ActiveMS)
	}
	var id int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO revisions (case_id, author, created, path, changes, qc_errors, qc_warnings, dataset, active_ms, vs_proposal)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`, r.Case, r.Author, s.now(), s.relPath(r.Path), string(ch), r.QCErrors, r.QCWarnings, s.dataset,
		r.ActiveMS, string(vp)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("revision of %s: %w", r.Case, err)
	}
	if err := s.SetQCErrors(ctx, r.Case, r.QCErrors); err != nil {
		return id, err
	}
	return id, nil
}

// Revisions lists a case's saves, oldest first.
func (s *Store) Revisions(ctx context.Context, id string) ([]Revision, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, case_id, author, created, path, changes, qc_errors, qc_warnings, active_ms, vs_proposal
		FROM revisions WHERE case_id = $1 AND dataset = $2 ORDER BY id`, id, s.dataset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		var r Revision
		var ch, vp string
		if err := rows.Scan(&r.ID, &r.Case, &r.Author, &r.Created, &r.Path, &ch, &r.QCErrors, &r.QCWarnings, &r.ActiveMS, &vp); err != nil {
			return nil, err
		}
		json.Unmarshal([]byte(ch), &r.Changes)
		r.Path = s.absPath(r.Path)
		json.Unmarshal([]byte(vp), &r.VsProposal)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Event is one line of the audit log.
type Event struct {
	// Actor is who acted; Login is the database login that did it (on
	// PostgreSQL written by the server itself; "" for rows made before).
	Actor, Login, Action, Detail string
	Created                      int64
}

// Audit returns a case's audit log, oldest first.
func (s *Store) Audit(ctx context.Context, id string) ([]Event, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT actor, login, action, detail, created FROM audit WHERE case_id = $1 AND dataset = $2 ORDER BY id`, id, s.dataset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.Actor, &e.Login, &e.Action, &e.Detail, &e.Created); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Summary is a case's line in the worklist and the review report.
type Summary struct {
	ID        string `json:"id"`
	Status    Status `json:"status"`
	Annotator string `json:"annotator"`
	Reviewer  string `json:"reviewer"`
	OpenFlags int    `json:"open_flags"`
	QCErrors  int    `json:"qc_errors"`
	// SecondReader reads the case a second time, blind ("" for none).
	SecondReader string `json:"second_reader"`
	// Slices is the slice-by-slice review's progress: the case's
	// annotated slices and the verdicts on them of SliceReviewer, the
	// case's reviewer, or (none assigned) whoever has given most.
	Slices        Progress `json:"slices"`
	SliceReviewer string   `json:"slice_reviewer"`
}

// Summaries lists every case with its status, assignment, open flags and
// QC errors, by id: one query for the whole worklist.
func (s *Store) Summaries(ctx context.Context) ([]Summary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.status, COALESCE(c.annotator, ''), COALESCE(c.reviewer, ''), c.qc_errors,
		(SELECT COUNT(*) FROM flags f WHERE f.case_id = c.id AND f.dataset = c.dataset AND f.resolved_by IS NULL)
		FROM cases c WHERE c.dataset = $1 ORDER BY c.id`, s.dataset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var x Summary
		var st string
		if err := rows.Scan(&x.ID, &st, &x.Annotator, &x.Reviewer, &x.QCErrors, &x.OpenFlags); err != nil {
			return nil, err
		}
		x.Status = Status(st)
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("review states: %w", err)
	}
	rows.Close()
	if err := s.summarizeReading(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}
