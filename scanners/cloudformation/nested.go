package cloudformation

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/srcfs"
)

// maxNesting bounds chains of nested stacks; CloudFormation's own limit on
// nesting is far lower in practice, and a deeper chain is a generated loop.
// maxNested bounds the templates one scanned template reaches: a template
// that nests the next one twice, repeated, doubles the count per level.
const (
	maxNesting = 32
	maxNested  = 1000
)

const stackType = "AWS::CloudFormation::Stack"

// nestedRef is one AWS::CloudFormation::Stack of a template.
type nestedRef struct {
	id string
	// at is where the TemplateURL is written (else the resource).
	at document.Range
	// stack is the resource's range, a related location for child findings.
	stack document.Range
	// url is the static TemplateURL; empty when it is not a static string.
	url string
	// expr describes a TemplateURL that is not static.
	expr string
	// params are the Parameters the parent passes, as resolved.
	params map[string]any
}

// nestedStacks lists the nested stacks of a parsed template in logical id
// order.
func nestedStacks(doc *document.Document) []nestedRef {
	var out []nestedRef
	res, _ := doc.Input["Resources"].(map[string]any)
	ids := make([]string, 0, len(res))
	for id, r := range doc.Resources {
		if r.Type == stackType {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		raw, _ := res[id].(map[string]any)
		n := nestedRef{id: id}
		n.stack, _ = doc.Positions.Lookup([]string{"Resources", id})
		n.at = n.stack
		props, _ := raw["Properties"].(map[string]any)
		switch u := props["TemplateURL"].(type) {
		case string:
			n.url = u
			n.at, _ = doc.Positions.Lookup([]string{"Resources", id, "Properties", "TemplateURL"})
		case map[string]any:
			n.expr, _ = u["expr"].(string)
			n.at, _ = doc.Positions.Lookup([]string{"Resources", id, "Properties", "TemplateURL"})
		default:
			if document.IsUnknown(props) {
				n.expr, _ = props["expr"].(string)
			}
		}
		if p, ok := props["Parameters"].(map[string]any); ok && !document.IsUnknown(p) {
			n.params = p
		}
		out = append(out, n)
	}
	return out
}

// isRemote reports whether a TemplateURL names something CloudFormation
// fetches (S3, HTTPS) rather than a file `aws cloudformation package` uploads.
func isRemote(url string) bool {
	return strings.Contains(url, "://")
}

// childPath resolves a local TemplateURL against the parent's directory.
func childPath(parent, url string) string {
	if path.IsAbs(filepath.ToSlash(url)) {
		return path.Clean(filepath.ToSlash(url))
	}
	return path.Join(path.Dir(parent), filepath.ToSlash(url))
}

// NestedTemplates returns the local templates a template nests through
// AWS::CloudFormation::Stack resources with a static, local TemplateURL
// (resolved against the template's directory). Discovery uses it so that a
// child template is scanned once, with its parent's parameters, and not a
// second time on its own.
func NestedTemplates(file string, content []byte) []string {
	if !bytes.Contains(content, []byte(stackType)) {
		return nil
	}
	doc, _, err := ParseWithDiagnostics(file, content)
	if err != nil {
		return nil
	}
	var out []string
	for _, n := range nestedStacks(doc) {
		if n.url != "" && !isRemote(n.url) {
			out = append(out, childPath(file, n.url))
		}
	}
	return out
}

// nester follows the nested stacks of one scanned template.
type nester struct {
	// ctx and maxSize bound every nested read like the scanned template's.
	ctx     context.Context
	fsys    *srcfs.FS
	maxSize int64

	roots []string // directories that bound what is read
	docs  []*document.Document
	diags []document.Diagnostic
}

// boundingDirs turns scan roots into the directories nested templates may
// be read from: a file root stands for its directory; without roots, the
// scanned template's directory.
func boundingDirs(fsys *srcfs.FS, roots []string, scanned string) []string {
	if len(roots) == 0 {
		return []string{path.Dir(path.Clean(scanned))}
	}
	out := make([]string, 0, len(roots))
	for _, r := range roots {
		if st, err := fsys.Stat(r); err == nil && !st.IsDir() {
			r = filepath.Dir(r)
		}
		out = append(out, r)
	}
	return out
}

// inRoot reports whether p is below one of the roots, after following
// symlinks (a file that does not exist is judged by its name; reading it
// fails later).
func (s *nester) inRoot(p string) bool {
	real := func(p string) (string, bool) {
		abs, err := filepath.Abs(s.fsys.OSPath(p))
		if err != nil {
			return "", false
		}
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			return r, true
		} else if !os.IsNotExist(err) {
			return "", false
		}
		return abs, true
	}
	file, ok := real(p)
	if !ok {
		return false
	}
	for _, r := range s.roots {
		root, ok := real(r)
		if !ok {
			continue
		}
		rel, err := filepath.Rel(root, file)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

func (s *nester) diag(level document.Level, at document.Range, format string, args ...any) {
	s.diags = append(s.diags, document.Diagnostic{Level: level, Message: fmt.Sprintf(format, args...), Range: at})
}

// follow scans the children of doc; chain is the path of templates from the
// scanned one down to doc, for cycle detection and messages.
func (s *nester) follow(doc *document.Document, chain []string) {
	for _, n := range nestedStacks(doc) {
		switch {
		case n.url == "" && n.expr == "":
			continue // no TemplateURL: CloudFormation rejects the template
		case n.url == "" && isRemote(n.expr), isRemote(n.url):
			s.diag(document.LevelWarning, n.at, "nested stack %s: TemplateURL %s is remote; its template adds content at deploy time that tollgate cannot see", n.id, displayURL(n.url)+n.expr)
			continue
		case n.url == "":
			s.diag(document.LevelWarning, n.at, "nested stack %s: TemplateURL %s is known only at deploy time; its template adds content that tollgate cannot see", n.id, n.expr)
			continue
		}
		child := childPath(doc.File, n.url)
		if i := indexOf(chain, child); i >= 0 {
			s.diag(document.LevelError, n.at, "nested stack %s: cycle %s", n.id, strings.Join(append(append([]string(nil), chain[i:]...), child), " -> "))
			continue
		}
		if len(chain) >= maxNesting {
			s.diag(document.LevelError, n.at, "nested stack %s: stacks nested more than %d deep", n.id, maxNesting)
			continue
		}
		if len(s.docs) > maxNested {
			s.diag(document.LevelError, n.at, "nested stack %s: more than %d nested stack templates; the rest are not scanned", n.id, maxNested)
			return
		}
		if !s.inRoot(child) {
			s.diag(document.LevelError, n.at, "nested stack %s: template %s is outside the scan root; not read", n.id, child)
			continue
		}
		content, err := scanners.ReadFile(s.ctx, s.fsys, child, s.maxSize)
		if err != nil {
			s.diag(document.LevelError, n.at, "nested stack %s: template %s: %v", n.id, child, err)
			continue
		}
		cdoc, cdiags, err := parse(child, content, n.params)
		s.diags = append(s.diags, cdiags...)
		if err != nil {
			se, ok := err.(*document.SourceError)
			if !ok {
				se = &document.SourceError{Range: document.Range{File: child}, Err: err}
			}
			s.diag(document.LevelError, se.Range, "%v (nested stack %s of %s)", se.Err, n.id, doc.File)
			continue
		}
		for id, r := range cdoc.Resources {
			r.Related = append(r.Related, n.stack)
			r.RelatedLabel = "nested stack resource in the parent template"
			cdoc.Resources[id] = r
		}
		s.docs = append(s.docs, cdoc)
		s.follow(cdoc, append(chain, child))
	}
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
