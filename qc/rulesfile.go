package qc

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/saros-review/saros-review/internal/regular"
	"github.com/saros-review/saros-review/labels"
)

// RulesFile is the name of a data set's rules file, looked for in the data
// set folder.
const RulesFile = "qc-rules.conf"

// LoadRules reads a rules file over the defaults.
func LoadRules(path string) (*Config, error) {
	f, err := regular.Open(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	defer f.Close()
	return ParseRules(f, path, DefaultConfig())
}

// maxRuleLine is the longest line of a rules file read.
const maxRuleLine = 1 << 16

// setMax bounds the values of "set": areas up to a square metre, ratios
// and strides up to what a volume of thousands of slices could use. A
// value past these is a typo, not a setting.
var setMax = map[string]float64{
	"components.min_area_mm2": 1e6,
	"island.max_area_mm2":     1e6,
	"island.ratio":            1e6,
	"continuity.strides":      1000,
}

// maxComponentsMax bounds "max … N".
const maxComponentsMax = 1_000_000

// ParseRules applies the statements of a rules file to cfg, one a line
// ("#" starts a comment):
//
//	off RULE | on RULE
//	severity RULE error|warning|info
//	max regions|parts "LABEL" N|unlimited
//	forbid "LABEL" in "LABEL"      (regions: a component wholly inside)
//	allow "LABEL" in "LABEL"
//	continuity "LABEL"             (a region also checked for continuity)
//	set PARAMETER VALUE            (components.min_area_mm2,
//	                                island.max_area_mm2, island.ratio,
//	                                continuity.strides)
//
// Any mistake, an unknown rule or label name among them, is an error that
// names the file and line; nothing is silently ignored.
func ParseRules(r io.Reader, name string, cfg *Config) (*Config, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), maxRuleLine)
	line := 1
	for ; sc.Scan(); line++ {
		text := sc.Text()
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff") // a UTF-8 byte-order mark
		}
		f, err := fields(text)
		if err == nil && len(f) > 0 {
			err = cfg.apply(f)
		}
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %w", name, line, err)
		}
	}
	if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
		return nil, fmt.Errorf("%s line %d: longer than %d KiB; a rules file holds short statements", name, line, maxRuleLine>>10)
	} else if err != nil {
		return nil, fmt.Errorf("%s line %d: %w", name, line, err)
	}
	return cfg, nil
}

// fields splits a line into words and quoted strings, dropping comments.
func fields(s string) ([]string, error) {
	var out []string
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" || s[0] == '#' {
			return out, nil
		}
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("unclosed quote")
			}
			out = append(out, s[1:1+end])
			s = s[2+end:]
			continue
		}
		end := strings.IndexAny(s, " \t#")
		if end < 0 {
			end = len(s)
		}
		out = append(out, s[:end])
		s = s[end:]
	}
}

func ruleKnown(id string) bool {
	for _, r := range Rules {
		if r.ID == id {
			return true
		}
	}
	return false
}

func label(t labels.Table, name string) (uint8, error) {
	for _, l := range t.Labels {
		if l.Name == name && l.Value != 0 {
			return l.Value, nil
		}
	}
	return 0, fmt.Errorf("unknown %s label %q", t.Map, name)
}

func (cfg *Config) apply(f []string) error {
	want := func(n int, form string) error {
		if len(f) != n {
			return fmt.Errorf("%q takes the form: %s", f[0], form)
		}
		return nil
	}
	switch f[0] {
	case "off", "on":
		if err := want(2, f[0]+" RULE"); err != nil {
			return err
		}
		if !ruleKnown(f[1]) {
			return fmt.Errorf("unknown rule %q", f[1])
		}
		cfg.Enabled[f[1]] = f[0] == "on"
	case "severity":
		if err := want(3, "severity RULE error|warning|info"); err != nil {
			return err
		}
		if !ruleKnown(f[1]) {
			return fmt.Errorf("unknown rule %q", f[1])
		}
		s, err := ParseSeverity(f[2])
		if err != nil {
			return err
		}
		cfg.Severity[f[1]] = s
	case "max":
		if err := want(4, `max regions|parts "LABEL" N|unlimited`); err != nil {
			return err
		}
		m, table := 0, labels.Regions
		switch f[1] {
		case "regions":
		case "parts":
			m, table = 1, labels.Parts
		default:
			return fmt.Errorf("map %q is not regions or parts", f[1])
		}
		l, err := label(table, f[2])
		if err != nil {
			return err
		}
		if f[3] == "unlimited" {
			delete(cfg.MaxComponents[m], l)
			return nil
		}
		n, err := strconv.Atoi(f[3])
		if err != nil || n < 1 || n > maxComponentsMax {
			return fmt.Errorf("maximum %q is not a whole number from 1 to %d or \"unlimited\"", f[3], maxComponentsMax)
		}
		cfg.MaxComponents[m][l] = n
	case "forbid", "allow":
		if err := want(4, f[0]+` "LABEL" in "LABEL"`); err != nil {
			return err
		}
		if f[2] != "in" {
			return fmt.Errorf("%q takes the form: %s \"LABEL\" in \"LABEL\"", f[0], f[0])
		}
		a, err := label(labels.Regions, f[1])
		if err != nil {
			return err
		}
		b, err := label(labels.Regions, f[3])
		if err != nil {
			return err
		}
		if f[0] == "forbid" {
			cfg.Forbidden[Pair{a, b}] = true
		} else {
			delete(cfg.Forbidden, Pair{a, b})
		}
	case "continuity":
		if err := want(2, `continuity "LABEL"`); err != nil {
			return err
		}
		l, err := label(labels.Regions, f[1])
		if err != nil {
			return err
		}
		cfg.ContinuityRegions[l] = true
	case "set":
		if err := want(3, "set PARAMETER VALUE"); err != nil {
			return err
		}
		hi, known := setMax[f[1]]
		if !known {
			return fmt.Errorf("unknown parameter %q", f[1])
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) || v > hi {
			return fmt.Errorf("value %q of %s is not a number from 0 to %g", f[2], f[1], hi)
		}
		switch f[1] {
		case "components.min_area_mm2":
			cfg.ComponentsMinArea = v
		case "island.max_area_mm2":
			cfg.IslandMaxArea = v
		case "island.ratio":
			cfg.IslandRatio = v
		case "continuity.strides":
			cfg.ContinuityStrides = v
		default:
			return fmt.Errorf("unknown parameter %q", f[1])
		}
	default:
		return fmt.Errorf("unknown statement %q (off, on, severity, max, forbid, allow, continuity, set)", f[0])
	}
	return nil
}
