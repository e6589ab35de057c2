package pipeline

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/tollgate-dev/tollgate/attest"
	"github.com/tollgate-dev/tollgate/checksum"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/scan"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/scanners/cdk"
	"github.com/tollgate-dev/tollgate/srcfs"
	"github.com/tollgate-dev/tollgate/suppress"
)

// Coverage asks a run to record what it covered, for a scan attestation.
// Run fills Statement; without a Coverage on the plan, nothing is
// recorded and the report is the same.
//
// The subjects are:
//   - every file the scanners of the run's targets read in full, or used
//     as discovery read it (templates, Terraform files and what they read,
//     plans, Dockerfiles, the text files checked for credentials, a cloud
//     assembly's manifests and templates), with the SHA-256 of the bytes
//     read; a unit its scanner skipped (a small binary) is not a subject,
//     nor is a file only sniffed, nor one discovery read for a target
//     --shard or --staged then left out;
//   - each file, folder and Docker build folder asset of a cloud assembly:
//     a file by its SHA-256, a folder by package checksum's tree hash;
//   - every other file of a cloud assembly's folder (tree.json, the
//     version marker, a validation report), hashed after the scan: the
//     assembly is deployed as a whole, so a promotion of the folder must
//     be able to check every file in it;
//   - each registry image, by the digest of the manifest or index its
//     reference resolved to when it was scanned; an image tarball as a
//     file, an OCI layout as a directory.
//
// The subjects are also evaluated by the rules, as a document of format
// artifacts with source "scan" (docs/policy-api.md), so a policy can
// require what an attested scan must cover.
type Coverage struct {
	// Name is the file the attestation is written to: the file of the
	// artifacts document.
	Name string
	// OrgConfigs are the organisation governance files the run read, to
	// record with the configuration's digest.
	OrgConfigs []string
	// Statement is what Run recorded.
	Statement attest.Statement
}

// coverage gathers subjects while a run scans.
type coverage struct {
	reads *srcfs.Reads
	// fsys is the recording copy of the run's file system.
	fsys *srcfs.FS

	mu         sync.Mutex
	skipped    map[string]bool
	assets     []assetSubject
	images     []imageSubject
	assemblies []string
}

type assetSubject struct {
	file string
	cdk  map[string]any
}

type imageSubject struct {
	kind, path string
	digests    []string // the digest each document names the source by
}

func newCoverage(fsys *srcfs.FS) *coverage {
	reads := srcfs.NewReads()
	return &coverage{reads: reads, fsys: fsys.Recording(reads), skipped: map[string]bool{}}
}

// wrap makes every scanner report what it covered, and the targets read
// through the recording file system. Only the targets a run scans are
// handed it, after --shard and --staged chose them: discovery's own reads
// are not recorded, and scanners tell it (srcfs.FS.Saw) which content
// discovery read they use.
func (c *coverage) wrap(scs map[string]scanners.Scanner, targets []discover.Target) {
	for kind, sc := range scs {
		scs[kind] = coveringScanner{Scanner: sc, kind: kind, cov: c}
	}
	for i := range targets {
		switch targets[i].Kind {
		case kindImageRef, kindImageTar, kindOCILayout, kindCommit:
			// Not read through the file system.
		default:
			targets[i].Unit.FS = c.fsys
		}
	}
}

type coveringScanner struct {
	scanners.Scanner
	kind string
	cov  *coverage
}

func (s coveringScanner) Scan(ctx context.Context, u scanners.Unit) (scanners.Result, error) {
	res, err := s.Scanner.Scan(ctx, u)
	s.cov.unit(s.kind, u, res)
	return res, err
}

func (c *coverage) unit(kind string, u scanners.Unit, res scanners.Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if res.Skipped {
		c.skipped[checksum.CleanPath(u.Path)] = true
	}
	if kind == cdk.Kind.Name {
		c.assemblies = append(c.assemblies, checksum.CleanPath(u.Path))
	}
	img := imageSubject{kind: kind, path: u.Path}
	for _, doc := range res.Documents {
		switch doc.Format {
		case document.FormatArtifacts:
			assets, _ := doc.Input["assets"].([]any)
			for _, a := range assets {
				c.asset(doc, a)
			}
		case document.FormatImage:
			d, _ := doc.Input["index_digest"].(string)
			if d == "" {
				d, _ = doc.Input["manifest_digest"].(string)
			}
			if !slices.Contains(img.digests, d) {
				img.digests = append(img.digests, d)
			}
		}
	}
	if len(img.digests) > 0 {
		c.images = append(c.images, img)
	}
}

