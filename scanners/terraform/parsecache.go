package terraform

import (
	"container/list"
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
//
// The cache holds the most recently used parses up to maxSource bytes of
// source. A parsed file takes about ten times its size, and kept to the
// end of the run every called module of a large tree stays in memory: the
// shared corpus copied 8 times peaked at ~460 MB with the cache unbounded
// and ~330 MB without it (for ~5 s more CPU). The bound keeps what a
// repository's shared modules need (a wrapper per rule set calling one
// module, examples beside their module) and caps the rest. An evicted
// parse is parsed again when asked for; the result is the same value.
type parseCache struct {
	mu        sync.Mutex
	files     map[parseKey]*list.Element // of *cachedParse
	recent    *list.List                 // front: most recently used
	size      int                        // source bytes held
	maxSource int
}

// cachedParse is one entry of the recency list.
type cachedParse struct {
	key  parseKey
	size int
	p    *parsedFile
}

// defaultMaxSource bounds the source bytes whose parses a run keeps: the
// shared corpus's called Terraform modules (1.5 MB) twice over, about
// 40 MB of parsed files at most.
const defaultMaxSource = 4 << 20

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
	return &parseCache{files: map[parseKey]*list.Element{}, recent: list.New(), maxSource: defaultMaxSource}
}

// file returns the parse of content under name, parsing it on first use.
// Concurrent callers for the same file wait for one parse.
func (c *parseCache) file(name string, content []byte) *parsedFile {
	k := parseKey{name: name, sum: sha256.Sum256(content)}
	c.mu.Lock()
	var p *parsedFile
	if e, ok := c.files[k]; ok {
		c.recent.MoveToFront(e)
		p = e.Value.(*cachedParse).p
	} else {
		p = &parsedFile{}
		c.files[k] = c.recent.PushFront(&cachedParse{key: k, size: len(content), p: p})
		c.size += len(content)
		// The newest entry stays even when it alone is over the bound.
		for c.size > c.maxSource && c.recent.Len() > 1 {
			old := c.recent.Remove(c.recent.Back()).(*cachedParse)
			delete(c.files, old.key)
			c.size -= old.size
		}
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
