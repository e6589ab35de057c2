// Package baseline records the findings a team has accepted for now, so a
// gate can block only what is new. Entries are keyed by the finding's
// fingerprint (rule, file, resource and document path, not the line), so a
// baseline survives edits that move code around.
package baseline

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"

	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/fsread"
)

// Version is the file format version.
const Version = 1

// File is the on-disk form. Rule, resource and location are there for the
// humans reviewing the file; only the fingerprint is matched.
type File struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// Entry is one accepted finding.
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	RuleID      string `json:"ruleId"`
	Resource    string `json:"resource"`
	File        string `json:"file"`
}

// Set is a loaded baseline.
type Set struct {
	name         string
	fingerprints map[string]bool
	lines        map[string]int // fingerprint → line of its entry
}

// Load reads a baseline file. A missing or malformed file is an error: a
// gate told to use a baseline must not silently run without it. So is a
// FIFO, a device or a file over fsread.MaxTextFile, rather than a read
// that does not end.
func Load(path string) (*Set, error) {
	// The read is bounded and of a regular file: it ends without the
	// run's context.
	data, err := fsread.ReadFile(context.Background(), path, fsread.MaxTextFile)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var f File
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	if f.Version != Version {
		return nil, fmt.Errorf("baseline %s: version %d is not supported (want %d)", path, f.Version, Version)
	}
	s := &Set{name: path, fingerprints: make(map[string]bool, len(f.Findings)), lines: entryLines(data)}
	for i, e := range f.Findings {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("baseline %s: finding %d has no fingerprint", path, i)
		}
		s.fingerprints[e.Fingerprint] = true
	}
	return s, nil
}

// fingerprintKey finds each entry's fingerprint in the file's text.
var fingerprintKey = regexp.MustCompile(`"fingerprint"\s*:\s*"([^"\\]*)"`)

// entryLines maps each fingerprint to the line it is written on, in one
// pass over the file.
func entryLines(data []byte) map[string]int {
	out := map[string]int{}
	line, at := 1, 0
	for _, m := range fingerprintKey.FindAllSubmatchIndex(data, -1) {
		line += bytes.Count(data[at:m[0]], []byte("\n"))
		at = m[0]
		fp := string(data[m[2]:m[3]])
		if _, dup := out[fp]; !dup {
			out[fp] = line
		}
	}
	return out
}

// Name is the file the baseline was read from.
func (s *Set) Name() string { return s.name }

// Line is the line of the entry with this fingerprint, 0 when the
// baseline holds none.
func (s *Set) Line(fingerprint string) int { return s.lines[fingerprint] }

// Apply marks the findings the baseline holds as suppressed. Findings that
// another waiver already covers keep that waiver.
func (s *Set) Apply(fs []finding.Finding) {
	if s == nil {
		return
	}
	for i := range fs {
		if fs[i].Suppressed == nil && s.fingerprints[fs[i].Fingerprint] {
			fs[i].Suppressed = &finding.Suppression{Kind: "baseline", Reason: "accepted in baseline " + s.name}
		}
	}
}

// Write records every unsuppressed finding, sorted, one entry per
// fingerprint, so the file diffs cleanly in review.
func Write(w io.Writer, fs []finding.Finding) error {
	seen := map[string]bool{}
	out := File{Version: Version, Findings: []Entry{}}
	for _, f := range fs {
		if f.Suppressed != nil || seen[f.Fingerprint] {
			continue
		}
		seen[f.Fingerprint] = true
		out.Findings = append(out.Findings, Entry{Fingerprint: f.Fingerprint, RuleID: f.RuleID, Resource: f.Resource, File: f.Location.File})
	}
	sort.Slice(out.Findings, func(i, j int) bool {
		a, b := out.Findings[i], out.Findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		return a.Fingerprint < b.Fingerprint
	})
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