// asset records a CDK asset whose content the assembly ships: files,
// folders and Docker build folders. Templates are read whole and so
// already recorded; the asset entry adds what CDK says of them.
func (c *coverage) asset(doc *document.Document, a any) {
	m, _ := a.(map[string]any)
	file, _ := m["file"].(string)
	if file == "" {
		return
	}
	cdk := map[string]any{"assembly": doc.File}
	for _, k := range []string{"stack", "asset", "display_name", "type", "status", "recorded"} {
		if v, ok := m[k].(string); ok {
			cdk[k] = v
		}
	}
	c.assets = append(c.assets, assetSubject{file: file, cdk: cdk})
}

// finish hashes what was not read whole (assets, image sources), and
// returns the subjects with the problems that keep one from being named:
// a file changed while it was scanned, an asset that cannot be hashed.
func (c *coverage) finish(ctx context.Context) ([]attest.Subject, []document.Diagnostic) {
	var diags []document.Diagnostic
	fail := func(file, format string, a ...any) {
		diags = append(diags, document.Diagnostic{Level: document.LevelError, Range: document.Range{File: file},
			Message: "attestation: " + fmt.Sprintf(format, a...)})
	}
	byName := map[string]*attest.Subject{}
	var order []string
	add := func(s attest.Subject) {
		if prev, ok := byName[s.Name]; ok {
			if prev.Kind == s.Kind && prev.SHA256 != s.SHA256 {
				fail(s.Name, "%s changed while it was scanned: read as sha256 %s, hashed as %s", s.Name, prev.SHA256, s.SHA256)
			}
			for k, v := range s.Annotations {
				if prev.Annotations == nil {
					prev.Annotations = map[string]any{}
				}
				prev.Annotations[k] = v
			}
			return
		}
		byName[s.Name] = &s
		order = append(order, s.Name)
	}
	for _, r := range c.reads.Files() {
		if c.skipped[r.Name] {
			continue
		}
		if r.Changed {
			fail(r.Name, "%s changed while it was scanned (read twice with other contents)", r.Name)
		}
		add(attest.Subject{Name: r.Name, SHA256: r.SHA256, Kind: attest.KindFile})
	}
	// One walk per assembly hashes its files and, from them, its folder
	// assets: a Lambda bundle is read once.
	walked := map[string][]checksum.Entry{}
	for _, dir := range c.assemblies {
		_, entries, err := checksum.Dir(ctx, c.fsys.OSPath(dir))
		if err != nil {
			fail(dir, "cloud assembly %s: %v", dir, scrub(err, c.fsys.OSPath(dir), dir))
			continue
		}
		walked[dir] = entries
	}
	var assetDirs []string
	for _, a := range c.assets {
		s, err := c.hashAsset(ctx, a.file, walked)
		if err != nil {
			fail(a.file, "CDK asset %v of stack %v: %v", a.cdk["asset"], a.cdk["stack"], err)
			continue
		}
		if s.Kind == attest.KindDirectory {
			assetDirs = append(assetDirs, s.Name+"/")
		}
		s.Annotations = map[string]any{"cdk": a.cdk}
		add(s)
	}
	for _, dir := range slices.Sorted(maps.Keys(walked)) {
		for _, e := range walked[dir] {
			name := path.Join(dir, e.Path)
			if _, ok := byName[name]; ok || slices.ContainsFunc(assetDirs, func(d string) bool { return strings.HasPrefix(name, d) }) {
				continue
			}
			sum := e.SHA256
			if e.Mode == checksum.ModeSymlink {
				// Promotion re-hashes a file subject through the link.
				var err error
				if sum, err = checksum.File(ctx, c.fsys.OSPath(name)); err != nil {
					fail(name, "%s: %v", name, scrub(err, c.fsys.OSPath(name), name))
					continue
				}
			}
			add(attest.Subject{Name: name, SHA256: sum, Kind: attest.KindFile})
		}
	}
	for _, img := range c.images {
		switch {
		case len(img.digests) != 1 || !strings.HasPrefix(img.digests[0], "sha256:"):
			fail(img.path, "image %s resolved to %s: not one sha256 digest to name it by", img.path, strings.Join(img.digests, ", "))
		case img.kind == kindImageRef:
			add(attest.Subject{Name: img.path, SHA256: strings.TrimPrefix(img.digests[0], "sha256:"), Kind: attest.KindImage,
				Annotations: map[string]any{"image": map[string]any{"source": "registry"}}})
		default:
			s, err := c.hashPath(ctx, img.path)
			if err != nil {
				fail(img.path, "image %s: %v", img.path, err)
				continue
			}
			s.Annotations = map[string]any{"image": map[string]any{"source": img.kind, "digest": img.digests[0]}}
			add(s)
		}
	}
	out := make([]attest.Subject, 0, len(order))
	for _, n := range order {
		out = append(out, *byName[n])
	}
	attest.SortSubjects(out)
	return out, diags
}

