package store

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/saros-review/saros-review/internal/regular"
)

// findCSV returns the data set folder's Segmentation Info CSV ("" when it
// has none); with several, the newest date suffix wins.
func findCSV(dir string, entries []os.DirEntry) string {
	best := ""
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() && strings.HasPrefix(name, "Segmentation Info") && strings.HasSuffix(strings.ToLower(name), ".csv") && name > best {
			best = name
		}
	}
	if best == "" {
		return ""
	}
	return filepath.Join(dir, best)
}

// csvNotFile names an entry called like the Segmentation Info CSV that is
// a folder ("" when there is none), which findCSV passes over.
func csvNotFile(dir string, entries []os.DirEntry) string {
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() && strings.HasPrefix(name, "Segmentation Info") && strings.HasSuffix(strings.ToLower(name), ".csv") {
			return fmt.Sprintf("%s is a folder, not a CSV file: the cases have no CSV rows", filepath.Join(dir, name))
		}
	}
	return ""
}

// AddCSVRow gives case folder caseDir, newly made inside a data set
// folder, its row in the data set's Segmentation Info CSV, so the data set
// opens without a "no row" problem for it. The row holds the id, written
// the way the CSV's other rows write theirs (folder name, number or
// zero-padded number), and
// the values of known (lower-case column names) for the columns the CSV
// has; the others stay empty. The file's bytes are kept as they are and
// the row appended, with the file's line ending, atomically. Nothing is
// written when the folder above caseDir has no CSV or the case already has
// a row. It returns the CSV's path when a row was added.
func AddCSVRow(caseDir string, known map[string]string) (string, error) {
	path, id, old, err := caseCSV(caseDir, "add")
	if path == "" || err != nil {
		return "", err
	}
	cols, rows, err := parseCSV(bytes.NewReader(old), path)
	if err != nil {
		return "", fmt.Errorf("add %s: %w", id, err)
	}
	// Ids as numbers when every row has one, zero-padded when any is.
	numeric, padded := len(rows) > 0, false
	for _, r := range rows {
		v := strings.TrimSpace(r["id"])
		if caseID(v) == id {
			return "", nil
		}
		_, err := strconv.Atoi(v)
		numeric = numeric && err == nil
		padded = padded || len(v) > 1 && v[0] == '0'
	}
	if !slices.Contains(cols, "id") {
		return "", fmt.Errorf("add %s: %s has no id column", id, path)
	}
	idText := id
	if numeric {
		idText = strings.TrimPrefix(id, "case_")
		if n, err := strconv.Atoi(idText); err == nil && !padded {
			idText = strconv.Itoa(n)
		}
	}
	row := make([]string, len(cols))
	for i, c := range cols {
		row[i] = known[c]
		if c == "id" {
			row[i] = idText
		}
	}
	var line bytes.Buffer
	w := csv.NewWriter(&line)
	w.UseCRLF = bytes.Contains(old, []byte("\r\n"))
	w.Write(row)
	w.Flush()
	if len(old) > 0 && old[len(old)-1] != '\n' {
		if w.UseCRLF {
			old = append(old, '\r')
		}
		old = append(old, '\n')
	}
	err = WriteFileAtomic(path, func(out io.Writer) error {
		if _, err := out.Write(old); err != nil {
			return err
		}
		_, err := out.Write(line.Bytes())
		return err
	})
	if err != nil {
		return "", err
	}
	return path, nil
}

// caseCSV reads the Segmentation Info CSV of the data set above caseDir
// for verb ("add", "update"): its path ("" when there is none), the
// case's id and the file's bytes.
func caseCSV(caseDir, verb string) (path, id string, old []byte, err error) {
	dir, id := filepath.Dir(caseDir), filepath.Base(caseDir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", id, nil, fmt.Errorf("%s the CSV row of %s: %w", verb, id, err)
	}
	if path = findCSV(dir, entries); path == "" {
		return "", id, nil, nil
	}
	if old, err = regular.ReadFile(path, maxCSVBytes); err != nil {
		return "", id, nil, fmt.Errorf("%s %s: %w", verb, id, err)
	}
	return path, id, old, nil
}
