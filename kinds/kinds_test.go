package kinds

import (
	"os"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/scanners"
)

// Every kind has a unique name, formats, and a matcher that discovery can
// act on: content matching needs a name filter (discovery reads only
// candidates), grouping needs a name matcher, and exactly one kind is the
// fallback, last (a kind after it could never claim a file).
func TestKinds(t *testing.T) {
	seen := map[string]bool{}
	fallbacks := 0
	list := All()
	for i, k := range list {
		if k.Name == "" || seen[k.Name] || len(k.Formats) == 0 || k.Label == "" {
			t.Errorf("kind %d %q: want a unique name, a label and formats", i, k.Name)
		}
		seen[k.Name] = true
		m := k.Match
		if (m.Content != nil || m.Grouped || m.Sniff != nil) && m.Name == nil {
			t.Errorf("%s: content, sniff and grouping need a name matcher", k.Name)
		}
		if m.Fallback {
			fallbacks++
			if i != len(list)-1 {
				t.Errorf("%s: the fallback kind must be last", k.Name)
			}
		}
		hasMatcher := m.Dir != nil || m.Name != nil || m.Fallback
		if hasMatcher && k.New == nil {
			t.Errorf("%s: discovered but has no scanner", k.Name)
		}
	}
	if fallbacks != 1 {
		t.Errorf("want exactly one fallback kind, got %d", fallbacks)
	}
	scs := scanners.Scanners(list, scanners.Settings{})
	for _, k := range list {
		if (k.New != nil) != (scs[k.Name] != nil) {
			t.Errorf("%s: scanner table does not follow the kind", k.Name)
		}
	}
	formats := map[string]bool{}
	for _, f := range Formats() {
		if formats[f] {
			t.Errorf("format %s listed twice", f)
		}
		formats[f] = true
	}
	for _, k := range list {
		for _, f := range k.Formats {
			if !formats[f] {
				t.Errorf("%s: format %s missing from Formats()", k.Name, f)
			}
		}
	}
}

// The names users set limits by, and their defaults, are part of the
// command line and of .tollgate.yaml: a kind may add one, never rename or
// change one by accident.
func TestLimitNamesAndDefaults(t *testing.T) {
	want := map[string]int64{
		"cloudformation": 16 << 20,
		"terraform":      16 << 20,
		"terraform-plan": 256 << 20,
		"dockerfile":     16 << 20,
		"cdk":            256 << 20,
		"cdk-asset":      1 << 30,
	}
	seen := map[string]bool{}
	for _, x := range scanners.LimitsOf(All()) {
		if seen[x.Name] {
			t.Errorf("limit %s declared twice", x.Name)
		}
		seen[x.Name] = true
		if d, ok := want[x.Name]; ok && d != x.Default {
			t.Errorf("limit %s: default %s, was %s", x.Name, scanners.FormatSize(x.Default), scanners.FormatSize(d))
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("limit %s is gone: --max-file-size %s=SIZE would be refused", name, name)
		}
	}
}

// README's limits table lists every limit users can set, with its
// default, so a new kind's limit is documented where users look.
func TestLimitsDocumented(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(b), "### Limits\n")
	if !ok {
		t.Fatal("README has no Limits section")
	}
	table, _, _ = strings.Cut(table, "\n\n`--max-file-size")
	documented := map[string]string{}
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 4 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		name, _, _ := strings.Cut(strings.Trim(strings.TrimSpace(cells[1]), "`"), "`")
		documented[name] = strings.TrimSpace(cells[2])
	}
	for _, x := range scanners.LimitsOf(All()) {
		switch d, ok := documented[x.Name]; {
		case !ok:
			t.Errorf("README's Limits table has no row for %s (default %s)", x.Name, scanners.FormatSize(x.Default))
		case d != scanners.FormatSize(x.Default):
			t.Errorf("README's Limits table gives %s a default of %s, the kind %s", x.Name, d, scanners.FormatSize(x.Default))
		}
		delete(documented, x.Name)
	}
	for name := range documented {
		t.Errorf("README's Limits table documents %s, which no kind declares", name)
	}
}
