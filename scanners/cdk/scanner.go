// Package cdk scans AWS CDK cloud assemblies (the cdk.out folder `cdk synth`
// writes). Every stack and nested stack template becomes a CloudFormation
// document, so every CloudFormation rule applies, with each resource named
// by its construct path and located at the line of the user's CDK code that
// created it (and, when the app was synthesized with CDK_DEBUG=true, at the
// line that set the offending property). Dockerfiles of Docker image assets
// become Dockerfile documents owned by their construct.
package cdk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/scanners/cloudformation"
	"github.com/tollgate-dev/tollgate/scanners/dockerfile"
	"github.com/tollgate-dev/tollgate/srcfs"
)

// maxDepth bounds nested assemblies (Stages within Stages).
const maxDepth = 32

// Scanner scans one cloud assembly folder per unit. Dockerfile scans the
// Dockerfiles of Docker image assets; nil skips them.
type Scanner struct {
	Dockerfile scanners.Scanner
	// Limits bound manifests and metadata (cdk), stack templates
	// (cloudformation), asset Dockerfiles (dockerfile) and the bytes hashed
	// of one asset (cdk-asset); names it lacks take the defaults.
	Limits scanners.Limits
	// NoteAgnostic notes each environment-agnostic stack: with allowed_regions
	// configured, a stack whose region is chosen at deploy time is unknown to
	// aws-region-allowed, which must be visible rather than a silent pass.
	NoteAgnostic bool
}

var _ scanners.Scanner = Scanner{}

// Name implements scanners.Scanner.
func (Scanner) Name() string { return "cdk" }

// Scan implements scanners.Scanner. u.Path is the assembly folder. A broken
// top-level manifest is an error; a stack or asset that cannot be read is an
// error diagnostic, and the rest of the assembly is still scanned.
func (s Scanner) Scan(ctx context.Context, u scanners.Unit) (scanners.Result, error) {
	sc := &scan{ctx: ctx, s: s, limits: sizesOf(s.Limits), unit: u.Path, fsys: u.FS, roots: newRoots(u.FS, u.Path), dockerfiles: map[string]bool{},
		digests: map[string]templateDigest{}, trees: map[string]treeRead{}}
	m, err := sc.manifest(u.Path)
	if err != nil {
		return scanners.Result{}, err
	}
	if err := sc.assembly(u.Path, m, "", 0); err != nil {
		return scanners.Result{}, err
	}
	if doc := sc.artifacts(); doc != nil {
		sc.res.Documents = append(sc.res.Documents, doc)
	}
	sort.SliceStable(sc.res.Documents, func(i, j int) bool { return sc.res.Documents[i].File < sc.res.Documents[j].File })
	return sc.res, nil
}

// sizes are the limits a scan reads under.
type sizes struct{ manifest, template, dockerfile, asset int64 }

func sizesOf(l scanners.Limits) sizes {
	return sizes{
		manifest:   Kind.FileLimit(l),
		template:   cloudformation.Kind.FileLimit(l),
		dockerfile: dockerfile.Kind.FileLimit(l),
		asset:      AssetLimit.In(l),
	}
}

type scan struct {
	ctx         context.Context
	fsys        *srcfs.FS
	s           Scanner
	limits      sizes
	unit        string
	roots       *roots
	res         scanners.Result
	dockerfiles map[string]bool // scanned once even when several stacks share an image
	// digests of every template read, by path: assets are checked against
	// the bytes that were scanned.
	digests map[string]templateDigest
	// checked are the asset manifests' entries and what checking them found.
	checked []*assetEntry
	// trees are the staged assets read, by path: stacks share them.
	trees map[string]treeRead
}

func (sc *scan) manifest(dir string) (*manifest, error) {
	file := path.Join(dir, "manifest.json")
	b, err := sc.readFile(file, sc.limits.manifest)
	if err != nil {
		return nil, err
	}
	return parseManifest(file, b)
}

