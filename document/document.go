// Package document defines the one type every scanner produces and every
// later stage consumes: a JSON-shaped Rego input plus the source positions
// of its values. Scanners know nothing of Rego or reporting; the engine knows
// nothing of file formats. This package is the seam between them.
//
// A scanner builds the input and its positions together with a Builder,
// putting each value with its range at one place; Positions.Set is left
// for the decoders that record ranges while walking a source tree.
package document

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Formats a Document can have. Rules declare which of these they apply to.
const (
	FormatCloudFormation = "cloudformation"
	FormatTerraform      = "terraform"
	FormatTerraformPlan  = "terraform-plan"
	FormatDockerfile     = "dockerfile"
	FormatImage          = "image"
	// FormatFiles is any other text file, checked for credentials.
	FormatFiles = "files"
	// FormatArtifacts lists deployable artifacts and whether each matches
	// the hash recorded for it (the assets of a CDK cloud assembly).
	FormatArtifacts = "artifacts"
)

// Document is one unit of policy input: a CloudFormation template, a
// Terraform module (which may span files), a Dockerfile, an image.
type Document struct {
	// Format selects the rules that apply (one of the Format constants).
	Format string
	// File is the path findings are reported against when a position has no
	// file of its own: slash-separated, as discovered (relative to the
	// working directory when the scan root was relative).
	File string
	// Input is the Rego input. It holds only JSON-compatible values:
	// map[string]any, []any, string, bool, nil, float64, int64, json.Number.
	Input map[string]any
	// Positions maps paths inside Input to source ranges.
	Positions *Positions
	// Resources adds what a scanner knows about a resource beyond the input,
	// keyed by the name rules report in a finding's "resource" field
	// (CloudFormation logical id, Terraform address, Dockerfile stage).
	Resources map[string]Resource
}

// Resource is scanner knowledge about one resource that Go, not Rego, uses
// when it turns a rule's result into a finding.
type Resource struct {
	// Name is how the resource is shown to users when it differs from the key
	// (a CDK construct path for a CloudFormation logical id).
	Name string
	// Type is the resource type (AWS::S3::Bucket, aws_s3_bucket, stage, ...).
	Type string
	// Source is where the user wrote the resource when that is not the
	// scanned file (the CDK line that created the construct, a Terraform
	// module call). When set it becomes the primary location and the
	// position in the scanned file a related one.
	Source *Range
	// PropertySources refines Source per top-level property name.
	PropertySources map[string]Range
	// Related are further locations worth showing (module call sites), and
	// RelatedLabel says what they are ("module call").
	Related      []Range
	RelatedLabel string
	// Suppressions written inline for this resource.
	Suppressions []Suppression
}

// Suppression is an inline waiver of one rule for one resource (or a whole
// file when attached to the document by a scanner).
type Suppression struct {
	RuleID string
	Reason string
	// Owner is who answers for the waiver; empty when not given.
	Owner   string
	Expires string // YYYY-MM-DD, empty when it never expires
	Range   Range
}

// Range is a span in a source file. Lines and columns are 1-based; a zero
// EndLine means only the start is known.
type Range struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine,omitempty"`
	EndColumn int    `json:"endColumn,omitempty"`
	// Within, when set, is the place inside File, an artifact without
	// lines of its own (a container image); Line and Column then stay at
	// 1:1 of File, where code hosts that only know files can point.
	Within *Within `json:"within,omitempty"`
}

// Within is a place inside a container image: a file of its final
// filesystem, or its config or manifest.
type Within struct {
	// Image is the image's reference when File does not say it: a tag in
	// a docker save archive, a platform of a multi-platform image.
	Image string `json:"image,omitempty"`
	// Path is an absolute path in the image's filesystem ("/etc/shadow"),
	// or one of WithinConfig and WithinManifest.
	Path string `json:"path"`
	// Line is the 1-based line in the file at Path, when known.
	Line int `json:"line,omitempty"`
	// Layer is the 0-based index of the layer that last wrote Path (its
	// version in the final filesystem); nil for the config and manifest.
	Layer *int `json:"layer,omitempty"`
	// Digest identifies the blob that holds the place: the layer's
	// digest for a file, else the config's or the manifest's.
	Digest string `json:"digest"`
}

// The parts of an image that are not files, as Within.Path names them.
const (
	WithinConfig   = "config"
	WithinManifest = "manifest"
)

// String renders the place as "/etc/passwd:3 (layer 0 sha256:0123456789ab)"
// or "config (sha256:0123456789ab)", the digest shortened as docker does.
func (w *Within) String() string { return w.render(ShortDigest) }

