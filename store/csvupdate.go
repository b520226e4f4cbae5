package store

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// SetCSVRow is AddCSVRow for a case that may already have its row: the
// row's cells of the columns in known are set to their values (the other
// cells, and every other line of the file, keep their bytes), or a row is
// added when the case has none. It is what a re-import uses, so the row
// names the new series, orientation and sex. It returns the CSV's path
// when the file was written ("" when unchanged or when there is no CSV).
func SetCSVRow(caseDir string, known map[string]string) (string, error) {
	path, id, old, err := caseCSV(caseDir, "update")
	if path == "" || err != nil {
		return "", err
	}
	start, end, rec, cols, err := findRow(old, path, id)
	if err != nil {
		return "", fmt.Errorf("update %s: %w", id, err)
	}
	if rec == nil {
		return AddCSVRow(caseDir, known)
	}
	changed := false
	for i, c := range cols {
		v, ok := known[c]
		if !ok || c == "id" {
			continue
		}
		for len(rec) <= i {
			rec = append(rec, "")
		}
		if strings.TrimSpace(rec[i]) != v {
			rec[i], changed = v, true
		}
	}
	if !changed {
		return "", nil
	}
	var line bytes.Buffer
	w := csv.NewWriter(&line)
	w.UseCRLF = bytes.HasSuffix(old[start:end], []byte("\r\n"))
	w.Write(rec)
	w.Flush()
	b := line.Bytes()
	if !bytes.HasSuffix(old[start:end], []byte("\n")) {
		b = bytes.TrimRight(b, "\r\n") // the last line had no line ending
	}
	err = WriteFileAtomic(path, func(out io.Writer) error {
		for _, part := range [][]byte{old[:start], b, old[end:]} {
			if _, err := out.Write(part); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return path, nil
}

// findRow returns the byte range and the cells of case id's row in the CSV
// held in b, and the lower-cased column names; rec is nil when the case
// has no row.
func findRow(b []byte, path, id string) (start, end int, rec, cols []string, err error) {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return 0, 0, nil, nil, fmt.Errorf("read %s: header: %w", path, err)
	}
	cols = make([]string, len(head))
	idCol := -1
	for i, h := range head {
		cols[i] = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if cols[i] == "id" {
			idCol = i
		}
	}
	if idCol < 0 {
		return 0, 0, nil, cols, fmt.Errorf("%s has no id column", path)
	}
	for line := 2; ; line++ {
		start := int(r.InputOffset())
		rec, err := r.Read()
		if err == io.EOF {
			return 0, 0, nil, cols, nil
		}
		if err != nil {
			return 0, 0, nil, cols, fmt.Errorf("read %s line %d: %w", path, line, err)
		}
		if idCol < len(rec) && caseID(rec[idCol]) == id {
			return start, int(r.InputOffset()), rec, cols, nil
		}
	}
}
