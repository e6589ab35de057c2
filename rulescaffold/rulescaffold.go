// Package rulescaffold writes the files of a new rule: the Rego module with
// its METADATA, its Rego unit test, and a failing and a passing fixture
// whose expect markers say where the rule reports. What it writes passes
// `tollgate policy test` and a scan of the fixtures as it is, so an author
// starts from a working rule and changes it step by step.
package rulescaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/tollgate-dev/tollgate/kinds"
)

// Formats are the document formats a rule can be scaffolded for: the
// formats of kinds.All() that have a template here, in that list's order.
// A new kind's format is offered once a template for it is added.
func Formats() []string {
	var out []string
	for _, f := range kinds.Formats() {
		if _, ok := templates[f]; ok {
			out = append(out, f)
		}
	}
	return out
}

// FixturesDir is the directory, under the policy directory, that holds
// the fixtures: `tollgate policy test` does not read it as data.
const FixturesDir = "testdata"

// ErrInvalid is wrapped by the errors about what the caller asked for (a
// bad id or format, a file that exists already), as opposed to errors
// writing the files.
var ErrInvalid = errors.New("invalid request")

// idPattern: lower-case words joined by hyphens, what built-in rule ids
// look like and what fixture markers match.
var idPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// maxIDLength keeps ids readable in text reports and SARIF.
const maxIDLength = 64

// Options say what to write.
type Options struct {
	// ID is the rule id (custom.id), e.g. acme-sqs-dlq.
	ID string
	// Format is one of Formats().
	Format string
	// Dir is the policy directory the files go to (created if missing).
	Dir string
	// Taken are rule ids already in use (the built-in rules'): a new
	// rule with one of them would clash with it.
	Taken []string
}

// File is one file written, its path under Options.Dir.
type File struct {
	Path    string
	content string
}

// Write writes the rule's files and returns them. Nothing is written
// when the id or format is invalid or when any of the files exists: a
// scaffold never overwrites an author's work.
func Write(opts Options) ([]File, error) {
	if err := CheckID(opts.ID); err != nil {
		return nil, err
	}
	if slices.Contains(opts.Taken, opts.ID) {
		return nil, fmt.Errorf("%w: rule id %s is a built-in rule's: choose another (a prefix of your own, e.g. acme-%s)", ErrInvalid, opts.ID, opts.ID)
	}
	tmpl, ok := templates[opts.Format]
	if !ok {
		return nil, fmt.Errorf("%w: format %q: want one of %s", ErrInvalid, opts.Format, strings.Join(Formats(), ", "))
	}
	files := render(tmpl, opts.ID, opts.Format)
	for _, f := range files {
		p := filepath.Join(opts.Dir, f.Path)
		if _, err := os.Lstat(p); err == nil {
			return nil, fmt.Errorf("%w: %s exists: not overwriting it", ErrInvalid, p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	for _, f := range files {
		p := filepath.Join(opts.Dir, f.Path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		// O_EXCL: a file that appeared since the check is not replaced.
		w, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return nil, err
		}
		_, err = w.WriteString(f.content)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	return files, nil
}

// CheckID says whether id can name a rule.
func CheckID(id string) error {
	if len(id) > maxIDLength || !idPattern.MatchString(id) {
		return fmt.Errorf("%w: rule id %q: want lower-case letters and digits in words joined by hyphens, starting with a letter, at most %d characters (e.g. acme-sqs-dlq)", ErrInvalid, id, maxIDLength)
	}
	return nil
}

// Package is the Rego package of a rule: custom.<id with underscores>.
func Package(id string) string { return "custom." + snake(id) }

func snake(id string) string { return strings.ReplaceAll(id, "-", "_") }

// render fills a format's templates in for id.
func render(t template, id, format string) []File {
	name := snake(id)
	r := strings.NewReplacer("{{ID}}", id, "{{PKG}}", Package(id), "{{NAME}}", name, "{{NOTE}}", note)
	fixtures := filepath.Join(FixturesDir, id, format)
	out := []File{
		{Path: name + ".rego", content: r.Replace(t.rule)},
		{Path: name + "_test.rego", content: r.Replace(t.test)},
	}
	for _, fx := range t.fixtures {
		out = append(out, File{Path: filepath.Join(fixtures, fx.name), content: r.Replace(fx.content)})
	}
	return out
}