// Full is String with the whole digest, for reports kept as records.
func (w *Within) Full() string { return w.render(func(d string) string { return d }) }

func (w *Within) render(digest func(string) string) string {
	s := w.Path
	if w.Line > 0 {
		s += ":" + strconv.Itoa(w.Line)
	}
	var detail []string
	if w.Layer != nil {
		detail = append(detail, "layer "+strconv.Itoa(*w.Layer))
	}
	if w.Digest != "" {
		detail = append(detail, digest(w.Digest))
	}
	if len(detail) > 0 {
		s += " (" + strings.Join(detail, " ") + ")"
	}
	return s
}

// ShortDigest keeps the algorithm and 12 hex digits of a digest, enough
// to tell layers apart in text; reports that machines read keep it whole.
func ShortDigest(d string) string {
	alg, hex, ok := strings.Cut(d, ":")
	if !ok || len(hex) <= 12 {
		return d
	}
	return alg + ":" + hex[:12]
}

// String renders file:line:col, dropping what is unknown, or for a place
// inside an image file!place ("image.tar!/etc/shadow (layer 3 sha256:0123456789ab)").
func (r Range) String() string {
	if r.Within != nil {
		return r.File + "!" + r.Within.String()
	}
	switch {
	case r.Line > 0 && r.Column > 0:
		return fmt.Sprintf("%s:%d:%d", r.File, r.Line, r.Column)
	case r.Line > 0:
		return fmt.Sprintf("%s:%d", r.File, r.Line)
	default:
		return r.File
	}
}

// IsZero reports whether r carries no position.
func (r Range) IsZero() bool { return r.Line == 0 }

// Positions is a tree of source ranges that mirrors the shape of an input
// document. Object keys and array indices (in decimal) are path elements.
type Positions struct {
	root node
}

type node struct {
	rng      Range
	has      bool
	children map[string]*node
}

// NewPositions returns an empty position tree.
func NewPositions() *Positions { return &Positions{} }

// Set records the range of the value at path.
func (p *Positions) Set(path []string, r Range) {
	n := &p.root
	for _, k := range path {
		n = n.child(k)
	}
	n.set(r)
}

// child is the node at key k below n, made when it is not there yet.
func (n *node) child(k string) *node {
	c, ok := n.children[k]
	if !ok {
		if n.children == nil {
			n.children = make(map[string]*node)
		}
		c = &node{}
		n.children[k] = c
	}
	return c
}

func (n *node) set(r Range) { n.rng, n.has = r, true }

// Lookup returns the range of the value at path or, when that value does not
// exist (a property the template never set), of its deepest ancestor that has
// a range. exact reports whether the full path was found.
func (p *Positions) Lookup(path []string) (r Range, exact bool) {
	if p == nil {
		return Range{}, false
	}
	n := &p.root
	if n.has {
		r = n.rng
	}
	for i, k := range path {
		c, ok := n.children[k]
		if !ok {
			return r, false
		}
		n = c
		if n.has {
			r = n.rng
		}
		if i == len(path)-1 {
			return r, n.has
		}
	}
	return r, n.has
}

// Paths lists every recorded path in a stable order; for tests and tooling.
func (p *Positions) Paths() [][]string {
	var out [][]string
	var walk func(n *node, prefix []string)
	walk = func(n *node, prefix []string) {
		if n.has {
			out = append(out, append([]string(nil), prefix...))
		}
		keys := make([]string, 0, len(n.children))
		for k := range n.children {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			walk(n.children[k], append(prefix, k))
		}
	}
	walk(&p.root, nil)
	return out
}

// PathElem renders a Rego path element (string or number) as a Positions key.
func PathElem(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatInt(int64(x), 10)
	case interface{ String() string }:
		return x.String()
	default:
		return ""
	}
}

// APIVersion is the version of the input documents' shape, in every
// input's tollgate.api: a rule can refuse a shape it was not written for.
const APIVersion = 1

// Header is the "tollgate" object at the top of every input: the shape's
// version, the document's format and its file. Scanners put it in with
// this function so that every format spells it alike.
func Header(format, file string) map[string]any {
	return map[string]any{"api": int64(APIVersion), "format": format, "file": file}
}

// Meta is the document's tollgate header, for scanners that add to it
// (a CDK stack's construct path); nil when the input has none.
func (d *Document) Meta() map[string]any {
	m, _ := d.Input["tollgate"].(map[string]any)
	return m
}