// assembly scans the artifacts of one (possibly nested) assembly.
func (sc *scan) assembly(dir string, m *manifest, stage string, depth int) error {
	manifestFile := path.Join(dir, "manifest.json")
	for _, id := range sortedKeys(m.Artifacts) {
		if err := sc.ctx.Err(); err != nil {
			return err
		}
		a := m.Artifacts[id]
		switch a.Type {
		case typeStack:
			sc.stack(dir, m, id, a, stage)
		case typeAssembly:
			sc.nested(dir, id, a, stage, depth)
		case typeAssetManifest, typeTree, typeFlagReport:
			// Asset manifests are read with the stack that depends on them;
			// the tree and the flag report deploy nothing.
		default:
			if a.Properties.TemplateFile != "" {
				sc.errorf(manifestFile, "artifact %s: unknown artifact type %q holds a template (%s); tollgate cannot tell how it is deployed", id, a.Type, a.Properties.TemplateFile)
				continue
			}
			sc.diag(document.LevelNote, manifestFile, fmt.Sprintf("artifact %s: skipped unknown artifact type %q", id, a.Type))
		}
	}
	return nil
}

func (sc *scan) nested(dir, id string, a artifact, stage string, depth int) {
	manifestFile := path.Join(dir, "manifest.json")
	if depth >= maxDepth {
		sc.errorf(manifestFile, "artifact %s: cloud assemblies nested more than %d deep", id, maxDepth)
		return
	}
	sub, err := inside(dir, a.Properties.DirectoryName)
	if err == nil && sub == dir {
		err = errors.New("nested assembly is the assembly itself")
	}
	if err != nil {
		sc.errorf(manifestFile, "artifact %s: %v", id, err)
		return
	}
	if !sc.exists(sub) {
		sc.errorf(manifestFile, "artifact %s: folder %s: %v", id, a.Properties.DirectoryName, ErrIncomplete)
		return
	}
	m, err := sc.manifest(sub)
	if err != nil {
		sc.error(sub, err)
		return
	}
	name := a.Properties.DisplayName
	if name == "" {
		name = a.DisplayName
	}
	if name == "" {
		name = strings.TrimPrefix(path.Base(sub), "assembly-")
	}
	if err := sc.assembly(sub, m, name, depth+1); err != nil {
		sc.error(sub, err)
	}
}

// stackInfo is what documents of one stack artifact share.
type stackInfo struct {
	dir, id, name, display, account, region, stage string
	// environment is where manifest.json writes the stack's environment;
	// zero when the walk could not place it.
	environment document.Range
	path        string // construct path of the stack, with leading "/"
	meta        map[string][]metadataEntry
	// assetUsers maps an asset folder to where the user wrote the resource
	// that deploys it (the Lambda function of an image asset).
	assetUsers map[string]document.Range
	// templateFile is the stack's template; nestedFiles its nested stacks'
	// (paths as read).
	templateFile string
	nestedFiles  map[string]bool
	// bundled maps an asset path to the aws:asset:is-bundled metadata of
	// the resources that use it.
	bundled map[string]bool
}

