package terraform

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/tollgate-dev/tollgate/document"
)

// LockedProvider is one provider entry of .terraform.lock.hcl.
type LockedProvider struct {
	Address     string // registry.terraform.io/hashicorp/aws
	Version     string
	Constraints string
	Hashes      []string
	Range       hcl.Range
}

// ParseLockFile parses a dependency lock file. A syntax error is a
// *document.SourceError.
func ParseLockFile(name string, content []byte) ([]LockedProvider, error) {
	f, diags := hclsyntax.ParseConfig(content, name, hcl.InitialPos)
	if err := firstError(diags); err != nil {
		return nil, err
	}
	body, _, diags := f.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "provider", LabelNames: []string{"address"}}}})
	if err := firstError(diags); err != nil {
		return nil, err
	}
	var out []LockedProvider
	for _, b := range body.Blocks {
		attrs, diags := b.Body.JustAttributes()
		if err := firstError(diags); err != nil {
			return nil, err
		}
		p := LockedProvider{Address: b.Labels[0], Range: b.DefRange}
		for n, a := range attrs {
			v, diags := a.Expr.Value(nil)
			if err := firstError(diags); err != nil {
				return nil, err
			}
			switch n {
			case "version", "constraints":
				if v.Type() != cty.String || v.IsNull() {
					return nil, &document.SourceError{Range: rangeOf(a.Expr.Range()), Err: fmt.Errorf("%s must be a string", n)}
				}
				if n == "version" {
					p.Version = v.AsString()
				} else {
					p.Constraints = v.AsString()
				}
			case "hashes":
				if !v.CanIterateElements() || v.IsNull() {
					return nil, &document.SourceError{Range: rangeOf(a.Expr.Range()), Err: fmt.Errorf("hashes must be a list of strings")}
				}
				for it := v.ElementIterator(); it.Next(); {
					_, h := it.Element()
					if h.Type() != cty.String || h.IsNull() {
						return nil, &document.SourceError{Range: rangeOf(a.Expr.Range()), Err: fmt.Errorf("hashes must be a list of strings")}
					}
					p.Hashes = append(p.Hashes, h.AsString())
				}
			}
		}
		out = append(out, p)
	}
	return out, nil
}

func firstError(diags hcl.Diagnostics) error {
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			r, msg := hclDiag(d)
			return &document.SourceError{Range: r, Err: fmt.Errorf("%s", msg)}
		}
	}
	return nil
}

// lockFile builds input.terraform.lock_file.
func (s *scan) lockFile(files []string, rec *recorder) map[string]any {
	providers := map[string]any{}
	out := map[string]any{"present": len(files) > 0, "providers": providers}
	for _, f := range files {
		b, err := s.read(f)
		if err != nil {
			s.diag(document.LevelError, fmt.Sprintf("%s: %v", f, err), document.Range{File: f})
			continue
		}
		list, err := ParseLockFile(f, b)
		if err != nil {
			se, _ := err.(*document.SourceError)
			r := document.Range{File: f}
			if se != nil {
				r, err = se.Range, se.Err
			}
			s.diag(document.LevelError, err.Error(), r)
			continue
		}
		out["file"] = f
		rec.set([]string{"lock_file"}, document.Range{File: f, Line: 1, Column: 1})
		for _, p := range list {
			hashes := make([]any, 0, len(p.Hashes))
			for _, h := range p.Hashes {
				hashes = append(hashes, h)
			}
			providers[p.Address] = map[string]any{"version": p.Version, "constraints": p.Constraints, "hashes": hashes, "verification": s.verifyProvider(p)}
			rec.set([]string{"lock_file", "providers", p.Address}, rangeOf(p.Range))
		}
	}
	return out
}
