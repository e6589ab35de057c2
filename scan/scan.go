// Package scan runs discovered targets through their scanners and the rule
// engine in parallel and gathers one deterministic result.
package scan

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/redact"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/srcfs"
	"github.com/tollgate-dev/tollgate/suppress"
)

// Options wire the stages together.
type Options struct {
	Engine *engine.Engine
	// Scanners by discovery kind.
	Scanners map[string]scanners.Scanner
	// Waivers, when set, mark suppressed findings.
	Waivers *suppress.Waivers
	// Workers bounds parallelism (default GOMAXPROCS).
	Workers int
	// Release lets Run drop each target's file contents once it is
	// scanned (the caller's slice shares them and must not read them
	// again): on a large tree, what discovery read is otherwise held
	// until the end of the run.
	Release bool
	// Order, when set, is the order in which workers take the targets
	// (indices into them; the caller puts the costliest first so the
	// largest module is not the tail of the run). Results keep the
	// targets' order whatever it is.
	Order []int
	// Cache, when set, keeps what each cacheable target produced; Hits
	// are the targets' records it already held (Lookup).
	Cache Cache
	Hits  Hits
	// ScanFirst scans every target before evaluating any, then has the
	// engine compile only the rules their documents need
	// (engine.PrepareFor): for runs of a few files, where compiling the
	// rules of a whole format costs more than everything else. Its error,
	// if any, comes again from the evaluation of each document.
	ScanFirst bool
}

// Result is everything a run computed, sorted and redacted.
type Result struct {
	Findings     []finding.Finding
	Diagnostics  []document.Diagnostic
	FilesScanned map[string]int
	// FilesSkipped counts files a scanner found not worth scanning
	// (binaries, oversized files).
	FilesSkipped int
}

type unitResult struct {
	findings []finding.Finding
	diags    document.Diagnostics
	secrets  []string
	files    int
	skipped  bool
	// record is what a cache may keep of a fresh result, deps what its
	// scan read; depsOK is false when the reads cannot be vouched for.
	record *Record
	key    string // the record's cache key
	deps   []srcfs.Dep
	depsOK bool
}

// Run scans and evaluates every target. Problems with one target become
// error diagnostics; the others are still scanned.
func Run(ctx context.Context, targets []discover.Target, opts Options) Result {
	results := make([]unitResult, len(targets))
	scans := make([]*scanned, len(targets))
	each(len(targets), opts.Workers, opts.Order, func(i int) {
		if rec := opts.Hits[i]; rec != nil {
			results[i] = replay(rec, opts)
			return
		}
		scans[i] = scanOne(ctx, targets[i], opts)
		if scans[i].r.record != nil {
			scans[i].r.key = opts.Cache.Key(targets[i])
		}
		if !opts.ScanFirst {
			results[i] = scans[i].evaluate(ctx, opts)
			scans[i] = nil
		}
		if opts.Release {
			targets[i].Unit.Content, targets[i].Unit.Contents = nil, nil
		}
	})
	if opts.ScanFirst {
		var docs []*document.Document
		for _, s := range scans {
			if s != nil {
				docs = append(docs, s.docs...)
			}
		}
		// A compile error is an error of every document's evaluation,
		// where Evaluate compiles the format again and reports it.
		_ = opts.Engine.PrepareFor(ctx, docs)
		each(len(targets), opts.Workers, opts.Order, func(i int) {
			if scans[i] != nil {
				results[i] = scans[i].evaluate(ctx, opts)
			}
		})
	}

	res := Result{FilesScanned: map[string]int{}}
	var secrets []string
	for i, r := range results {
		res.Findings = append(res.Findings, r.findings...)
		res.Diagnostics = append(res.Diagnostics, r.diags...)
		secrets = append(secrets, r.secrets...)
		if r.skipped {
			res.FilesSkipped++
		}
		if r.files > 0 {
			res.FilesScanned[targets[i].Kind] += r.files
		}
	}
	set := redact.NewSet(secrets)
	if opts.Cache != nil && ctx.Err() == nil {
		// Kept before redaction rewrites the messages in place; storable
		// keeps only results that redaction leaves as they are.
		for i, r := range results {
			if storable(r, set) {
				opts.Cache.Put(ctx, targets[i], r.key, r.record, r.deps)
			}
		}
	}
	Redact(&res, set)
	Sort(&res)
	return res
}

// scanned is a target read and parsed, its documents not yet evaluated.
type scanned struct {
	r     unitResult
	docs  []*document.Document
	reads *srcfs.Reads
	fs    *srcfs.FS // what the scanner read through (recording reads)
}

