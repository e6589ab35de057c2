package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/fsread"
	"github.com/tollgate-dev/tollgate/gate"
	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/jsonreport"
	"github.com/tollgate-dev/tollgate/scan"
)

// merge combines the JSON reports of a sharded scan into one report, with
// one verdict and one exit code, in any format.
func (e *environment) merge(args []string) int {
	var f scanFlags
	fs := pflag.NewFlagSet("merge", pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringArrayVar(&f.formats, "format", nil, "output `FORMAT` or FORMAT=FILE, repeatable (as for scan)")
	fs.StringVar(&f.failOn, "fail-on", "", "lowest `SEVERITY` that blocks (default: configuration, else low)")
	fs.StringArrayVar(&f.policies, "policy", nil, "extra Rego `DIR` the shards were scanned with (rule help in SARIF)")
	fs.BoolVar(&f.noBuiltin, "no-builtin", false, "the shards were scanned without the built-in rules")
	fs.StringVar(&f.configFile, "config", "", "configuration `FILE` (default .tollgate.yaml when present)")
	f.remote.register(fs)
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "text output: only errors and the summary line")
	fs.StringVar(&f.color, "color", "auto", "colour text output `MODE`: auto, always, never")
	fs.StringVar(&f.category, "sarif-category", "", "SARIF run category (automationDetails.id) that keeps several uploads for one commit apart in code scanning, e.g. `NAME`=iac or containers")
	registerOrgConfig(fs, &f.orgConfig)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: tollgate merge [flags] REPORT.json...\n\nMerges the JSON reports of `tollgate scan --shard K/N` runs.\n\nFlags:\n%s", flagUsages(fs))
	}
	if ok, code := e.parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	setup, err := e.prepare(e.ctx, &f)
	if err != nil {
		return e.errorf("%v", err)
	}
	// The shards' reports carry their own warnings; these are about the
	// rules merge itself loaded for the rule help.
	e.printWarnings(setup.eng)
	merged, err := mergeReports(e.ctx, fs.Args())
	if err != nil {
		return e.errorf("%v", err)
	}
	// The shards reported the governance findings; the merged verdict
	// blocks at the threshold the organisation allows.
	pipeline.Finish(&merged, tool(), setup.eng, pipeline.EffectiveFailOn(setup.gov, setup.failOn))
	if err := e.writeOutputs(setup.outputs, merged, writeOptions{quiet: f.quiet, color: f.color, category: f.category}); err != nil {
		return e.errorf("%v", err)
	}
	return gate.ExitCode(merged.Summary.Verdict)
}

// mergeReports unions shard reports. Every shard discovers the whole tree,
// so discovery diagnostics and skipped-file counts repeat: diagnostics are
// kept once and the skipped count is the largest. A finding in two shards
// (overlapping runs) is kept once. Reports are read without a size bound
// (they grow with the scanned tree) but only from regular files.
func mergeReports(ctx context.Context, paths []string) (report.Report, error) {
	out := report.Report{Findings: []finding.Finding{}, Summary: report.Summary{FilesScanned: map[string]int{}}}
	var shards []*report.Shard
	seenFinding := map[string]bool{}
	// Diagnostics are compared by what they say: a place inside an image
	// (Range.Within) is a pointer, different in every report read.
	seenDiag := map[string]bool{}
	for _, p := range paths {
		fh, err := fsread.Open(ctx, p)
		if err != nil {
			return out, err
		}
		r, err := jsonreport.Read(fh)
		fh.Close()
		if err != nil {
			return out, fmt.Errorf("%s: %w", p, err)
		}
		shards = append(shards, r.Shard)
		for _, f := range r.Findings {
			key := f.Fingerprint + "\x00" + f.Location.String()
			if !seenFinding[key] {
				seenFinding[key] = true
				out.Findings = append(out.Findings, f)
			}
		}
		for _, d := range r.Diagnostics {
			key, err := json.Marshal(d)
			if err != nil {
				return out, fmt.Errorf("%s: %w", p, err)
			}
			if !seenDiag[string(key)] {
				seenDiag[string(key)] = true
				out.Diagnostics = append(out.Diagnostics, d)
			}
		}
		for k, n := range r.Summary.FilesScanned {
			out.Summary.FilesScanned[k] += n
		}
		out.Summary.FilesSkipped = max(out.Summary.FilesSkipped, r.Summary.FilesSkipped)
	}
	if err := completeShardSet(paths, shards); err != nil {
		return out, err
	}
	res := scan.Result{Findings: out.Findings, Diagnostics: out.Diagnostics}
	scan.Sort(&res)
	out.Findings, out.Diagnostics = res.Findings, res.Diagnostics
	return out, nil
}

// completeShardSet refuses a set of shard reports with a part missing,
// doubled, of another N or of another run: merging it would pass a gate
// that never saw part of the targets. Reports of whole scans (no shard)
// merge freely, but not mixed with shards.
func completeShardSet(paths []string, shards []*report.Shard) error {
	var first *report.Shard
	whole := 0
	for _, s := range shards {
		if s == nil {
			whole++
		} else if first == nil {
			first = s
		}
	}
	if first == nil {
		return nil
	}
	if whole > 0 {
		return fmt.Errorf("merge: %d of the reports are of whole scans and the others of shards; merge the shards of one scan", whole)
	}
	// By shard number: a report is read from a file, so its count is not
	// to be trusted with an allocation before it is checked.
	seen := map[int]string{}
	for i, s := range shards {
		switch {
		case s.Index < 1 || s.Index > s.Count:
			return fmt.Errorf("merge: %s: shard %d/%d is out of range", paths[i], s.Index, s.Count)
		case s.Count != first.Count:
			return fmt.Errorf("merge: %s is shard %d/%d, %s is of %d shards", paths[i], s.Index, s.Count, paths[0], first.Count)
		case s.Run != first.Run:
			return fmt.Errorf("merge: %s is from run %q, %s from run %q", paths[i], s.Run, paths[0], first.Run)
		case seen[s.Index] != "":
			return fmt.Errorf("merge: shard %d/%d given twice (%s and %s)", s.Index, s.Count, seen[s.Index], paths[i])
		}
		seen[s.Index] = paths[i]
	}
	if len(seen) == first.Count {
		return nil
	}
	// Every index is distinct and in range, so some are missing; the
	// message names the first few, not a count read from a file.
	const named = 10
	var missing []string
	for k := 1; k <= first.Count && len(missing) < named; k++ {
		if seen[k] == "" {
			missing = append(missing, fmt.Sprintf("%d/%d", k, first.Count))
		}
	}
	if more := first.Count - len(seen) - len(missing); more > 0 {
		missing = append(missing, fmt.Sprintf("and %d more", more))
	}
	return fmt.Errorf("merge: shard %s missing: a merged report must cover every target", strings.Join(missing, ", "))
}
