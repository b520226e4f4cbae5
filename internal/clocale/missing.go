package clocale

import "os"

// localeDir is where glibc keeps compiled locales (a folder per locale,
// or one locale-archive file holding them all).
var localeDir = "/usr/lib/locale"

// ApplyMissing handles a locale the C library does not have (LANG set to
// de_DE.UTF-8 on a system without that locale): GTK's initialisation, run
// by a dependency before main, would print "Locale not supported by C
// library" on every command. The C library falls back to the C locale
// anyway; this makes that fallback explicit (LC_ALL=C.UTF-8) and keeps the
// language for the interface's translations in LANGUAGE, so nothing is
// printed and nothing changes. installed tells whether a locale is there.
func ApplyMissing(get func(string) string, set func(string, string) error, installed func(string) bool) {
	names := []string{get("LC_ALL")}
	if names[0] == "" {
		names = names[:0]
		for _, k := range [...]string{"LANG", "LC_CTYPE", "LC_MESSAGES", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY"} {
			if v := get(k); v != "" {
				names = append(names, v)
			}
		}
	}
	for _, n := range names {
		if builtin(n) || installed(n) {
			continue
		}
		if get("LANGUAGE") == "" {
			lang := n
			for i := 0; i < len(lang); i++ {
				if lang[i] == '.' || lang[i] == '@' {
					lang = lang[:i]
					break
				}
			}
			set("LANGUAGE", lang)
		}
		set("LC_ALL", "C.UTF-8")
		return
	}
}

// builtin reports the locales glibc always has.
func builtin(n string) bool {
	return n == "C" || n == "POSIX" || hasPrefix(n, "C.") || hasPrefix(n, "POSIX.") || hasPrefix(n, "C@")
}

// Installed reports whether glibc has locale n: as a folder under
// /usr/lib/locale (by its name or its normalised codeset), or in
// locale-archive. When that cannot be told (no locale folder, an archive
// it cannot read), it says yes, so a working locale is never overridden.
func Installed(n string) bool {
	if v := os.Getenv("LOCPATH"); v != "" {
		return true
	}
	if _, err := os.Stat(localeDir); err != nil {
		return true
	}
	norm := normalize(n)
	for _, c := range []string{n, norm} {
		if st, err := os.Stat(localeDir + "/" + c); err == nil && st.IsDir() {
			return true
		}
	}
	names, ok := archiveNames(localeDir + "/locale-archive")
	if !ok {
		return true
	}
	return names[n] || names[norm]
}

// normalize writes a locale's codeset as glibc looks it up: lower case,
// letters and digits only ("de_DE.UTF-8" → "de_DE.utf8").
func normalize(n string) string {
	dot := -1
	for i := 0; i < len(n); i++ {
		if n[i] == '.' {
			dot = i
			break
		}
	}
	if dot < 0 {
		return n
	}
	out := []byte(n[:dot+1])
	i := dot + 1
	for ; i < len(n) && n[i] != '@'; i++ {
		c := n[i]
		switch {
		case c >= 'A' && c <= 'Z':
			out = append(out, c+'a'-'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			out = append(out, c)
		}
	}
	return string(out) + n[i:]
}

// archiveNames reads the locale names of a glibc locale-archive: its
// header gives the name hash table (offset, size), whose entries point at
// NUL-terminated names. A missing archive gives no names and ok (only
// folders count then); one it cannot read gives ok false.
func archiveNames(path string) (map[string]bool, bool) {
	f, err := os.Open(path)
	if err != nil {
		return map[string]bool{}, os.IsNotExist(err)
	}
	defer f.Close()
	u32 := func(b []byte) uint32 { return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24 }
	var h [20]byte
	if _, err := f.ReadAt(h[:], 0); err != nil || u32(h[:]) != 0xde020109 {
		return nil, false
	}
	off, size := u32(h[8:]), u32(h[16:])
	if size > 1<<20 {
		return nil, false
	}
	tab := make([]byte, 12*int(size))
	if _, err := f.ReadAt(tab, int64(off)); err != nil {
		return nil, false
	}
	names := map[string]bool{}
	buf := make([]byte, 256)
	for i := 0; i < int(size); i++ {
		nameOff := u32(tab[12*i+4:])
		if nameOff == 0 {
			continue
		}
		n, _ := f.ReadAt(buf, int64(nameOff))
		for j := 0; j < n; j++ {
			if buf[j] == 0 {
				names[string(buf[:j])] = true
				break
			}
		}
	}
	return names, true
}
