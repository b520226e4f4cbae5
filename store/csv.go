package store

import (
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/saros-review/saros-review/internal/regular"
)

// attachCSV reads the Segmentation Info CSV and gives each case its row,
// matched by the id column (either the folder name or its number). Rows
// with no folder and folders with no row are reported, not fatal.
func (ds *Dataset) attachCSV() {
	cols, rows, err := readCSV(ds.CSVPath)
	if err != nil {
		ds.Problems = append(ds.Problems, err.Error())
		return
	}
	ds.Columns = cols
	byID := map[string]*Case{}
	for _, c := range ds.Cases {
		byID[c.ID] = c
	}
	name := filepath.Base(ds.CSVPath)
	for i, row := range rows {
		id := caseID(row["id"])
		if id == "" {
			ds.Problems = append(ds.Problems, fmt.Sprintf("%s line %d: no id", name, i+2))
			continue
		}
		c := byID[id]
		if c == nil {
			ds.Problems = append(ds.Problems, fmt.Sprintf("%s line %d: %s has no case folder", name, i+2, id))
			continue
		}
		c.Meta = row
	}
	for _, c := range ds.Cases {
		if len(c.Meta) == 0 {
			c.Problems = append(c.Problems, "no row in "+name)
		}
	}
}

// caseID turns a CSV id ("case_012", "12", "012") into a folder name.
func caseID(s string) string {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		return fmt.Sprintf("case_%03d", n)
	}
	return s
}

// readCSV reads a CSV with a header row into maps by column name. Column
// names are trimmed and lower-cased; a UTF-8 byte-order mark is dropped.
func readCSV(path string) ([]string, []map[string]string, error) {
	f, err := regular.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read CSV: %w", err)
	}
	defer f.Close()
	return parseCSV(f, path)
}

// parseCSV is readCSV of what r holds; path names it in errors.
func parseCSV(in io.Reader, path string) ([]string, []map[string]string, error) {
	r := csv.NewReader(in)
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	head, err := r.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: header: %w", path, err)
	}
	cols := make([]string, len(head))
	for i, h := range head {
		cols[i] = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	}
	var rows []map[string]string
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return cols, rows, fmt.Errorf("read %s line %d: %w", path, line, err)
		}
		row := make(map[string]string, len(cols))
		for i, v := range rec {
			if i < len(cols) && cols[i] != "" {
				row[cols[i]] = strings.TrimSpace(v)
			}
		}
		rows = append(rows, row)
	}
	return cols, rows, nil
}
