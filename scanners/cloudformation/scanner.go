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

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
)

// Scanner scans one template file per unit.
type Scanner struct {
	// MaxFileSize bounds a template (default
	// scanners.DefaultLimits().CloudFormation).
	MaxFileSize int64
}

var _ scanners.Scanner = Scanner{}

// Name implements scanners.Scanner.
func (Scanner) Name() string { return "cloudformation" }

// Scan implements scanners.Scanner. It uses the content discovery read and
// reads the file only when discovery did not.
func (s Scanner) Scan(ctx context.Context, u scanners.Unit) (scanners.Result, error) {
	if err := ctx.Err(); err != nil {
		return scanners.Result{}, err
	}
	content, err := u.Bytes(ctx, scanners.Limits{CloudFormation: s.MaxFileSize}.WithDefaults().CloudFormation)
	if err != nil {
		return scanners.Result{}, err
	}
	doc, diags, err := ParseWithDiagnostics(u.Path, content)
	if err != nil {
		return scanners.Result{}, err
	}
	return scanners.Result{Documents: []*document.Document{doc}, Diagnostics: diags}, nil
}
