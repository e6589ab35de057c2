package cdk

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/bits"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners/cdk/fingerprint"
)

// Asset checks: every asset an asset manifest lists is checked against the
// hash the manifest records for it, and the results go to Rego as one
// document of format artifacts per assembly. Go computes; the rule
// cdk-asset-hash-mismatch decides.
//
// What the recorded hash is, in aws-cdk-lib 2.276:
//   - a stack template: SHA-256 of the file (read as UTF-8);
//   - a nested stack template: SHA-256 of the template's JSON without
//     whitespace (NestedStack hashes JSON.stringify of the template, and
//     writes it indented);
//   - a file or folder asset: its source fingerprint (package fingerprint)
//     under the asset's fingerprint options;
//   - a Docker image asset: the same over its build folder, with the JSON
//     of the build options that invalidate the image as the extra hash.

// Statuses of a checked asset.
const (
	statusVerified     = "verified"
	statusMismatch     = "mismatch"
	statusUnverifiable = "unverifiable"
)

// Asset types.
const (
	typeStackTemplate  = "stack-template"
	typeNestedTemplate = "nested-stack-template"
	typeFile           = "file"
	typeDirectory      = "directory"
	typeDockerImage    = "docker-image"
)

// maxAssetEntries bounds the files and folders of one asset; a Lambda
// package with its node_modules holds tens of thousands.
const maxAssetEntries = 200_000

// maxVariantBytes bounds the hashing spent trying option sets on one asset
// that does not match its recorded hash under the default options.
const maxVariantBytes = 256 << 20

// dockerHashVersion is the version aws-cdk-lib writes into the extra hash
// of every Docker image asset.
const dockerHashVersion = "1.21.0"

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Source options this scanner knows, per asset kind. An option it does not
// know may change the hash: such an asset is unverifiable.
var (
	knownFileSource   = []string{"path", "packaging", "executable"}
	knownDockerSource = []string{
		"directory", "executable", "dockerFile", "dockerBuildTarget", "dockerBuildArgs", "dockerBuildContexts",
		"dockerBuildSsh", "dockerBuildSecrets", "networkMode", "platform", "dockerOutputs",
		"cacheFrom", "cacheTo", "cacheDisabled", "repositoryName",
	}
)

// assetEntry is one asset of one stack and what checking it found.
type assetEntry struct {
	stack            stackInfo
	id, display, typ string
	source, file     string // as the manifest writes it; as read
	manifest         string
	at               document.Range // the asset id in the asset manifest
	recorded         string
	computed         string
	status, reason   string
	algorithm        string
	options          map[string]any
	// noMatch: the content matched no option set; finish decides whether
	// that is a mismatch once every template's metadata has been read.
	noMatch bool
	// failed: an error diagnostic already names the problem.
	failed bool
}

func (e *assetEntry) unverifiable(reason string) {
	e.status, e.reason = statusUnverifiable, reason
}

// failedWith marks an entry whose problem an error diagnostic names.
func (e *assetEntry) failedWith(reason string) {
	e.failed = true
	e.unverifiable(reason)
}

// unknownOption marks the entry unverifiable when its source sets an option
// this scanner does not know, which may change the hash.
func (e *assetEntry) unknownOption(raw map[string]json.RawMessage, known []string) bool {
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !slices.Contains(known, k) {
			e.unverifiable(fmt.Sprintf("source option %q is unknown to tollgate and may change the hash", k))
			return true
		}
	}
	return false
}

// templateDigest is what a template's bytes hash to, both ways CDK hashes
// templates.
type templateDigest struct {
	sha256, compact string
	nestedStacks    bool // it holds AWS::CloudFormation::Stack resources
}

func digestTemplate(b []byte) templateDigest {
	// CDK reads the template as a UTF-8 string before hashing it.
	sum := sha256.Sum256(fingerprint.AppendNodeUTF8(nil, b))
	d := templateDigest{sha256: hex.EncodeToString(sum[:])}
	var buf bytes.Buffer
	if json.Compact(&buf, b) == nil {
		c := sha256.Sum256(buf.Bytes())
		d.compact = hex.EncodeToString(c[:])
	}
	return d
}