func scanOne(ctx context.Context, t discover.Target, opts Options) *scanned {
	var r unitResult
	sc, ok := opts.Scanners[t.Kind]
	if !ok {
		r.diags.Append(t.Unit.Path, fmt.Errorf("no %s scanner in this build", t.Kind))
		return &scanned{r: r}
	}
	var reads *srcfs.Reads
	if opts.Cache != nil && opts.Cache.Cacheable(t) {
		// Everything the scanner reads is recorded, so a later run can
		// tell whether any of it changed.
		reads = srcfs.NewReads()
		t.Unit.FS = t.Unit.FS.Recording(reads)
		r.record = &Record{}
	}
	out, err := sc.Scan(ctx, t.Unit)
	r.diags = append(r.diags, out.Diagnostics...)
	r.diags.Append(t.Unit.Path, err)
	r.files = len(t.Unit.Files)
	if r.files == 0 {
		r.files = 1
	}
	if out.Skipped {
		r.files, r.skipped = 0, true
	}
	if r.record != nil {
		r.record.Diagnostics = slices.Clone(r.diags)
		r.record.Files, r.record.Skipped = r.files, r.skipped
	}
	return &scanned{r: r, docs: out.Documents, reads: reads, fs: t.Unit.FS}
}

// evaluate evaluates the target's documents and applies the waivers.
func (s *scanned) evaluate(ctx context.Context, opts Options) unitResult {
	r := s.r
	for _, doc := range s.docs {
		ev, err := opts.Engine.Evaluate(ctx, doc)
		if err != nil {
			n := len(r.diags)
			r.diags.Append(doc.File, err)
			if r.record != nil {
				r.record.Docs = append(r.record.Docs, DocRecord{File: doc.File, Errors: slices.Clone(r.diags[n:])})
			}
			continue
		}
		if r.record != nil {
			r.record.Docs = append(r.record.Docs, DocRecord{File: doc.File, Waivers: waiverSites(doc), Findings: slices.Clone(ev.Findings)})
		}
		if opts.Waivers != nil {
			r.diags = append(r.diags, opts.Waivers.Apply(doc, ev.Findings)...)
		}
		r.findings = append(r.findings, ev.Findings...)
		r.secrets = append(r.secrets, ev.Secrets...)
	}
	if s.reads != nil {
		r.deps, r.depsOK = s.reads.Deps(s.fs)
		// A cancelled scan stopped part way.
		r.depsOK = r.depsOK && ctx.Err() == nil
	}
	return r
}

// Redact removes every detected secret from every message of the result:
// a credential found by one rule may appear in another's text.
func Redact(res *Result, set *redact.Set) {
	for i := range res.Findings {
		f := &res.Findings[i]
		f.Message = set.String(f.Message)
		for j := range f.Related {
			f.Related[j].Message = set.String(f.Related[j].Message)
		}
	}
	for i := range res.Diagnostics {
		res.Diagnostics[i].Message = set.String(res.Diagnostics[i].Message)
	}
}

// Sort orders findings and diagnostics by place, then rule and resource, so
// reports are byte-identical run to run.
func Sort(res *Result) {
	sort.SliceStable(res.Findings, func(i, j int) bool {
		a, b := res.Findings[i], res.Findings[j]
		if c := compareRange(a.Location, b.Location); c != 0 {
			return c < 0
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		return a.Fingerprint < b.Fingerprint
	})
	sort.SliceStable(res.Diagnostics, func(i, j int) bool {
		a, b := res.Diagnostics[i], res.Diagnostics[j]
		if c := compareRange(a.Range, b.Range); c != 0 {
			return c < 0
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		return a.Level < b.Level
	})
	// A module called twice is evaluated twice: the same diagnostic at the
	// same place says nothing new the second time.
	res.Diagnostics = slices.Compact(res.Diagnostics)
}

func compareRange(a, b document.Range) int {
	switch {
	case a.File != b.File:
		return strings.Compare(a.File, b.File)
	case a.Line != b.Line:
		return a.Line - b.Line
	default:
		return a.Column - b.Column
	}
}

// each calls fn for 0..n-1 on workers goroutines (default GOMAXPROCS).
func each(n, workers int, order []int, fn func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	if len(order) != n {
		order = nil
	}
	for i := 0; i < n; i++ {
		if order != nil {
			next <- order[i]
		} else {
			next <- i
		}
	}
	close(next)
	wg.Wait()
}
