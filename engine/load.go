package engine

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/internal/parallel"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"

	"github.com/tollgate-dev/tollgate/fsread"
)

// source is one set of Rego modules plus any data they ship (bundles).
type source struct {
	modules map[string]*ast.Module // by file name as shown to users
	// srcs are the modules' bytes while they are not parsed (readFS).
	srcs map[string][]byte
	// sums are the SHA-256 of each module's bytes, by its name inside the
	// source (see PolicyDigest).
	sums    map[string]string
	data    map[string]any
	builtin bool
	path    string // as the user gave it; empty for the built-in rules
}

// builtinPrefix names the built-in rules: policies/aws/x.rego.
const builtinPrefix = "policies"

var parserOptions = ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1}

func isTestFile(name string) bool { return strings.HasSuffix(name, "_test.rego") }

// loadFS parses every .rego file of fsys (not tests, unless includeTests).
// prefix is prepended to file names so errors point at a path users
// recognise; each module's SHA-256 is recorded under its path in fsys,
// after sumPrefix (see PolicyDigest).
func loadFS(fsys fs.FS, prefix, sumPrefix string, includeTests bool) (source, error) {
	s, order, err := readFS(fsys, prefix, sumPrefix, includeTests)
	if err != nil {
		return s, err
	}
	if s.modules, err = parseAll(order, s.srcs, parseOptions()); err != nil {
		return s, err
	}
	s.srcs = nil
	return s, nil
}

// readFS is loadFS without the parse: the sources by name, their sums, and
// the names in the order of the walk.
func readFS(fsys fs.FS, prefix, sumPrefix string, includeTests bool) (source, []string, error) {
	srcs := make(map[string][]byte)
	sums := make(map[string]string)
	var order []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".rego") || (!includeTests && isTestFile(p)) {
			return nil
		}
		src, err := fsread.ReadFS(fsys, p, fsread.MaxTextFile) // a FIFO would block the walk
		if err != nil {
			return err
		}
		name := path.Join(prefix, p)
		srcs[name] = src
		order = append(order, name)
		sums[path.Join(sumPrefix, p)] = sha256Hex(src)
		return nil
	})
	return source{srcs: srcs, sums: sums}, order, err
}

// parseOptions are parserOptions with the capabilities the parser would
// otherwise compute, and sort, for every module it parses.
func parseOptions() ast.ParserOptions {
	opts := parserOptions
	opts.Capabilities = ast.CapabilitiesForThisVersion(ast.CapabilitiesRegoVersion(opts.RegoVersion))
	return opts
}

// parseAll parses the sources of names on every core (a one-file scan
// waits for its format's modules to parse). An error is that of the first
// name that fails, so the same every run.
func parseAll(names []string, srcs map[string][]byte, opts ast.ParserOptions) (map[string]*ast.Module, error) {
	mods := make([]*ast.Module, len(names))
	errs := make([]error, len(names))
	parallel.Do(len(names), func(i int) {
		mods[i], errs[i] = ast.ParseModuleWithOpts(names[i], string(srcs[names[i]]), opts)
	})
	out := make(map[string]*ast.Module, len(names))
	for i, name := range names {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out[name] = mods[i]
	}
	return out, nil
}

// loadPath loads a user policy directory, a single .rego file, or an OPA
// bundle (a .tar.gz file or a directory holding a .manifest). With v set,
// only a bundle whose signature v verifies loads. A bundle is named name
// in file names and errors (its path, or the URL it was fetched from).
func loadPath(p, name string, v *Verification) (source, error) {
	st, err := os.Stat(p)
	if err != nil {
		return source{}, fmt.Errorf("policy %s: %w", name, err)
	}
	tarball, dir := !st.IsDir() && strings.HasSuffix(p, ".tar.gz"), st.IsDir() && exists(filepath.Join(p, ".manifest"))
	if v != nil && !tarball && !dir {
		return source{}, fmt.Errorf("policy %s: not a signed bundle, and a %s is configured: only signed OPA bundles (.tar.gz, or a directory with .manifest and .signatures.json) load", name, v)
	}
	switch {
	case tarball:
		return loadBundle(p, name, false, v)
	case dir:
		return loadBundle(p, name, true, v)
	case !st.IsDir():
		if !strings.HasSuffix(p, ".rego") {
			return source{}, fmt.Errorf("policy %s: not a .rego file, a directory or a .tar.gz bundle", p)
		}
		src, err := fsread.ReadFile(context.Background(), p, fsread.MaxTextFile)
		if err != nil {
			return source{}, err
		}
		m, err := ast.ParseModuleWithOpts(filepath.ToSlash(p), string(src), parserOptions)
		if err != nil {
			return source{}, err
		}
		return source{
			modules: map[string]*ast.Module{filepath.ToSlash(p): m},
			sums:    map[string]string{filepath.Base(p): sha256Hex(src)},
		}, nil
	default:
		s, err := loadFS(os.DirFS(p), filepath.ToSlash(p), "", false)
		if err != nil {
			return source{}, fmt.Errorf("policy %s: %w", p, err)
		}
		return s, nil
	}
}