func hasNestedStack(res map[string]any) bool {
	for _, r := range res {
		m, _ := r.(map[string]any)
		if t, _ := m["Type"].(string); t == "AWS::CloudFormation::Stack" {
			return true
		}
	}
	return false
}

// assetUse records what the template's resources say of the assets they
// use (aws:asset:* metadata, written unless synthesized with
// --no-asset-metadata).
func (sc *scan) assetUse(st stackInfo, res map[string]any) {
	for _, r := range res {
		m, _ := r.(map[string]any)
		md, _ := m["Metadata"].(map[string]any)
		p, _ := md["aws:asset:path"].(string)
		if p == "" {
			continue
		}
		if b, ok := md["aws:asset:is-bundled"].(bool); ok {
			st.bundled[p] = st.bundled[p] || b
		}
	}
}

func (sc *scan) newEntry(st stackInfo, manifestFile, id, display string, at document.Range) *assetEntry {
	e := &assetEntry{stack: st, id: id, display: display, manifest: manifestFile, at: at}
	sc.checked = append(sc.checked, e)
	return e
}

// verifyFile checks one entry of an asset manifest's files.
func (sc *scan) verifyFile(st stackInfo, fa fileAsset) {
	e := sc.newEntry(st, fa.At.File, fa.ID, fa.DisplayName, fa.At)
	e.recorded = fa.ID
	if fa.Source.Path == "" {
		e.typ = typeFile
		e.unverifiable("built by a command (source.executable) when it is published: the assembly holds no file to hash")
		return
	}
	p, err := inside(st.dir, fa.Source.Path)
	if err != nil {
		sc.errorf(e.manifest, "file asset %s: %v", fa.ID, err)
		e.failedWith(err.Error())
		return
	}
	e.source, e.file = fa.Source.Path, p
	switch {
	case p == st.templateFile:
		e.typ, e.algorithm = typeStackTemplate, "sha256"
	case st.nestedFiles[p]:
		e.typ, e.algorithm = typeNestedTemplate, "sha256-compact-json"
	case fa.Source.Packaging == "zip":
		e.typ, e.algorithm = typeDirectory, "cdk-fingerprint"
	default:
		e.typ, e.algorithm = typeFile, "cdk-fingerprint"
	}
	if !sc.exists(p) {
		sc.errorf(e.manifest, "file asset %s: %s: %v", fa.ID, fa.Source.Path, ErrIncomplete)
		e.failedWith("not in the assembly")
		return
	}
	if e.unknownOption(fa.raw, knownFileSource) {
		return
	}
	switch e.typ {
	case typeStackTemplate, typeNestedTemplate:
		sc.verifyTemplate(e)
		return
	}
	if !sha256Hex.MatchString(fa.ID) {
		e.unverifiable("the asset id is not a SHA-256 source hash")
		return
	}
	sc.verifyTree(e, fileVariants())
}

// verifyTemplate checks a template against the digest of the bytes the
// scan parsed.
func (sc *scan) verifyTemplate(e *assetEntry) {
	d, ok := sc.digests[e.file]
	if !ok {
		e.failedWith("the template could not be read") // and the read said why
		return
	}
	e.computed = d.sha256
	if e.typ == typeNestedTemplate {
		e.computed = d.compact
	}
	switch {
	case e.computed == e.recorded:
		e.status = statusVerified
	case e.typ == typeNestedTemplate && d.nestedStacks:
		// CDK hashes a nested template before it resolves the references
		// of the nested stacks inside it, which may then change it.
		e.unverifiable("a nested stack template that holds nested stacks may change after CDK hashes it")
	case e.typ == typeNestedTemplate:
		e.status, e.reason = statusMismatch, "the template does not hash, without whitespace, to the recorded id"
	default:
		e.status, e.reason = statusMismatch, "the template does not hash to the recorded id"
	}
}

