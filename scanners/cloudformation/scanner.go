// Package cloudformation scans AWS CloudFormation templates (JSON or YAML,
// SAM included) into policy input documents.
//
// Resource properties are resolved: intrinsic functions are evaluated with
// what the template fixes (parameter defaults, mappings, conditions, the
// partition), and anything known only at deploy time becomes an unknown
// marker, never an absent value. Every value keeps its source position: a
// scalar at its value token, a mapping or list (or an empty value) at the
// key that introduces it, a computed value at the expression that computed
// it.
package cloudformation

import (
	"context"
	"path"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
)

// Scanner scans one template file per unit, and the local templates it
// nests (AWS::CloudFormation::Stack with a TemplateURL that is a path, as
// `aws cloudformation package` expects), each with the parameters its parent
// passes.
type Scanner struct {
	// Roots bound the nested templates read: only files below one of them
	// (a file root stands for its directory). Empty means the scanned
	// template's directory.
	Roots []string
	// MaxFileSize bounds a template, the scanned one and each nested one
	// (0: the default, MaxFileSize).
	MaxFileSize int64
}

var _ scanners.Scanner = Scanner{}

// Name implements scanners.Scanner.
func (Scanner) Name() string { return "cloudformation" }

// Scan implements scanners.Scanner. It uses the content discovery read and
// reads the file only when discovery did not. The result holds the
// template's document and one per nested template reached from it; a nested
// template that cannot be read or parsed is an error diagnostic, the others
// are still returned.
func (s Scanner) Scan(ctx context.Context, u scanners.Unit) (scanners.Result, error) {
	if err := ctx.Err(); err != nil {
		return scanners.Result{}, err
	}
	limit := s.MaxFileSize
	if limit <= 0 {
		limit = MaxFileSize
	}
	content, err := u.Bytes(ctx, limit)
	if err != nil {
		return scanners.Result{}, err
	}
	doc, diags, err := ParseWithDiagnostics(u.Path, content)
	if err != nil {
		return scanners.Result{}, err
	}
	n := &nester{ctx: ctx, fsys: u.FS, maxSize: limit, roots: boundingDirs(u.FS, s.Roots, u.Path), docs: []*document.Document{doc}, diags: diags}
	n.follow(doc, []string{path.Clean(u.Path)})
	sortDiagnostics(n.diags)
	return scanners.Result{Documents: n.docs, Diagnostics: n.diags}, nil
}
