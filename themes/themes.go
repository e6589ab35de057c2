// Package themes lists the themes a rule may declare (one per rule, so
// reports and organisation policies can group rules by what they protect).
// The list is data, themes.json, rather than code: adding a theme is one
// entry there, and docs/rules.md is generated from it.
package themes

import (
	_ "embed"
	"encoding/json"
	"slices"
)

//go:embed themes.json
var data []byte

// Theme is one theme: its name, as rules spell it, and what it covers.
type Theme struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// list is decoded once: themes.json is part of the binary, never changes
// while it runs, and is checked by this package's tests, so a list that
// does not decode is a build defect.
var list = decode()

func decode() []Theme {
	var l []Theme
	if err := json.Unmarshal(data, &l); err != nil {
		panic("themes.json: " + err.Error())
	}
	return l
}

// All returns the themes in their documented order.
func All() []Theme { return slices.Clone(list) }

// Names returns the theme names in their documented order.
func Names() []string {
	names := make([]string, len(list))
	for i, t := range list {
		names[i] = t.Name
	}
	return names
}

// Known says whether name is a theme.
func Known(name string) bool {
	return slices.ContainsFunc(list, func(t Theme) bool { return t.Name == name })
}