// verifyDocker checks one entry of an asset manifest's dockerImages.
func (sc *scan) verifyDocker(st stackInfo, da dockerAsset) {
	e := sc.newEntry(st, da.At.File, da.ID, da.DisplayName, da.At)
	e.typ, e.algorithm = typeDockerImage, "cdk-fingerprint"
	// With an assetName the id is <name>-<hash>; the hash is the image tag.
	e.recorded = da.ID
	if i := strings.LastIndexByte(da.ID, '-'); i >= 0 {
		e.recorded = da.ID[i+1:]
	}
	if da.Source.Directory == "" {
		e.unverifiable("built by a command (source.executable) when it is published: the assembly holds no build folder to hash")
		return
	}
	p, err := inside(st.dir, da.Source.Directory)
	e.source, e.file = da.Source.Directory, p
	if err != nil || !sc.exists(p) {
		e.failedWith("the build folder is not in the assembly") // docker() reported it
		return
	}
	if e.unknownOption(da.raw, knownDockerSource) {
		return
	}
	if !sha256Hex.MatchString(e.recorded) {
		e.unverifiable("the asset id does not end in a SHA-256 source hash")
		return
	}
	parts, err := dockerHashParts(da.raw)
	if err != nil {
		e.unverifiable(err.Error())
		return
	}
	sc.verifyTree(e, dockerVariants(parts))
}

// hashPart is one build option in the extra hash of a Docker image asset.
type hashPart struct{ name, json string }

// dockerHashParts rebuilds, from the options the asset manifest records,
// the members of the object DockerImageAsset hashes: the JSON.stringify of
// {buildArgs, buildContexts, buildSecrets, buildSsh, target, file,
// repositoryName, networkMode, platform, outputs} in that order, each only when set
// (truthy, as JavaScript tests it), then version. The values are the JSON
// CDK wrote, without whitespace, so key order and escapes are CDK's own.
func dockerHashParts(raw map[string]json.RawMessage) ([]hashPart, error) {
	var parts []hashPart
	for _, f := range []struct{ name, key, wrap string }{
		{"buildArgs", "dockerBuildArgs", ""},
		{"buildContexts", "dockerBuildContexts", ""},
		{"buildSecrets", "dockerBuildSecrets", ""},
		{"buildSsh", "dockerBuildSsh", ""},
		{"target", "dockerBuildTarget", ""},
		{"file", "dockerFile", ""},
		// Only in legacy assets, and only when the app named it.
		{"repositoryName", "repositoryName", ""},
		// The manifest records the mode and the platform; the hash holds
		// the NetworkMode and Platform objects they come from.
		{"networkMode", "networkMode", "mode"},
		{"platform", "platform", "platform"},
		{"outputs", "dockerOutputs", ""},
	} {
		v, ok := raw[f.key]
		if !ok || !truthy(v) {
			continue
		}
		var buf bytes.Buffer
		if err := json.Compact(&buf, v); err != nil {
			return nil, fmt.Errorf("source option %s: %v", f.key, err)
		}
		s := buf.String()
		if f.wrap != "" {
			s = `{"` + f.wrap + `":` + s + `}`
		}
		parts = append(parts, hashPart{f.name, s})
	}
	return parts, nil
}

func truthy(v json.RawMessage) bool {
	switch s := string(bytes.TrimSpace(v)); s {
	case "null", "false", `""`, "0", "-0":
		return false
	default:
		return true
	}
}

func dockerExtraHash(parts []hashPart) string {
	var b strings.Builder
	b.WriteByte('{')
	for _, p := range parts {
		b.WriteString(`"` + p.name + `":` + p.json + ",")
	}
	b.WriteString(`"version":"` + dockerHashVersion + `"}`)
	return b.String()
}