// hashAsset hashes an asset inside a walked assembly from the walk's
// entries, so it is not read twice: a folder by the same tree hash package
// checksum computes, a file by its entry. Anything else (a link, an asset
// outside the assemblies) is read.
func (c *coverage) hashAsset(ctx context.Context, name string, walked map[string][]checksum.Entry) (attest.Subject, error) {
	name = checksum.CleanPath(name)
	for dir, entries := range walked {
		rel, ok := strings.CutPrefix(name, dir+"/")
		if !ok {
			continue
		}
		st, err := os.Lstat(c.fsys.OSPath(name))
		if err != nil {
			break
		}
		if !st.IsDir() {
			// A link's entry holds its target text: hashPath follows it.
			i := slices.IndexFunc(entries, func(e checksum.Entry) bool { return e.Path == rel && e.Mode != checksum.ModeSymlink })
			if i < 0 {
				break
			}
			return attest.Subject{Name: name, SHA256: entries[i].SHA256, Kind: attest.KindFile}, nil
		}
		var sub []checksum.Entry
		for _, e := range entries {
			if p, ok := strings.CutPrefix(e.Path, rel+"/"); ok {
				sub = append(sub, checksum.Entry{Path: p, Mode: e.Mode, SHA256: e.SHA256})
			}
		}
		return attest.Subject{Name: name, SHA256: checksum.TreeSum(sub), Kind: attest.KindDirectory}, nil
	}
	return c.hashPath(ctx, name)
}

// hashPath hashes a file or directory by scan name, as package checksum
// does (a directory by its tree hash).
func (c *coverage) hashPath(ctx context.Context, name string) (attest.Subject, error) {
	a, err := checksum.HashPath(ctx, c.fsys.OSPath(name), checksum.Options{})
	if err != nil {
		return attest.Subject{}, scrub(err, c.fsys.OSPath(name), name)
	}
	kind := attest.KindFile
	if a.Kind == checksum.KindDirectory {
		kind = attest.KindDirectory
	}
	return attest.Subject{Name: checksum.CleanPath(name), SHA256: a.SHA256, Kind: kind}, nil
}

// scrub names a file by its scan name in an error about its OS path (a
// --staged run reads from a private copy of the index).
func scrub(err error, osPath, name string) error {
	if osPath == name {
		return err
	}
	return fmt.Errorf("%s", strings.ReplaceAll(err.Error(), osPath, name))
}

// document is the artifacts document of the run's subjects (source
// "scan"), for rules.
func (c *Coverage) document(subjects []attest.Subject) *document.Document {
	b := document.NewBuilder(document.FormatArtifacts, c.Name)
	root := b.Root().At(document.Range{File: c.Name})
	root.PutValue("source", "scan")
	list := root.List("subjects", len(subjects))
	resources := map[string]document.Resource{}
	for _, s := range subjects {
		ann := map[string]any{}
		for k, v := range s.Annotations {
			ann[k] = v
		}
		at := document.Range{File: s.Name}
		if s.Kind != attest.KindDirectory {
			at.Line, at.Column = 1, 1
		}
		list.Add(map[string]any{"name": s.Name, "kind": s.Kind, "sha256": s.SHA256, "annotations": ann}, at)
		resources[s.Name] = document.Resource{Type: "artifact:" + s.Kind}
	}
	doc := b.Document()
	doc.Resources = resources
	return doc
}