func (sc *scan) stack(dir string, m *manifest, id string, a artifact, stage string) {
	manifestFile := path.Join(dir, "manifest.json")
	tplRel := a.Properties.TemplateFile
	if tplRel == "" {
		sc.errorf(manifestFile, "artifact %s: stack has no templateFile", id)
		return
	}
	tplFile, err := inside(dir, tplRel)
	if err != nil {
		sc.errorf(manifestFile, "artifact %s: template: %v", id, err)
		return
	}
	st := stackInfo{dir: dir, id: id, name: a.Properties.StackName, display: a.DisplayName, stage: stage, meta: map[string][]metadataEntry{},
		assetUsers: map[string]document.Range{}, templateFile: tplFile, nestedFiles: map[string]bool{}, bundled: map[string]bool{}}
	if st.name == "" {
		st.name = id
	}
	if st.display == "" {
		st.display = id
	}
	st.account, st.region = parseEnvironment(a.Environment)
	st.environment = m.environments[id]
	if sc.s.NoteAgnostic && st.region == unknownRegion {
		at := st.environment
		if at.IsZero() {
			at = document.Range{File: manifestFile}
		}
		sc.res.Diagnostics = append(sc.res.Diagnostics, document.Diagnostic{Level: document.LevelNote, Range: at,
			Message: fmt.Sprintf("stack %s is environment-agnostic (%s): its region is chosen at deploy time, so allowed_regions cannot be checked; give the stack an env with a region to have it checked", st.name, a.Environment)})
	}
	for p, es := range a.Metadata {
		st.meta[p] = append(st.meta[p], withOrigin(manifestFile, es)...)
	}
	if a.AdditionalMetadataFile != "" {
		mf, err := inside(dir, a.AdditionalMetadataFile)
		if err != nil {
			sc.errorf(manifestFile, "artifact %s: metadata: %v", id, err)
			return
		}
		b, err := sc.readFile(mf, sc.limits.manifest)
		if err != nil {
			sc.error(manifestFile, fmt.Errorf("artifact %s: metadata: %w", id, err))
			return
		}
		var extra map[string][]metadataEntry
		if err := json.Unmarshal(b, &extra); err != nil {
			sc.error(mf, fmt.Errorf("%w: %v", ErrManifest, jsonError(b, err)))
			return
		}
		for p, es := range extra {
			st.meta[p] = append(st.meta[p], withOrigin(mf, es)...)
		}
	}

	// Templates of this artifact: the stack's own and its nested stacks',
	// each with the construct path of the stack it describes.
	templates := map[string]string{} // construct path -> template file (assembly-relative)
	for p, es := range st.meta {
		for _, e := range es {
			if e.Type != "aws:cdk:templateFile" {
				continue
			}
			var f string
			if json.Unmarshal(e.Data, &f) == nil && f != "" {
				templates[p] = f
			}
		}
	}
	st.path = ""
	for p, f := range templates {
		if f == tplRel && (st.path == "" || len(p) < len(st.path)) {
			st.path = p
		}
	}
	if st.path == "" {
		st.path = "/" + st.display
		templates[st.path] = tplRel
	}
	delete(templates, st.path)

	logical := logicalIDs(st.meta, st.path, templates)
	doc, ok := sc.template(st, tplFile, st.path, "", logical[st.path])
	if !ok {
		return
	}
	if sc.nestedFromTemplate(doc, st.path, templates) {
		logical = logicalIDs(st.meta, st.path, templates)
	}
	parents := map[string]string{}
	for p := range templates {
		parents[p] = owner(p, st.path, templates)
	}
	for _, p := range sortedKeys(templates) {
		f, err := inside(dir, templates[p])
		if err != nil {
			sc.errorf(manifestFile, "artifact %s: nested stack %s: %v", id, p, err)
			continue
		}
		st.nestedFiles[f] = true
		sc.template(st, f, p, parents[p], logical[p])
	}
	sc.assets(m, st, a)
	sc.legacyAssets(st)
}

// nestedFromTemplate finds nested stacks older assemblies record only in the
// parent template (aws:asset:path on an AWS::CloudFormation::Stack).
func (sc *scan) nestedFromTemplate(doc *document.Document, stackPath string, templates map[string]string) (added bool) {
	known := map[string]bool{}
	for _, f := range templates {
		known[f] = true
	}
	res, _ := doc.Input["Resources"].(map[string]any)
	for _, id := range sortedKeys(res) {
		r, _ := res[id].(map[string]any)
		if t, _ := r["Type"].(string); t != "AWS::CloudFormation::Stack" {
			continue
		}
		md, _ := r["Metadata"].(map[string]any)
		f, _ := md["aws:asset:path"].(string)
		if f == "" || known[f] || !strings.HasSuffix(f, ".template.json") {
			continue
		}
		cp, _ := md["aws:cdk:path"].(string)
		// A NestedStack's resource lives at <stack>.NestedStack/<id>.NestedStackResource.
		p := "/" + cp
		if i := strings.LastIndex(p, ".NestedStack/"); i >= 0 {
			p = p[:i]
		}
		if cp == "" {
			p = stackPath + "/" + id
		}
		templates[p] = f
		known[f] = true
		added = true
	}
	return added
}