// treeRead is the result of reading one staged asset.
type treeRead struct {
	tree *fingerprint.Tree
	err  error
}

// variant is one set of options an app may have staged an asset with, and
// how far it is from the defaults (tried first).
type variant struct {
	opts     fingerprint.Options
	distance int
	// dropped names the build options left out of the hash
	// (DockerImageAsset's invalidation).
	dropped []string
}

// fileVariants are the option sets of a file or folder asset: follow and
// ignore modes, which the assembly does not record.
func fileVariants() []variant {
	var out []variant
	for i, ignore := range fingerprint.IgnoreModes {
		for j, follow := range fingerprint.FollowModes {
			out = append(out, variant{opts: fingerprint.Options{Follow: follow, IgnoreMode: ignore}, distance: min(i, 1) + min(j, 1)})
		}
	}
	return out
}

// dockerVariants add, to the follow and ignore modes (docker by default
// for images), the build options an app may leave out of the hash with
// `invalidation`: every subset when there are few.
func dockerVariants(parts []hashPart) []variant {
	masks := []uint{1<<len(parts) - 1}
	if len(parts) <= 4 {
		masks = masks[:0]
		for m := uint(0); m < 1<<len(parts); m++ {
			masks = append(masks, m)
		}
	}
	ignores := []string{fingerprint.IgnoreDocker, fingerprint.IgnoreGlob, fingerprint.IgnoreGit}
	full := uint(1<<len(parts) - 1)
	var out []variant
	for _, m := range masks {
		var kept []hashPart
		var dropped []string
		for i, p := range parts {
			if m&(1<<i) != 0 {
				kept = append(kept, p)
			} else {
				dropped = append(dropped, p.name)
			}
		}
		extra := dockerExtraHash(kept)
		for i, ignore := range ignores {
			for j, follow := range fingerprint.FollowModes {
				out = append(out, variant{
					opts:     fingerprint.Options{ExtraHash: extra, Follow: follow, IgnoreMode: ignore},
					distance: min(i, 1) + min(j, 1) + bits.OnesCount(full&^m),
					dropped:  dropped,
				})
			}
		}
	}
	return out
}

// verifyTree fingerprints the asset's file or folder and looks for an option
// set under which it hashes to the recorded id.
func (sc *scan) verifyTree(e *assetEntry, variants []variant) {
	// Stacks share staged assets: each is read once.
	read, ok := sc.trees[e.file]
	if !ok {
		// The fingerprint reads the OS tree itself: it must see links as
		// links, which the scan's file system follows.
		read.tree, read.err = fingerprint.Read(sc.ctx, sc.fsys.OSPath(e.file), fingerprint.Limits{MaxBytes: sc.limits.asset, MaxEntries: maxAssetEntries})
		sc.trees[e.file] = read
	}
	tree, err := read.tree, read.err
	var anomaly *fingerprint.AnomalyError
	switch {
	case errors.As(err, &anomaly):
		// Not something cdk synth writes: the assembly was changed.
		e.status, e.reason = statusMismatch, anomaly.Error()
		return
	case errors.Is(err, fingerprint.ErrLimit):
		sc.errorf(e.manifest, "asset %s (%s): %v; raise it with --max-file-size cdk-asset=SIZE", e.id, e.source, err)
		e.failedWith(err.Error())
		return
	case err != nil:
		sc.errorf(e.manifest, "asset %s (%s): %v", e.id, e.source, fsError(err))
		e.failedWith(fsError(err).Error())
		return
	}
	if st, err := os.Lstat(sc.fsys.OSPath(e.file)); err == nil && e.typ != typeDockerImage {
		if st.IsDir() {
			e.typ = typeDirectory
		} else {
			e.typ = typeFile
		}
	}
	if tree.RootedLinks() {
		// Each option set again with links hashed as CDK hashes absolute ones.
		n := len(variants)
		for _, v := range variants[:n] {
			v.opts.LinksFromRoot = true
			v.distance++
			variants = append(variants, v)
		}
	}
	sort.SliceStable(variants, func(i, j int) bool { return variants[i].distance < variants[j].distance })
	e.computed = tree.Sum(variants[0].opts)
	budget := max(maxVariantBytes/max(tree.TextBytes, 1), 1)
	tried := 0
	for _, v := range variants {
		if tried >= int(budget) || sc.ctx.Err() != nil {
			break
		}
		tried++
		sum := e.computed
		if tried > 1 {
			sum = tree.Sum(v.opts)
		}
		if sum == e.recorded {
			e.computed, e.status = sum, statusVerified
			e.options = variantOptions(e, v)
			return
		}
	}
	e.noMatch = true
	if tried < len(variants) {
		e.reason = fmt.Sprintf("%d of %d option sets tried (the asset is large)", tried, len(variants))
	}
}

