package store

import "os"

// fileSizes returns the sizes of the files (0 for "" or unreadable ones).
func fileSizes(paths ...string) []int64 {
	s := make([]int64, len(paths))
	for i, p := range paths {
		if p == "" {
			continue
		}
		if st, err := os.Stat(p); err == nil {
			s[i] = st.Size()
		}
	}
	return s
}

// Caps on the small text files of a data set, read whole into memory: a
// data-set CSV (SAROS's is 900 rows, about 100 KB) and a case's JSON
// sidecars. A larger file is refused with its name and the cap.
const (
	maxCSVBytes     = 64 << 20
	maxSidecarBytes = 64 << 20
)