// logicalIDs maps, per stack or nested stack construct path, logical ids to
// construct paths. A construct belongs to the deepest stack whose path is a
// prefix of its own: logical ids are unique only within one template.
func logicalIDs(meta map[string][]metadataEntry, stackPath string, nested map[string]string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for p, es := range meta {
		for _, e := range es {
			if e.Type != "aws:cdk:logicalId" {
				continue
			}
			var id string
			if json.Unmarshal(e.Data, &id) != nil || id == "" {
				continue
			}
			o := owner(p, stackPath, nested)
			if out[o] == nil {
				out[o] = map[string]string{}
			}
			// Deterministic when two paths claim one id (should not happen).
			if prev, ok := out[o][id]; !ok || p < prev {
				out[o][id] = p
			}
		}
	}
	return out
}

// owner is the deepest stack (the root stack or a nested one) containing p.
func owner(p, stackPath string, nested map[string]string) string {
	best := stackPath
	for n := range nested {
		if n != p && strings.HasPrefix(p, n+"/") && len(n) > len(best) {
			best = n
		}
	}
	return best
}

// template parses one template and attaches what the assembly knows.
func (sc *scan) template(st stackInfo, file, stackPath, parent string, logical map[string]string) (*document.Document, bool) {
	b, err := sc.readFile(file, sc.limits.template)
	if err != nil {
		sc.error(path.Join(st.dir, "manifest.json"), fmt.Errorf("artifact %s: %w", st.id, err))
		return nil, false
	}
	digest := digestTemplate(b)
	sc.digests[file] = digest
	doc, diags, err := cloudformation.ParseWithDiagnostics(file, b)
	sc.res.Diagnostics = append(sc.res.Diagnostics, diags...)
	if err != nil {
		sc.error(file, err)
		return nil, false
	}
	res, _ := doc.Input["Resources"].(map[string]any)
	sc.assetUse(st, res)
	if hasNestedStack(res) {
		digest.nestedStacks = true
		sc.digests[file] = digest
	}
	for id, r := range doc.Resources {
		cp := logical[id]
		if cp == "" {
			// Without metadata (a hand-edited assembly), the template's own
			// path is the best name left.
			raw, _ := res[id].(map[string]any)
			md, _ := raw["Metadata"].(map[string]any)
			if s, _ := md["aws:cdk:path"].(string); s != "" {
				cp = "/" + s
			}
		}
		if cp == "" {
			continue
		}
		r.Name = strings.TrimPrefix(cp, "/")
		r.Source = sc.roots.source(constructTrace(st.meta[cp]))
		r.PropertySources = sc.propertySources(st.meta[cp])
		doc.Resources[id] = r
		raw, _ := res[id].(map[string]any)
		md, _ := raw["Metadata"].(map[string]any)
		if a, _ := md["aws:asset:path"].(string); a != "" && r.Source != nil {
			if _, seen := st.assetUsers[a]; !seen {
				st.assetUsers[a] = *r.Source
			}
		}
	}
	info := map[string]any{
		"stack":    st.name,
		"stack_id": st.id,
		"path":     strings.TrimPrefix(stackPath, "/"),
		"assembly": sc.unit,
	}
	if parent != "" {
		info["nested_in"] = strings.TrimPrefix(parent, "/")
	}
	if st.stage != "" {
		info["stage"] = st.stage
	}
	if doc.Meta() != nil {
		cdk := document.Edit(doc).Header().Object("cdk", info)
		// The account and region are written in manifest.json, not in the
		// template: a rule about them (aws-region-allowed) points there.
		// A manifest place without a line records none: they keep the
		// template's.
		env := st.environment
		if env.IsZero() {
			env = document.Range{}
		}
		cdk.Put("account", st.account, env)
		cdk.Put("region", st.region, env)
	}
	sc.res.Documents = append(sc.res.Documents, doc)
	return doc, true
}