func variantOptions(e *assetEntry, v variant) map[string]any {
	o := map[string]any{"follow": v.opts.Follow, "ignore_mode": v.opts.IgnoreMode}
	if e.typ == typeDockerImage {
		o["extra_hash"] = v.opts.ExtraHash
		if len(v.dropped) > 0 {
			// invalidation: a change to these does not change the hash.
			notHashed := make([]any, len(v.dropped))
			for i, d := range v.dropped {
				notHashed[i] = d
			}
			o["not_hashed"] = notHashed
		}
	}
	if v.opts.LinksFromRoot {
		o["links_from_root"] = true
	}
	return o
}

// fsError drops the OS path from an I/O error: callers name the asset.
func fsError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// finish decides the assets that matched no option set and reports every
// unverifiable asset.
func (sc *scan) finish() {
	for _, e := range sc.checked {
		if e.noMatch {
			bundled, known := e.stack.bundled[e.source]
			tried := e.reason
			// Only a resource's aws:asset:is-bundled says an asset was
			// bundled. Without it (synthesized with --no-asset-metadata, or
			// an asset no resource marks) the asset is taken as copied from
			// its source: a tampered BucketDeployment source must not pass
			// as possibly bundled.
			switch {
			case known && bundled:
				e.unverifiable("bundled when synthesized: CDK hashed the source folder and the bundling options, which the assembly does not hold")
			default:
				e.status, e.reason = statusMismatch, "the content does not hash to the recorded id under any option set CDK offers"
				if tried != "" {
					e.reason += " (" + tried + ")"
				}
			}
		}
		if e.status == statusUnverifiable && !e.failed {
			sc.res.Diagnostics = append(sc.res.Diagnostics, document.Diagnostic{
				Level:   document.LevelWarning,
				Message: fmt.Sprintf("CDK asset %s (%s) of stack %s is not verified: %s", e.id, e.display, e.stack.name, e.reason),
				Range:   e.at,
			})
		}
	}
}

// artifacts is the document of the assembly's checked assets, nil when it
// has none.
func (sc *scan) artifacts() *document.Document {
	sc.finish()
	if len(sc.checked) == 0 {
		return nil
	}
	b := document.NewBuilder(document.FormatArtifacts, sc.unit)
	b.Header().PutValue("cdk", map[string]any{"assembly": sc.unit})
	root := b.Root().At(document.Range{File: sc.unit})
	root.PutValue("assembly", sc.unit)
	list := root.List("assets", len(sc.checked))
	resources := map[string]document.Resource{}
	for _, e := range sc.checked {
		key := strings.TrimPrefix(e.stack.path, "/") + "/" + e.id
		v := map[string]any{
			"resource":     key,
			"stack":        e.stack.name,
			"stack_id":     e.stack.id,
			"stack_path":   strings.TrimPrefix(e.stack.path, "/"),
			"asset":        e.id,
			"display_name": e.display,
			"type":         e.typ,
			"source":       e.source,
			"file":         e.file,
			"manifest":     e.manifest,
			"recorded":     e.recorded,
			"computed":     e.computed,
			"status":       e.status,
			"reason":       e.reason,
			"algorithm":    e.algorithm,
		}
		if e.stack.stage != "" {
			v["stage"] = e.stack.stage
		}
		if e.options != nil {
			v["options"] = e.options
		}
		list.Add(v, e.at)
		r := document.Resource{Name: key, Type: "cdk-asset:" + e.typ}
		if e.file != "" {
			src := document.Range{File: e.file}
			if e.typ != typeDirectory && e.typ != typeDockerImage {
				src.Line, src.Column = 1, 1
			}
			r.Source = &src
		}
		resources[key] = r
	}
	doc := b.Document()
	doc.Resources = resources
	return doc
}