func loadBundle(p, name string, dir bool, v *Verification) (source, error) {
	var loader bundle.DirectoryLoader
	if dir {
		loader = bundle.NewDirectoryLoader(p)
	} else {
		f, err := fsread.Open(context.Background(), p) // a FIFO would block the open
		if err != nil {
			return source{}, fmt.Errorf("bundle %s: %w", name, err)
		}
		defer f.Close()
		loader = bundle.NewTarballLoaderWithBaseURL(f, p)
	}
	r := bundle.NewCustomReader(loader).
		WithRegoVersion(ast.RegoV1).
		WithProcessAnnotations(true)
	if v != nil {
		// OPA then refuses a bundle without .signatures.json, a signature
		// its key does not verify, and any file whose digest differs from
		// the signed one or that the signature does not list.
		r = r.WithBundleVerificationConfig(v.config())
	}
	b, err := r.Read()
	if err != nil {
		return source{}, fmt.Errorf("bundle %s: %w", name, inBundle(name, err))
	}
	mods := make(map[string]*ast.Module)
	sums := make(map[string]string)
	for _, mf := range b.Modules {
		if isTestFile(mf.Path) {
			continue
		}
		// OPA parsed the module under its path inside the bundle
		// (/policies/x.rego), and every location in it, METADATA
		// included, carries that name. Rule discovery keeps the rule of
		// the module whose name its METADATA names, and errors would
		// point at a file users cannot find; so parse again under the
		// name users see, in the Rego version the bundle declares.
		file := inside(name, mf.Path)
		opts := parserOptions
		v, err := b.RegoVersionForFile(mf.RelativePath, opts.RegoVersion)
		if err != nil {
			return source{}, fmt.Errorf("bundle %s: %w", name, err)
		}
		opts.RegoVersion = v
		m, err := ast.ParseModuleWithOpts(file, string(mf.Raw), opts)
		if err != nil {
			return source{}, fmt.Errorf("bundle %s: %w", name, err)
		}
		mods[file] = m
		sums[strings.TrimPrefix(path.Clean("/"+filepath.ToSlash(mf.RelativePath)), "/")] = sha256Hex(mf.Raw)
	}
	return source{modules: mods, sums: sums, data: b.Data}, nil
}

// inBundle names the files in OPA's parse errors as users see them,
// bundle name first, instead of by their path inside the bundle.
func inBundle(name string, err error) error {
	var errs ast.Errors
	if !errors.As(err, &errs) {
		return err
	}
	for _, e := range errs {
		if e.Location != nil {
			e.Location.File = inside(name, e.Location.File)
		}
	}
	return errs
}

// inside names a file of a bundle: the bundle's name, then the file's
// path in it. A URL's "//" must survive, so a URL is not cleaned as a path.
func inside(bundle, file string) string {
	if strings.Contains(bundle, "://") {
		return strings.TrimSuffix(bundle, "/") + path.Clean("/"+file)
	}
	return path.Join(filepath.ToSlash(bundle), file)
}

// everyPathHasRules fails on the first user policy path that defines no
// rule: a wrong path, a forgotten METADATA block or a directory of tests
// would otherwise load nothing and let every scan pass.
func everyPathHasRules(sources []source, pkgs []rulePackage) error {
	withRules := make(map[string]bool, len(pkgs))
	for _, p := range pkgs {
		withRules[p.rule.Sources[0]] = true
	}
	for _, s := range sources {
		if s.builtin {
			continue
		}
		found := false
		for name := range s.modules {
			found = found || withRules[name]
		}
		if !found {
			return fmt.Errorf("policy %s: no rules (%d .rego files outside tests, none a package with METADATA custom.id); pass --allow-empty to accept", s.path, len(s.modules))
		}
	}
	return nil
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// compileError turns OPA's compile errors into one error naming each file
// and line, sorted for stable output.
func compileError(errs ast.Errors) error {
	msgs := make([]string, 0, len(errs))
	for _, e := range errs {
		if e.Location != nil {
			msgs = append(msgs, fmt.Sprintf("%s:%d:%d: %s", e.Location.File, e.Location.Row, e.Location.Col, e.Message))
		} else {
			msgs = append(msgs, e.Message)
		}
	}
	sort.Strings(msgs)
	return errors.New("policy does not compile:\n  " + strings.Join(msgs, "\n  "))
}