// constructTrace is the stack trace of the construct's creation: the
// creationStack entry of current releases, else the trace CDK_DEBUG put on
// the logicalId entry in older ones.
func constructTrace(es []metadataEntry) []string {
	for _, e := range es {
		if e.Type == "aws:cdk:creationStack" {
			var t []string
			if json.Unmarshal(e.Data, &t) == nil && len(t) > 0 {
				return t
			}
		}
	}
	for _, e := range es {
		if e.Type == "aws:cdk:logicalId" && len(e.Trace) > 0 {
			return e.Trace
		}
	}
	for _, e := range es {
		if len(e.Trace) > 0 {
			return e.Trace
		}
	}
	return nil
}

// propertySources reads CDK_DEBUG property assignments; the last assignment
// of a property is the one that took effect.
func (sc *scan) propertySources(es []metadataEntry) map[string]document.Range {
	var out map[string]document.Range
	for _, e := range es {
		if e.Type != propertyAssignment {
			continue
		}
		var pa struct {
			PropertyName string   `json:"propertyName"`
			StackTrace   []string `json:"stackTrace"`
		}
		if json.Unmarshal(e.Data, &pa) != nil || pa.PropertyName == "" {
			continue
		}
		trace := pa.StackTrace
		if len(trace) == 0 {
			trace = e.Trace
		}
		if r := sc.roots.source(trace); r != nil {
			if out == nil {
				out = map[string]document.Range{}
			}
			out[pa.PropertyName] = *r
		}
	}
	return out
}

// assets reads the stack's asset manifests, checks each asset against the
// hash recorded for it, and scans the Dockerfiles of its Docker image
// assets.
func (sc *scan) assets(m *manifest, st stackInfo, a artifact) {
	manifestFile := path.Join(st.dir, "manifest.json")
	for _, depID := range sortedDeps(m, a) {
		dep := m.Artifacts[depID]
		f, err := inside(st.dir, dep.Properties.File)
		if err != nil {
			sc.errorf(manifestFile, "artifact %s: asset manifest: %v", depID, err)
			continue
		}
		b, err := sc.readFile(f, sc.limits.manifest)
		if err != nil {
			sc.error(manifestFile, fmt.Errorf("artifact %s: %w", depID, err))
			continue
		}
		am, err := parseAssetManifest(f, b)
		if err != nil {
			sc.error(f, err)
			continue
		}
		for _, fa := range am.Files {
			sc.verifyFile(st, fa)
		}
		for _, da := range am.DockerImages {
			sc.docker(st, f, da.ID, da)
			sc.verifyDocker(st, da)
		}
	}
}

// sortedDeps lists the asset manifests a stack depends on.
func sortedDeps(m *manifest, a artifact) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range append(append([]string(nil), a.Dependencies...), a.Properties.AdditionalDependencies...) {
		if dep, ok := m.Artifacts[d]; ok && dep.Type == typeAssetManifest && !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	sort.Strings(out)
	return out
}