// Stacks synthesized with LegacyStackSynthesizer (CDK v1's default) have
// no asset manifest: each asset is an aws:cdk:asset metadata entry of the
// stack, hashed the same way. Its keys, renamed to the asset manifest's
// where they are source options ("" for those that are not).
var legacyKeys = map[string]string{
	"path": "", "id": "", "packaging": "", "sourceHash": "",
	"s3BucketParameter": "", "s3KeyParameter": "", "artifactHashParameter": "",
	"imageTag": "", "repositoryName": "",
	"buildArgs": "dockerBuildArgs", "buildContexts": "dockerBuildContexts", "buildSecrets": "dockerBuildSecrets",
	"buildSsh": "dockerBuildSsh", "target": "dockerBuildTarget", "file": "dockerFile",
	"networkMode": "networkMode", "platform": "platform", "outputs": "dockerOutputs",
	"cacheFrom": "cacheFrom", "cacheTo": "cacheTo", "cacheDisabled": "cacheDisabled",
}

// legacyRepository is the repository LegacyStackSynthesizer names when the
// app names none; a DockerImageAsset's own repositoryName is in its hash.
const legacyRepository = "aws-cdk/assets"

// legacyAssets checks the assets a stack records as aws:cdk:asset metadata.
func (sc *scan) legacyAssets(st stackInfo) {
	for _, p := range sortedKeys(st.meta) {
		for _, me := range st.meta[p] {
			if me.Type != "aws:cdk:asset" {
				continue
			}
			var data map[string]json.RawMessage
			var hdr struct {
				Path, Packaging, SourceHash, RepositoryName string
				BuildArgs                                   map[string]string
				File                                        string
			}
			if json.Unmarshal(me.Data, &data) != nil || json.Unmarshal(me.Data, &hdr) != nil {
				sc.errorf(me.origin, "%s: %v: aws:cdk:asset metadata is not an asset", p, ErrManifest)
				continue
			}
			raw := map[string]json.RawMessage{}
			for k, v := range data {
				switch name, known := legacyKeys[k]; {
				case !known:
					raw[k] = v // unknown: verifyFile and verifyDocker say so
				case name != "":
					raw[name] = v
				}
			}
			at := document.Range{File: me.origin}
			if hdr.Packaging == "container-image" {
				if hdr.RepositoryName != "" && hdr.RepositoryName != legacyRepository {
					raw["repositoryName"] = data["repositoryName"]
				}
				da := dockerAsset{ID: hdr.SourceHash, At: at, DisplayName: "aws:cdk:asset " + hdr.Packaging, raw: raw}
				da.Source.Directory, da.Source.DockerFile, da.Source.DockerBuildArgs = hdr.Path, hdr.File, hdr.BuildArgs
				sc.docker(st, me.origin, da.ID, da)
				sc.verifyDocker(st, da)
				continue
			}
			raw["path"], raw["packaging"] = data["path"], data["packaging"]
			fa := fileAsset{ID: hdr.SourceHash, At: at, DisplayName: "aws:cdk:asset " + hdr.Packaging, raw: raw}
			fa.Source.Path, fa.Source.Packaging = hdr.Path, hdr.Packaging
			sc.verifyFile(st, fa)
		}
	}
}
