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
