package review

import (
	"context"
	"encoding/json"
	"fmt"
)

// readerSavesMigration keeps the saves of second readers apart from the
// case's revisions (their maps are not the case's, and the case's history
// must not offer them as revisions), with the same effort columns, so
// that the lab report counts a second reader's time too.
const readerSavesMigration = `CREATE TABLE reader_saves (id {{id}}, dataset TEXT NOT NULL, case_id TEXT NOT NULL, login TEXT NOT NULL,
	   created BIGINT NOT NULL, active_ms BIGINT NOT NULL, vs_proposal TEXT NOT NULL,
	   qc_errors INTEGER NOT NULL, qc_warnings INTEGER NOT NULL);
	 CREATE INDEX reader_saves_case ON reader_saves (dataset, case_id);`

// ReaderSave is one save of a second reader's maps of a case: who, their
// active editing time since their last save, the voxels their maps differ
// from the proposal by per map and label (as Revision.VsProposal), and the
// QC counts of their maps.
type ReaderSave struct {
	Case       string
	Login      string
	ActiveMS   int64
	VsProposal map[string]int
	QCErrors   int
	QCWarnings int
	Created    int64 // unix ms, set by the store
}

// RecordReaderSave records a second reader's save of case id. Only the
// case's second reader may record one.
func (s *Store) RecordReaderSave(ctx context.Context, r ReaderSave) error {
	r.Login = s.who(r.Login)
	if r.ActiveMS < 0 {
		return fmt.Errorf("record reading of %s: negative active time %d ms", r.Case, r.ActiveMS)
	}
	second, err := s.SecondReader(ctx, r.Case)
	if err != nil {
		return fmt.Errorf("record reading of %s: %w", r.Case, err)
	}
	if second == "" || second != r.Login {
		return fmt.Errorf("record reading of %s: %s is not its second reader: %w", r.Case, r.Login, ErrForbidden)
	}
	vp := []byte("{}")
	if r.VsProposal != nil {
		vp, _ = json.Marshal(r.VsProposal)
	}
	return s.inTx(ctx, func(tx *txn) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO reader_saves (dataset, case_id, login, created, active_ms, vs_proposal, qc_errors, qc_warnings)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, s.dataset, r.Case, r.Login, s.now(), r.ActiveMS, string(vp), r.QCErrors, r.QCWarnings); err != nil {
			return fmt.Errorf("record reading of %s: %w", r.Case, err)
		}
		return s.audit(ctx, tx, r.Case, r.Login, "second reading saved", fmt.Sprintf("%d QC errors, %d warnings", r.QCErrors, r.QCWarnings))
	})
}

// ReaderSaves lists the saves of the second readers of case id, oldest
// first.
func (s *Store) ReaderSaves(ctx context.Context, id string) ([]ReaderSave, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT login, created, active_ms, vs_proposal, qc_errors, qc_warnings FROM reader_saves
		WHERE case_id = $1 AND dataset = $2 ORDER BY id`, id, s.dataset)
	if err != nil {
		return nil, fmt.Errorf("readings of %s: %w", id, err)
	}
	defer rows.Close()
	var out []ReaderSave
	for rows.Next() {
		r := ReaderSave{Case: id}
		var vp string
		if err := rows.Scan(&r.Login, &r.Created, &r.ActiveMS, &vp, &r.QCErrors, &r.QCWarnings); err != nil {
			return nil, fmt.Errorf("readings of %s: %w", id, err)
		}
		if err := json.Unmarshal([]byte(vp), &r.VsProposal); err != nil {
			return nil, fmt.Errorf("readings of %s: voxels against the proposal: %w", id, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Merge actions: the audit actions of a reviewer taking a second reader's
// work into the case's maps. After one, the two readers' maps are no
// longer independent, so their agreement is no longer recorded.
const (
	ActionTakeReader      = "take second reader"
	ActionTakeReaderSlice = "take from second reader"
)

// ReadersMerged says whether any of login's work, as the second reader of
// case id, was taken into the case's maps (see the merge actions) since
// they became its second reader.
func (s *Store) ReadersMerged(ctx context.Context, id, login string) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit a WHERE a.case_id = $1 AND a.dataset = $2 AND a.action IN ($3, $4)
		AND a.created > COALESCE((SELECT r.created FROM readers r WHERE r.dataset = $2 AND r.case_id = $1 AND r.login = $5), -1)`,
		id, s.dataset, ActionTakeReader, ActionTakeReaderSlice, login).Scan(&n); err != nil {
		return false, fmt.Errorf("merges of the readers of %s: %w", id, err)
	}
	return n > 0, nil
}
