package policytest

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
)

// coverage is OPA's coverage report over the user's modules, their tests
// left out: the embedded library is tollgate's to test, and a test file
// covers itself. The totals are recomputed over those files the way OPA
// computes them.
func coverage(cov *cover.Cover, user map[string]*ast.Module) cover.Report {
	mods := make(map[string]*ast.Module, len(user))
	for name, m := range user {
		if !strings.HasSuffix(name, "_test.rego") {
			mods[name] = m
		}
	}
	full := cov.Report(mods)
	rep := cover.Report{Files: make(map[string]*cover.FileReport, len(mods))}
	for name := range mods {
		fr := full.Files[name]
		if fr == nil {
			fr = &cover.FileReport{}
		}
		rep.Files[name] = fr
		rep.CoveredLines += fr.CoveredLines
		rep.NotCoveredLines += fr.NotCoveredLines
	}
	if total := rep.CoveredLines + rep.NotCoveredLines; total > 0 {
		rep.Coverage = 100 * float64(rep.CoveredLines) / float64(total)
	}
	return rep
}

// writeCoverage prints the report: OPA's JSON shape, or a line a file
// (its coverage and the lines no test reached) and the total.
func writeCoverage(w io.Writer, rep cover.Report, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	var b strings.Builder
	b.WriteString("\ncoverage:\n")
	for _, name := range slices.Sorted(maps.Keys(rep.Files)) {
		fr := rep.Files[name]
		fmt.Fprintf(&b, "  %6.2f%%  %s (%d of %d lines)", fr.Coverage, name, fr.CoveredLines, fr.CoveredLines+fr.NotCoveredLines)
		if len(fr.NotCovered) > 0 {
			b.WriteString(", not covered: " + ranges(fr.NotCovered))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "  %6.2f%%  total (%d of %d lines in %d files)\n", rep.Coverage, rep.CoveredLines, rep.CoveredLines+rep.NotCoveredLines, len(rep.Files))
	_, err := io.WriteString(w, b.String())
	return err
}

// ranges spells the lines of ranges as 3, 7-9: OPA reports one range an
// expression, so consecutive lines are joined.
func ranges(rs []cover.Range) string {
	var spans [][2]int
	for _, r := range rs {
		if n := len(spans); n > 0 && r.Start.Row <= spans[n-1][1]+1 {
			spans[n-1][1] = max(spans[n-1][1], r.End.Row)
			continue
		}
		spans = append(spans, [2]int{r.Start.Row, r.End.Row})
	}
	parts := make([]string, 0, len(spans))
	for _, s := range spans {
		if s[0] == s[1] {
			parts = append(parts, fmt.Sprint(s[0]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", s[0], s[1]))
		}
	}
	return strings.Join(parts, ", ")
}