// record finishes the subjects and has the rules judge them.
func (c *Coverage) record(ctx context.Context, cov *coverage, eng *engine.Engine, waivers *suppress.Waivers, res *scan.Result) {
	subjects, diags := cov.finish(ctx)
	res.Diagnostics = append(res.Diagnostics, diags...)
	c.Statement.Subjects = subjects
	if len(subjects) == 0 {
		return
	}
	doc := c.document(subjects)
	ev, err := eng.Evaluate(ctx, doc)
	if err != nil {
		res.Diagnostics = append(res.Diagnostics, document.Diagnostic{Level: document.LevelError, Range: document.Range{File: doc.File}, Message: err.Error()})
		return
	}
	res.Diagnostics = append(res.Diagnostics, waivers.Apply(doc, ev.Findings)...)
	res.Findings = append(res.Findings, ev.Findings...)
}

// fileDigest is "sha256:<hex>" of a file's bytes, hashed as package
// checksum hashes a file subject.
func fileDigest(ctx context.Context, name string) (string, error) {
	sum, err := checksum.File(ctx, name)
	if err != nil {
		return "", err
	}
	return "sha256:" + sum, nil
}

// digests reads the configuration files a predicate names, once, before
// the scan.
func (c *Coverage) digests(ctx context.Context, configFile string) (config *attest.Config, org []attest.Config, err error) {
	if configFile != "" {
		d, err := fileDigest(ctx, configFile)
		if err != nil {
			return nil, nil, err
		}
		config = &attest.Config{File: filepath.ToSlash(configFile), Digest: d}
	}
	for _, f := range c.OrgConfigs {
		d, err := fileDigest(ctx, f)
		if err != nil {
			return nil, nil, err
		}
		org = append(org, attest.Config{File: filepath.ToSlash(f), Digest: d})
	}
	return config, org, nil
}

// predicate records the policies, configuration and verdict of a report.
func (p Plan) predicate(rep report.Report, config *attest.Config, org []attest.Config) attest.Predicate {
	pd := p.Engine.PolicyDigest()
	pred := attest.Predicate{
		Tool:       attest.Tool{Name: rep.Tool.Name, Version: rep.Tool.Version, URI: rep.Tool.InformationURI},
		Policy:     attest.Policy{Digest: pd.Digest, Modules: pd.Modules},
		FailOn:     rep.Summary.FailOn,
		Verdict:    rep.Summary.Verdict,
		Counts:     rep.Summary.BySeverity,
		Suppressed: rep.Summary.Suppressed,
		Errors:     errorCount(rep.Diagnostics),
		Scan:       attest.Scan{Roots: slashed(p.Roots), Staged: p.Staged},
		Config:     config,
		OrgConfigs: org,
	}
	if p.Shard.Count() > 1 {
		pred.Scan.Shard = fmt.Sprintf("%d/%d", p.Shard.Index(), p.Shard.Count())
	}
	for _, f := range rep.Findings {
		if f.Suppressed == nil {
			continue
		}
		pred.Suppressions = append(pred.Suppressions, attest.Suppression{
			Rule: f.RuleID, Resource: f.Resource, File: f.Location.File,
			Kind: f.Suppressed.Kind, Reason: f.Suppressed.Reason, Expires: f.Suppressed.Expires,
		})
	}
	sort.SliceStable(pred.Suppressions, func(i, j int) bool {
		a, b := pred.Suppressions[i], pred.Suppressions[j]
		return a.File+"\x00"+a.Rule+"\x00"+a.Resource < b.File+"\x00"+b.Rule+"\x00"+b.Resource
	})
	return pred
}

func errorCount(diags []document.Diagnostic) int {
	n := 0
	for _, d := range diags {
		if d.Level == document.LevelError {
			n++
		}
	}
	return n
}

func slashed(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.ToSlash(p)
	}
	return out
}
