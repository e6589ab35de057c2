package scan

import (
	"context"
	"slices"
	"sync"

	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/redact"
	"github.com/tollgate-dev/tollgate/srcfs"
)

// Cache keeps the Record of targets scanned before, so that a target
// whose inputs have not changed is neither parsed nor evaluated again
// (package resultcache). Its methods may be called from several
// goroutines.
type Cache interface {
	// Cacheable says whether the target's kind may be cached at all.
	Cacheable(t discover.Target) bool
	// Get returns the record of a target when it is certain that scanning
	// it again would produce the same; anything else is a miss.
	Get(ctx context.Context, t discover.Target) (*Record, bool)
	// Key names the entry of a target, from what it holds; Run takes it
	// when the target has been scanned, so that it may release the
	// target's contents before the records are kept.
	Key(t discover.Target) string
	// Put keeps the record of a target scanned in this run under its key;
	// deps are what its scan read and looked at (srcfs.Reads.Deps).
	Put(ctx context.Context, t discover.Target, key string, rec *Record, deps []srcfs.Dep)
}

// Record is what scanning and evaluating one target produced, before
// waivers, the baseline and redaction across targets: those depend on
// more than the target, so they are applied to a cached record as to a
// fresh one.
type Record struct {
	// Diagnostics are the scanner's.
	Diagnostics []document.Diagnostic `json:"diagnostics,omitempty"`
	// Docs are the documents evaluated, in order.
	Docs []DocRecord `json:"docs,omitempty"`
	// Files counts the files scanned; Skipped means the scanner skipped
	// the target.
	Files   int  `json:"files"`
	Skipped bool `json:"skipped,omitempty"`
}

// DocRecord is one evaluated document: its findings, or the errors of its
// evaluation, and the inline waivers of its resources (all that applying
// waivers needs of the document).
type DocRecord struct {
	File     string                       `json:"file"`
	Waivers  map[string]document.Resource `json:"waivers,omitempty"`
	Findings []finding.Finding            `json:"findings,omitempty"`
	Errors   []document.Diagnostic        `json:"errors,omitempty"`
}

// waiverSites keeps, of a document's resources, the name and inline
// waivers of those that carry any: what suppress.Waivers.Apply reads.
func waiverSites(doc *document.Document) map[string]document.Resource {
	var out map[string]document.Resource
	for key, r := range doc.Resources {
		if len(r.Suppressions) == 0 {
			continue
		}
		if out == nil {
			out = map[string]document.Resource{}
		}
		out[key] = document.Resource{Name: r.Name, Suppressions: r.Suppressions}
	}
	return out
}

// Hits are the records a cache held for targets, by target index.
type Hits map[int]*Record

// Lookup asks the cache for every target in parallel. A run looks up
// first so that it compiles only the rules the misses need.
func Lookup(ctx context.Context, targets []discover.Target, cache Cache, workers int) Hits {
	hits := Hits{}
	if cache == nil {
		return hits
	}
	var mu sync.Mutex
	each(len(targets), workers, nil, func(i int) {
		if !cache.Cacheable(targets[i]) {
			return
		}
		if rec, ok := cache.Get(ctx, targets[i]); ok {
			mu.Lock()
			hits[i] = rec
			mu.Unlock()
		}
	})
	return hits
}

// Misses are the targets Lookup found no record for.
func (h Hits) Misses(targets []discover.Target) []discover.Target {
	var out []discover.Target
	for i, t := range targets {
		if h[i] == nil {
			out = append(out, t)
		}
	}
	return out
}

// replay turns a cached record into the result of its target, applying
// the run's waivers as runOne does.
func replay(rec *Record, opts Options) unitResult {
	r := unitResult{files: rec.Files, skipped: rec.Skipped}
	r.diags = append(r.diags, rec.Diagnostics...)
	for _, d := range rec.Docs {
		if len(d.Errors) > 0 {
			r.diags = append(r.diags, d.Errors...)
			continue
		}
		fs := slices.Clone(d.Findings)
		for i := range fs {
			// Related is shared with the record; redaction writes to it.
			fs[i].Related = slices.Clone(fs[i].Related)
		}
		if opts.Waivers != nil {
			doc := &document.Document{File: d.File, Resources: d.Waivers}
			r.diags = append(r.diags, opts.Waivers.Apply(doc, fs)...)
		}
		r.findings = append(r.findings, fs...)
	}
	return r
}

// storable says whether a fresh result may be kept: a target that holds a
// secret is never cached (an entry would have to carry the secret to
// redact it from other targets' messages), nor one whose messages another
// target's secret changes (its entry would either hold that secret or
// depend on the other target).
func storable(r unitResult, set *redact.Set) bool {
	if r.record == nil || !r.depsOK || len(r.secrets) > 0 {
		return false
	}
	same := func(s string) bool { return set.String(s) == s }
	for _, f := range r.findings {
		if !same(f.Message) {
			return false
		}
		for _, rel := range f.Related {
			if !same(rel.Message) {
				return false
			}
		}
	}
	for _, d := range r.diags {
		if !same(d.Message) {
			return false
		}
	}
	return true
}
