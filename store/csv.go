package store

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

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
		var pe *fs.PathError
		if errors.As(err, &pe) { // the path once: "read P: is a named pipe…"
			return nil, nil, fmt.Errorf("read %s: %w", path, pe.Err)
		}
		return nil, nil, fmt.Errorf("read CSV: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > maxCSVBytes {
		return nil, nil, fmt.Errorf("read %s: the CSV is %s, more than the %s a data set's CSV may be (a SAROS CSV of 900 cases is about 100 KiB)",
			path, mib(st.Size()), mib(maxCSVBytes))
	}
	return parseCSV(io.LimitReader(f, maxCSVBytes+1), path)
}

// mib writes a byte count in MiB.
func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// CSV bounds past the file size: a line longer than maxCSVLine, or more
// than maxCSVCells values in all, is refused before it is held (a real
// line is a few hundred bytes; 900 cases of 20 columns are 18,000 values).
const (
	maxCSVLine  = 1 << 20
	maxCSVCells = 1_000_000
)

// lineLimiter passes a reader through, failing once a line (bytes between
// newlines) passes maxCSVLine or the whole passes maxCSVBytes.
type lineLimiter struct {
	r         io.Reader
	line, all int64
	lineNo    int
}

// errCSVLine is returned by lineLimiter for an over-long line.
type errCSVLine struct{ line int }

func (e errCSVLine) Error() string {
	return fmt.Sprintf("line %d is longer than %s; a CSV line this long is not a data set's row", e.line, mib(maxCSVLine))
}

func (l *lineLimiter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for _, c := range p[:n] {
		if c == '\n' {
			l.line = 0
			l.lineNo++
			continue
		}
		l.line++
		if l.line > maxCSVLine {
			return 0, errCSVLine{l.lineNo + 1}
		}
	}
	l.all += int64(n)
	if l.all > maxCSVBytes {
		return 0, fmt.Errorf("the CSV is more than the %s a data set's CSV may be", mib(maxCSVBytes))
	}
	return n, err
}

// parseCSV is readCSV of what r holds; path names it in errors.
func parseCSV(in io.Reader, path string) ([]string, []map[string]string, error) {
	br := bufio.NewReader(&lineLimiter{r: in})
	if head, _ := br.Peek(4096); !looksText(head) {
		return nil, nil, fmt.Errorf("read %s: the file is not a text CSV (it holds binary bytes)", path)
	}
	r := csv.NewReader(br)
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	head, err := r.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: header: %w", path, csvError(err))
	}
	if err := checkCSVText(head); err != nil {
		return nil, nil, fmt.Errorf("read %s: header: %w", path, err)
	}
	cells := len(head)
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
			return cols, rows, fmt.Errorf("read %s line %d: %w", path, line, csvError(err))
		}
		if cells += len(rec); cells > maxCSVCells {
			return cols, rows, fmt.Errorf("read %s line %d: the CSV holds more than %d values; a data set's CSV holds a row of a few columns per case", path, line, maxCSVCells)
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

// csvError unwraps the reader's own errors (an over-long line) from
// encoding/csv's position wrapping, which would count lines differently.
func csvError(err error) error {
	var le errCSVLine
	if errors.As(err, &le) {
		return le
	}
	return err
}

// looksText reports whether the first bytes of a file are text: no NUL
// byte and valid UTF-8 (a character cut at the end is allowed).
func looksText(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return false
	}
	for cut := 0; cut < 4 && cut <= len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) {
			return true
		}
	}
	return false
}

// checkCSVText refuses a header that is not text: binary junk named like
// the CSV (a NUL byte, or invalid UTF-8) is named as such rather than read
// as column names no case matches.
func checkCSVText(rec []string) error {
	for _, f := range rec {
		if strings.ContainsRune(f, 0) || !utf8.ValidString(f) {
			return errors.New("the file is not a text CSV (it holds binary bytes)")
		}
	}
	return nil
}