func (sc *scan) docker(st stackInfo, assetFile, id string, da dockerAsset) {
	if da.Source.Directory == "" {
		return // built by an executable at publish time
	}
	dir, err := inside(st.dir, da.Source.Directory)
	if err != nil {
		sc.errorf(assetFile, "docker image asset %s: %v", id, err)
		return
	}
	if !sc.exists(dir) {
		sc.errorf(assetFile, "docker image asset %s: %s: %v", id, da.Source.Directory, ErrIncomplete)
		return
	}
	name := da.Source.DockerFile
	if name == "" {
		name = "Dockerfile"
	}
	df, err := inside(dir, name)
	if err != nil {
		sc.errorf(assetFile, "docker image asset %s: dockerFile: %v", id, err)
		return
	}
	if !sc.regular(df) {
		sc.errorf(assetFile, "docker image asset %s: %s: %v", id, path.Join(da.Source.Directory, name), ErrIncomplete)
		return
	}
	if sc.s.Dockerfile == nil || sc.dockerfiles[df] {
		return
	}
	sc.dockerfiles[df] = true
	content, err := sc.readFile(df, sc.limits.dockerfile)
	if err != nil {
		sc.error(assetFile, err)
		return
	}
	res, err := withBuildArgs(sc.s.Dockerfile, da.Source.DockerBuildArgs).Scan(sc.ctx, scanners.Unit{Path: df, Content: content})
	sc.res.Diagnostics = append(sc.res.Diagnostics, res.Diagnostics...)
	if err != nil {
		sc.error(df, err)
		return
	}
	construct := id
	if da.DisplayName != "" {
		construct = strings.TrimPrefix(st.path, "/") + "/" + da.DisplayName
	}
	for _, doc := range res.Documents {
		user, hasUser := st.assetUsers[da.Source.Directory]
		for k, r := range doc.Resources {
			r.Name = construct + ":" + k
			if hasUser {
				r.Related = append(r.Related, user)
				r.RelatedLabel = "construct that builds this image asset"
			}
			doc.Resources[k] = r
		}
		if tg := doc.Meta(); tg != nil {
			info := map[string]any{
				"stack":     st.name,
				"stack_id":  st.id,
				"path":      strings.TrimPrefix(st.path, "/"),
				"account":   st.account,
				"region":    st.region,
				"assembly":  sc.unit,
				"asset":     id,
				"construct": construct,
			}
			if st.stage != "" {
				info["stage"] = st.stage
			}
			tg["cdk"] = info
		}
		sc.res.Documents = append(sc.res.Documents, doc)
	}
}

// withBuildArgs gives the Dockerfile scanner the asset's build arguments,
// which are what `cdk deploy` passes to docker build; arguments from the
// command line fill in the rest.
func withBuildArgs(s scanners.Scanner, args map[string]string) scanners.Scanner {
	d, ok := s.(*dockerfile.Scanner)
	if !ok || len(args) == 0 {
		return s
	}
	merged := make(map[string]string, len(d.BuildArgs)+len(args))
	for k, v := range d.BuildArgs {
		merged[k] = v
	}
	for k, v := range args {
		merged[k] = v
	}
	return &dockerfile.Scanner{BuildArgs: merged, MaxFileSize: d.MaxFileSize}
}

// unknownRegion is the region CDK writes for an environment-agnostic stack.
const unknownRegion = "unknown-region"

// parseEnvironment splits aws://account/region; CDK writes
// unknown-account / unknown-region for environment-agnostic stacks.
func parseEnvironment(env string) (account, region string) {
	rest, ok := strings.CutPrefix(env, "aws://")
	if !ok {
		return "", ""
	}
	account, region, _ = strings.Cut(rest, "/")
	return account, region
}

func (sc *scan) errorf(file, format string, args ...any) {
	sc.diag(document.LevelError, file, fmt.Sprintf(format, args...))
}

func (sc *scan) error(file string, err error) {
	var se *document.SourceError
	if errors.As(err, &se) {
		sc.res.Diagnostics = append(sc.res.Diagnostics, document.Diagnostic{Level: document.LevelError, Message: se.Err.Error(), Range: se.Range})
		return
	}
	sc.diag(document.LevelError, file, err.Error())
}

func (sc *scan) diag(level document.Level, file, msg string) {
	sc.res.Diagnostics = append(sc.res.Diagnostics, document.Diagnostic{Level: level, Message: msg, Range: document.Range{File: file}})
}

// readFile reads a file the manifest names; a missing one means the
// assembly is incomplete.
func (sc *scan) readFile(p string, limit int64) ([]byte, error) {
	b, err := scanners.ReadFile(sc.ctx, sc.fsys, p, limit)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w: file does not exist", p, ErrIncomplete)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return b, nil
}

func (sc *scan) exists(p string) bool {
	_, err := sc.fsys.Stat(p)
	return err == nil
}

func (sc *scan) regular(p string) bool {
	st, err := sc.fsys.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
