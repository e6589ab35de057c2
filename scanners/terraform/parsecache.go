package terraform

import (
	"crypto/sha256"
	"sync"

	"github.com/hashicorp/hcl/v2"

	"github.com/tollgate-dev/tollgate/document"
)

// parseCache shares parsed configuration files between the root modules of
// one run: a module called by many roots (a wrapper per rule set calling
// "../../") is parsed once instead of once per root. A parsed file is an
// immutable value, a function of its name (ranges carry it) and its bytes,
// so the cache is keyed by both: a file that changes during the run parses
// afresh, and what a root sees never depends on which root got there
// first. Each scan still reads every file itself, so the reads a results
// cache records for a root are the same as without sharing.
type parseCache struct {
	mu    sync.Mutex
	files map[parseKey]*parsedFile
}

type parseKey struct {
	name string
	sum  [sha256.Size]byte
}

// parsedFile is one file's share of a module: its blocks as a module
// fragment, and the diagnostics parsing them produced, in order.
type parsedFile struct {
	once  sync.Once
	frag  *module
	diags []document.Diagnostic
}

func newParseCache() *parseCache {
	return &parseCache{files: map[parseKey]*parsedFile{}}
}

// file returns the parse of content under name, parsing it on first use.
// Concurrent callers for the same file wait for one parse.
func (c *parseCache) file(name string, content []byte) *parsedFile {
	k := parseKey{name: name, sum: sha256.Sum256(content)}
	c.mu.Lock()
	p, ok := c.files[k]
	if !ok {
		p = &parsedFile{}
		c.files[k] = p
	}
	c.mu.Unlock()
	p.once.Do(func() { p.frag, p.diags = parseModuleFile(name, content) })
	return p
}

// parseModuleFile parses one configuration file into a module fragment.
// Files that fail to parse leave the fragment empty: the rest of the
// module is still evaluated.
func parseModuleFile(name string, content []byte) (*module, []document.Diagnostic) {
	var d diagSink
	frag := newModule("")
	file, diags := parseFile(name, content)
	if d.hclErrors(diags) || file == nil {
		return frag, d.diags
	}
	body, _, diags := file.Body.PartialContent(fileSchema)
	d.hclErrors(diags)
	frag.addBlocks(&d, body.Blocks)
	return frag, d.diags
}

// diagSink collects diagnostics where no scan is at hand (a shared parse).
type diagSink struct{ diags []document.Diagnostic }

// hclErrors records the errors among diags and reports whether there were
// any. Warnings are dropped: they concern Terraform, not the policy.
func (d *diagSink) hclErrors(diags hcl.Diagnostics) bool {
	bad := false
	for _, x := range diags {
		if x.Severity != hcl.DiagError {
			continue
		}
		bad = true
		r, msg := hclDiag(x)
		d.diags = append(d.diags, document.Diagnostic{Level: document.LevelError, Message: msg, Range: r})
	}
	return bad
}

// hclDiag is where an HCL diagnostic points and what it says.
func hclDiag(d *hcl.Diagnostic) (document.Range, string) {
	var r document.Range
	if d.Subject != nil {
		r = rangeOf(*d.Subject)
	}
	msg := d.Summary
	if d.Detail != "" {
		msg += ": " + d.Detail
	}
	return r, msg
}
