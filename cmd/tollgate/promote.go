package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/attest"
	"github.com/tollgate-dev/tollgate/attest/attach"
	"github.com/tollgate-dev/tollgate/fsread"
	"github.com/tollgate-dev/tollgate/promote"
	"github.com/tollgate-dev/tollgate/scanners/image"
)

const promoteUsage = `Usage:
  tollgate promote --attestation FILE [--key PUB] [--policy-digest sha256:...] [PATH...] [--image REF...]
  tollgate promote --image REF [--key PUB] [--policy-digest sha256:...] [PATH...]

Checks that what is about to be promoted is what a passing scan covered:
every PATH (a directory file by file) and --image must match a subject of
the attestation (scan --attest), the scan's verdict must be passed, its
signature must verify with --key, no waiver it applied may have expired,
and with --policy-digest the same policy set must have run. Without
--attestation, the attestation attached to the one --image (scan --attach)
is read from the registry. Without PATHs and images, every subject is
re-hashed. Exit 0 promote, 1 refused (naming what does not match), 2 could
not decide (an unreadable or malformed attestation or artifact).
See docs/attestation.md.
`

var policyDigestFlag = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

// promoteOutput is promote's JSON report.
type promoteOutput struct {
	Attestation string             `json:"attestation"`
	Result      string             `json:"result"`
	ExitCode    int                `json:"exitCode"`
	Subjects    int                `json:"subjects"`
	Checks      []promote.Check    `json:"checks"`
	Artifacts   []promote.Artifact `json:"artifacts"`
	Predicate   *attest.Predicate  `json:"predicate,omitempty"`
}

func (e *environment) promote(args []string) int {
	fs := pflag.NewFlagSet("promote", pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	file := fs.String("attestation", "", "the attestation `FILE` scan --attest wrote (a DSSE envelope or an in-toto statement)")
	keyFile := fs.String("key", "", "require a signature by this ed25519 or ECDSA PEM public `KEY` (an unsigned attestation is refused)")
	policyDigest := fs.String("policy-digest", "", "require that the scan ran this policy set (`sha256:...`, as tollgate rules --policy-digest prints it)")
	images := fs.StringArray("image", nil, "registry image `REF` about to be promoted, repeatable")
	insecure := fs.StringArray("insecure-registry", nil, "reach registry `HOST` over plain HTTP (loopback registries always are), repeatable")
	format := fs.String("format", "text", "output `FORMAT`: text or json")
	fs.Usage = func() { fmt.Fprintf(fs.Output(), "%s\nFlags:\n%s", promoteUsage, flagUsages(fs)) }
	if ok, code := e.parseFlags(fs, args); !ok {
		return code
	}
	switch {
	case *format != "text" && *format != "json":
		return e.errorf("promote: --format %q: want text or json", *format)
	case *policyDigest != "" && !policyDigestFlag.MatchString(*policyDigest):
		return e.errorf("promote: --policy-digest %q: want sha256:<64 lowercase hex digits>", *policyDigest)
	case *file == "" && len(*images) != 1:
		return e.errorf("promote: give --attestation FILE, or exactly one --image whose attached attestation to read")
	}
	ctx := e.ctx
	imgOpts := image.Options{Insecure: *insecure}
	var key *attest.Key
	if *keyFile != "" {
		b, err := fsread.ReadFile(ctx, *keyFile, fsread.MaxTextFile)
		if err != nil {
			return e.errorf("promote: --key: %v", err)
		}
		if key, err = attest.ParseKey(b); err != nil {
			return e.errorf("promote: --key %s: %v", *keyFile, err)
		}
	}
	out := promoteOutput{Attestation: *file}
	var data []byte
	if *file != "" {
		var err error
		if data, err = fsread.ReadFile(ctx, *file, attest.MaxSize); err != nil {
			return e.errorf("promote: --attestation: %v", err)
		}
	} else {
		digest, env, err := attach.Find(ctx, (*images)[0], imgOpts)
		out.Attestation = (*images)[0] + " (attached)"
		if digest.Hex != "" {
			out.Attestation = fmt.Sprintf("%s@%s (attached)", (*images)[0], digest)
		}
		switch {
		case errors.Is(err, attach.ErrNotFound):
			return e.promoteReport(*format, out, promote.Report{Checks: []promote.Check{{Name: "attestation", Status: promote.StatusFailed, Detail: err.Error()}}})
		case err != nil:
			return e.errorf("promote: %v", err)
		}
		data = env
	}
	a, err := attest.Parse(ctx, data, key)
	switch {
	case errors.Is(err, attest.ErrUnverified):
		return e.promoteReport(*format, out, promote.Report{Checks: []promote.Check{{Name: "signature", Status: promote.StatusFailed, Detail: strings.TrimPrefix(err.Error(), attest.ErrUnverified.Error()+": ")}}})
	case err != nil:
		return e.errorf("promote: %s: %v", out.Attestation, err)
	}
	out.Subjects, out.Predicate = len(a.Subjects), &a.Predicate
	rep := promote.Evaluate(ctx, a, key != nil, promote.Options{Paths: fs.Args(), Images: *images, PolicyDigest: *policyDigest, Image: imgOpts})
	return e.promoteReport(*format, out, rep)
}

// promoteReport prints the decision and returns its exit code.
func (e *environment) promoteReport(format string, out promoteOutput, rep promote.Report) int {
	out.Result, out.ExitCode, out.Checks, out.Artifacts = rep.Result(), rep.ExitCode(), rep.Checks, rep.Artifacts
	if out.Artifacts == nil {
		out.Artifacts = []promote.Artifact{}
	}
	if format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return e.errorf("promote: %v", err)
		}
		return out.ExitCode
	}
	for _, c := range rep.Checks {
		fmt.Fprintf(e.stdout, "%s: %s: %s", out.Attestation, c.Name, strings.ToUpper(string(c.Status)))
		if c.Detail != "" {
			fmt.Fprintf(e.stdout, ": %s", display(c.Detail))
		}
		fmt.Fprintln(e.stdout)
	}
	bad := 0
	for _, a := range rep.Artifacts {
		fmt.Fprintf(e.stdout, "%s: %s", display(a.Name), strings.ToUpper(string(a.Status)))
		if a.Status != promote.StatusOK {
			bad++
		}
		switch {
		case a.Expected != "" && a.Actual != "":
			fmt.Fprintf(e.stdout, ": sha256 %s now, %s when scanned", a.Actual, a.Expected)
			if a.Detail != "" {
				fmt.Fprintf(e.stdout, " (%s)", display(a.Detail))
			}
		case a.Detail != "":
			fmt.Fprintf(e.stdout, ": %s", display(a.Detail))
		}
		fmt.Fprintln(e.stdout)
	}
	switch out.ExitCode {
	case 0:
		fmt.Fprintf(e.stdout, "promote: passed: %d artifacts match %s\n", len(rep.Artifacts), out.Attestation)
	default:
		fmt.Fprintf(e.stdout, "promote: %s: %d of %d artifacts do not match %s\n", out.Result, bad, len(rep.Artifacts), out.Attestation)
	}
	return out.ExitCode
}
