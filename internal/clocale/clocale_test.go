package clocale

import "testing"

func TestApply(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "C.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "POSIX.utf8", "LANG": "de_DE.UTF-8"}, "en"},
		{map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "fr"}, "fr"},
		{map[string]string{"LANG": "de_DE.UTF-8"}, ""},
		{map[string]string{"LC_MESSAGES": "en_GB.UTF-8", "LANG": "C.UTF-8"}, ""},
		{map[string]string{"LANG": "C"}, ""},
		{map[string]string{}, ""},
	} {
		env := map[string]string{}
		for k, v := range c.env {
			env[k] = v
		}
		Apply(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
		if env["LANGUAGE"] != c.want {
			t.Errorf("%v: LANGUAGE %q, want %q", c.env, env["LANGUAGE"], c.want)
		}
	}
}

// TestApplyMissing: a locale the C library lacks becomes LC_ALL=C.UTF-8,
// its language kept in LANGUAGE; installed and built-in ones are left.
func TestApplyMissing(t *testing.T) {
	have := map[string]bool{"en_US.UTF-8": true}
	for _, c := range []struct {
		env             map[string]string
		lcAll, language string
	}{
		{map[string]string{"LANG": "de_DE.UTF-8"}, "C.UTF-8", "de_DE"},
		{map[string]string{"LANG": "de_DE.UTF-8", "LANGUAGE": "fr"}, "C.UTF-8", "fr"},
		{map[string]string{"LANG": "en_US.UTF-8"}, "", ""},
		{map[string]string{"LANG": "C.UTF-8"}, "", ""},
		{map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "de_DE.UTF-8"}, "en_US.UTF-8", ""},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_TIME": "sv_SE.UTF-8"}, "C.UTF-8", "sv_SE"},
	} {
		env := map[string]string{}
		for k, v := range c.env {
			env[k] = v
		}
		ApplyMissing(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil }, func(n string) bool { return have[n] })
		if env["LC_ALL"] != c.lcAll || env["LANGUAGE"] != c.language {
			t.Errorf("%v: LC_ALL %q LANGUAGE %q, want %q %q", c.env, env["LC_ALL"], env["LANGUAGE"], c.lcAll, c.language)
		}
	}
	if normalize("de_DE.UTF-8@euro") != "de_DE.utf8@euro" {
		t.Errorf("normalize: %q", normalize("de_DE.UTF-8@euro"))
	}
}
