// Package config reads .tollgate.yaml, the one file that tunes a run: which
// rules apply, what blocks, what is waived, and the data rules read
// (approved images, allowed regions). Everything here is also visible to
// Rego as data.tollgate.config.
package config

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tollgate-dev/tollgate/fsread"
)

// DefaultFile is looked up in the working directory when --config is not given.
const DefaultFile = ".tollgate.yaml"

// Config is the schema of .tollgate.yaml (version 1). Unknown keys are an
// error so a typo never silently disables a control.
type Config struct {
	Version int `yaml:"version" json:"version"`
	// FailOn is the lowest severity that blocks (default low).
	FailOn string `yaml:"fail_on,omitempty" json:"fail_on,omitempty"`
	// Policies are extra Rego directories, files or bundles.
	Policies []string `yaml:"policies,omitempty" json:"policies,omitempty"`
	// BundleVerification, when its key_file is set, loads only policies
	// that are OPA bundles signed with that key; the command line's
	// --verification-key, --verification-key-id, --signing-alg and
	// --scope override it field by field.
	BundleVerification BundleVerification `yaml:"bundle_verification,omitempty" json:"bundle_verification,omitempty"`
	// CacheDir is the folder tollgate caches in: remote policy bundles in
	// policies/, scan results in results/ (--cache-dir overrides it;
	// default the user cache directory's tollgate).
	CacheDir string `yaml:"cache_dir,omitempty" json:"cache_dir,omitempty"`
	// NoCache turns the results cache off, as --no-cache does.
	NoCache bool `yaml:"no_cache,omitempty" json:"no_cache,omitempty"`
	// CacheMaxSize bounds the results cache ("256MiB", the default), as
	// --cache-max-size does.
	CacheMaxSize string `yaml:"cache_max_size,omitempty" json:"cache_max_size,omitempty"`
	// NoBuiltin disables the embedded rules.
	NoBuiltin bool `yaml:"no_builtin,omitempty" json:"no_builtin,omitempty"`
	// Exclude lists path globs (matched against slash paths relative to the
	// scan root, `**` for any depth) that discovery skips.
	Exclude []string `yaml:"exclude,omitempty" json:"exclude,omitempty"`
	Rules   Rules    `yaml:"rules,omitempty" json:"rules,omitempty"`
	// Baseline is a file of accepted findings (tollgate scan
	// --write-baseline); findings it holds do not block.
	Baseline string `yaml:"baseline,omitempty" json:"baseline,omitempty"`
	// Ignore waives findings by rule, path and resource, with a reason.
	Ignore []Ignore `yaml:"ignore,omitempty" json:"ignore,omitempty"`
	// ReportUnusedSuppressions lists waivers that matched no finding, as
	// --report-unused-suppressions does.
	ReportUnusedSuppressions bool `yaml:"report_unused_suppressions,omitempty" json:"report_unused_suppressions,omitempty"`

	// ApprovedBaseImages are the golden images FROM lines and images may
	// build on.
	ApprovedBaseImages []ApprovedImage `yaml:"approved_base_images,omitempty" json:"approved_base_images,omitempty"`
	// RequireDigestPinning makes every external base image need @sha256:.
	RequireDigestPinning bool `yaml:"require_digest_pinning,omitempty" json:"require_digest_pinning,omitempty"`
	// RequirePinnedPackages makes packages a Dockerfile installs (apt-get,
	// apk, pip, npm -g, gem, go install) need a version.
	RequirePinnedPackages bool `yaml:"require_pinned_packages,omitempty" json:"require_pinned_packages,omitempty"`
	// ImageSetuidAllowlist adds paths (globs, `*` within one path
	// segment) to the setuid/setgid programs images may ship beyond the
	// built-in list of distribution tools (passwd, su, mount, ...).
	ImageSetuidAllowlist []string `yaml:"image_setuid_allowlist,omitempty" json:"image_setuid_allowlist,omitempty"`
	// RequireProvenanceLabels makes images need the
	// org.opencontainers.image.source and .revision labels.
	RequireProvenanceLabels bool `yaml:"require_provenance_labels,omitempty" json:"require_provenance_labels,omitempty"`
	// RequireSignedImages lists PEM public key files (cosign.pub, paths as
	// given, like baseline:); when set, every scanned image must carry a
	// cosign signature (cosign sign --key) that verifies with one of them.
	RequireSignedImages []string `yaml:"require_signed_images,omitempty" json:"require_signed_images,omitempty"`
	// AllowedRegistries restricts where images may come from (host names,
	// docker.io for Docker Hub).
	AllowedRegistries []string `yaml:"allowed_registries,omitempty" json:"allowed_registries,omitempty"`
	// AllowedRegions restricts the AWS regions infrastructure may use.
	AllowedRegions []string `yaml:"allowed_regions,omitempty" json:"allowed_regions,omitempty"`
	// RequireCustomerManagedKeys makes the encryption-at-rest rules that
	// support it reject AWS-owned and AWS-managed keys (alias/aws/*, no key).
	RequireCustomerManagedKeys bool `yaml:"require_customer_managed_keys,omitempty" json:"require_customer_managed_keys,omitempty"`
	// RequireWAF, on unless set to false, makes internet-facing load
	// balancers, distributions, REST API stages and GraphQL APIs need a WAF
	// web ACL association in the same document. A pointer: unset means on,
	// and false is for web ACLs associated elsewhere (Firewall Manager).
	RequireWAF *bool `yaml:"require_waf,omitempty" json:"require_waf,omitempty"`

	// Unknown is what a control that cannot be decided because a value is
	// unknown does (a Ref to a parameter without default, a value known
	// only after apply, FROM ${ARG} without value): pass (the default) or
	// block, which reports it as a finding <rule-id>/unknown. --unknown
	// overrides it.
	Unknown string `yaml:"unknown,omitempty" json:"unknown,omitempty"`
	// UnknownSeverity is the severity of those findings (default: their
	// rule's).
	UnknownSeverity string `yaml:"unknown_severity,omitempty" json:"unknown_severity,omitempty"`

	// BackupRetentionDays is the fewest days RDS, Aurora, DocumentDB and
	// Neptune must keep automated backups (0: the default, 7; RDS keeps
	// at most 35).
	BackupRetentionDays int `yaml:"backup_retention_days,omitempty" json:"backup_retention_days,omitempty"`
	// BackupCopyAccounts are the account ids of the escrow accounts AWS
	// Backup plans must copy recovery points into; unset, plans are not
	// checked.
	BackupCopyAccounts []string `yaml:"backup_copy_accounts,omitempty" json:"backup_copy_accounts,omitempty"`
	// LogRetentionDays is the fewest days a CloudWatch Logs group with a
	// retention must keep events (0: the default, 365).
	LogRetentionDays int `yaml:"log_retention_days,omitempty" json:"log_retention_days,omitempty"`

	Terraform Terraform `yaml:"terraform,omitempty" json:"terraform,omitempty"`

	// MaxFileSize bounds the files read: one size for every kind
	// ("64MiB"), or sizes by kind ({terraform-plan: 512MiB}). The command
	// line's --max-file-size applies after it.
	MaxFileSize FileSizes `yaml:"max_file_size,omitempty" json:"max_file_size,omitempty"`

	// root is the parsed file, kept so settings can be located (Line).
	root *yaml.Node
}

// FileSizes are size settings by kind of file; the key "" applies to every
// kind. Sizes stay text here and are checked where they are applied.
type FileSizes map[string]string

// UnmarshalYAML accepts a single size or a mapping of kind to size.
func (f *FileSizes) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*f = FileSizes{"": n.Value}
		return nil
	}
	m := map[string]string{}
	if err := n.Decode(&m); err != nil {
		return err
	}
	*f = m
	return nil
}

// Specs lists the settings as --max-file-size values: the size for every
// kind first, then the kinds in order.
func (f FileSizes) Specs() []string {
	var out []string
	if v, ok := f[""]; ok {
		out = append(out, v)
	}
	kinds := make([]string, 0, len(f))
	for k := range f {
		if k != "" {
			kinds = append(kinds, k)
		}
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		out = append(out, k+"="+f[k])
	}
	return out
}

// Rules turns rules off.
type Rules struct {
	Disable []string `yaml:"disable,omitempty" json:"disable,omitempty"`
}

// Ignore is a waiver written in the configuration rather than in the code.
type Ignore struct {
	ID        string   `yaml:"id" json:"id"`
	Paths     []string `yaml:"paths,omitempty" json:"paths,omitempty"`
	Resources []string `yaml:"resources,omitempty" json:"resources,omitempty"`
	Reason    string   `yaml:"reason" json:"reason"`
	// Owner is who answers for the waiver (a team, a person).
	Owner   string `yaml:"owner,omitempty" json:"owner,omitempty"`
	Expires string `yaml:"expires,omitempty" json:"expires,omitempty"`
}

// ApprovedImage is a registry/repository pattern (`*` matches within a path
// segment, a trailing `/**` any depth) with optional required digests.
type ApprovedImage struct {
	Pattern string   `yaml:"pattern" json:"pattern"`
	Digests []string `yaml:"digests,omitempty" json:"digests,omitempty"`
	// Image, Tarball or Layout (at most one) say where to read the approved
	// image, so a scanned image without base annotations can still be
	// matched by its first layers.
	Image   string `yaml:"image,omitempty" json:"image,omitempty"`
	Tarball string `yaml:"tarball,omitempty" json:"tarball,omitempty"`
	Layout  string `yaml:"layout,omitempty" json:"layout,omitempty"`
}

// Terraform holds variable inputs and strictness for HCL evaluation.
// BundleVerification names the key OPA bundle signatures are checked with;
// the fields mean what OPA's flags of the same names mean.
type BundleVerification struct {
	// KeyFile holds a PEM public key, or the HMAC secret (its bytes as
	// they are, as opa build --signing-key reads it).
	KeyFile    string `yaml:"key_file,omitempty" json:"key_file,omitempty"`
	KeyID      string `yaml:"key_id,omitempty" json:"key_id,omitempty"`
	SigningAlg string `yaml:"signing_alg,omitempty" json:"signing_alg,omitempty"`
	Scope      string `yaml:"scope,omitempty" json:"scope,omitempty"`
}

type Terraform struct {
	VarFiles []string          `yaml:"var_files,omitempty" json:"var_files,omitempty"`
	Vars     map[string]string `yaml:"vars,omitempty" json:"vars,omitempty"`
	// Strict turns uninitialised remote modules into errors.
	Strict bool `yaml:"strict,omitempty" json:"strict,omitempty"`
	// DownloadModules fetches registry and git modules terraform init has
	// not installed into the cache (cache_dir/modules), as
	// --download-modules does.
	DownloadModules bool `yaml:"download_modules,omitempty" json:"download_modules,omitempty"`
}

var (
	severities = map[string]bool{"info": true, "low": true, "medium": true, "high": true, "critical": true}
	digestRe   = regexp.MustCompile(`^sha256:[a-f0-9]{64}$`)
	dateLayout = "2006-01-02"
)

// accountRe is an AWS account id.
var accountRe = regexp.MustCompile(`^[0-9]{12}$`)

// Load reads a config file. A missing file named explicitly is an error; use
// LoadDefault for the optional default file. A FIFO, a device or a file
// over fsread.MaxTextFile is an error too, never a read that does not end.
func Load(path string) (*Config, error) {
	return loadFile(path, "config", Parse)
}

// loadFile reads a configuration file of some kind through parse, with
// errors at path:line.
func loadFile[T any](path, what string, parse func([]byte) (T, error)) (T, error) {
	var zero T
	// The read is bounded and of a regular file: it ends without the
	// run's context.
	data, err := fsread.ReadFile(context.Background(), path, fsread.MaxTextFile)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", what, err)
	}
	v, err := parse(data)
	var ce *Error
	if errors.As(err, &ce) && ce.Line > 0 {
		return zero, fmt.Errorf("%s:%d: %s", path, ce.Line, ce.Msg)
	}
	if err != nil {
		return zero, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

// LoadDefault reads DefaultFile when it exists, else returns an empty config.
func LoadDefault() (*Config, string, error) {
	if _, err := os.Stat(DefaultFile); errors.Is(err, os.ErrNotExist) {
		return &Config{Version: 1}, "", nil
	}
	c, err := Load(DefaultFile)
	return c, DefaultFile, err
}

// Parse decodes and validates a config document. Errors name the line and
// say what was expected in YAML's words.
func Parse(data []byte) (*Config, error) {
	c := &Config{}
	if err := parseInto(data, c); err != nil {
		return nil, err
	}
	return c, nil
}

// settled is a configuration type that, once decoded, keeps its tree,
// fills its defaults and validates itself.
type settled interface {
	settle(root *yaml.Node) error
}

// parseInto decodes data into v and settles it, errors at their lines.
func parseInto(data []byte, v settled) error {
	root, err := decodeStrict(data, v)
	if err != nil {
		return err
	}
	return located(root, v.settle(root))
}

func (c *Config) settle(root *yaml.Node) error {
	c.root = root
	if c.Version == 0 {
		c.Version = 1
	}
	return c.validate()
}

// decodeStrict decodes data into v (a pointer to a struct), checking every
// key and value against v's type first so errors speak YAML, not Go. It
// returns the parsed tree for locating settings later.
func decodeStrict(data []byte, v any) (*yaml.Node, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("not valid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if err := checkSchema(&root, reflect.TypeOf(v).Elem(), ""); err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		// checkSchema saw the file first, so this is a case it does not
		// know; keep yaml's message rather than hide it.
		return nil, err
	}
	return &root, nil
}

// located turns a validation error into an *Error at its line.
func located(root *yaml.Node, err error) error {
	var ve *validationError
	if errors.As(err, &ve) {
		return &Error{Line: lineOf(root, ve.path...), Msg: ve.msg}
	}
	return err
}

// Pos is the line and column of the setting at a path of keys and list
// indexes ("rules", "disable", 2), or of its nearest written ancestor;
// zeros when the configuration was not read from a file.
func (c *Config) Pos(path ...any) (line, column int) {
	if c == nil || c.root == nil {
		return 0, 0
	}
	return posOf(c.root, path...)
}

// validationError is a semantic problem at a path of keys and indexes.
type validationError struct {
	path []any
	msg  string
}

func (e *validationError) Error() string { return e.msg }

func invalid(msg string, path ...any) error { return &validationError{path: path, msg: msg} }

func (c *Config) validate() error {
	if c.Version != 1 {
		return invalid(fmt.Sprintf("version %d is not supported (want 1)", c.Version), "version")
	}
	if c.FailOn != "" && !severities[c.FailOn] {
		return invalid(fmt.Sprintf("fail_on: unknown severity %q (want info, low, medium, high or critical)", c.FailOn), "fail_on")
	}
	if c.Unknown != "" && c.Unknown != "pass" && c.Unknown != "block" {
		return invalid(fmt.Sprintf("unknown: %q is not pass or block", c.Unknown), "unknown")
	}
	if c.UnknownSeverity != "" && !severities[c.UnknownSeverity] {
		return invalid(fmt.Sprintf("unknown_severity: unknown severity %q (want info, low, medium, high or critical)", c.UnknownSeverity), "unknown_severity")
	}
	if err := validateIgnores(c.Ignore); err != nil {
		return err
	}
	for i, a := range c.ApprovedBaseImages {
		if a.Pattern == "" {
			return invalid(fmt.Sprintf("approved_base_images[%d]: pattern is required", i), "approved_base_images", i)
		}
		if n := countSet(a.Image, a.Tarball, a.Layout); n > 1 {
			return invalid(fmt.Sprintf("approved_base_images[%d] (%s): set at most one of image, tarball, layout", i, a.Pattern), "approved_base_images", i)
		}
		for j, d := range a.Digests {
			if !digestRe.MatchString(d) {
				return invalid(fmt.Sprintf("approved_base_images[%d]: %q is not a sha256 digest (sha256: and 64 hex digits)", i, d), "approved_base_images", i, "digests", j)
			}
		}
	}
	if c.BackupRetentionDays < 0 || c.BackupRetentionDays > 35 {
		return invalid(fmt.Sprintf("backup_retention_days must be 1 to 35 (RDS keeps automated backups at most 35 days), not %d", c.BackupRetentionDays), "backup_retention_days")
	}
	if c.LogRetentionDays < 0 {
		return invalid(fmt.Sprintf("log_retention_days must be a positive number of days, not %d", c.LogRetentionDays), "log_retention_days")
	}
	for i, a := range c.BackupCopyAccounts {
		if !accountRe.MatchString(a) {
			return invalid(fmt.Sprintf("backup_copy_accounts[%d]: %q is not an AWS account id (12 digits)", i, a), "backup_copy_accounts", i)
		}
	}
	for i, k := range c.RequireSignedImages {
		if strings.TrimSpace(k) == "" {
			return invalid(fmt.Sprintf("require_signed_images[%d]: want the path of a PEM public key file, not an empty string", i), "require_signed_images", i)
		}
	}
	return nil
}

// validateIgnores checks the waivers of an ignore: list.
func validateIgnores(list []Ignore) error {
	for i, ig := range list {
		if ig.ID == "" {
			return invalid(fmt.Sprintf("ignore[%d]: id is required", i), "ignore", i)
		}
		if ig.Reason == "" {
			return invalid(fmt.Sprintf("ignore[%d] (%s): a reason is required", i, ig.ID), "ignore", i)
		}
		if ig.Expires != "" {
			if _, err := time.Parse(dateLayout, ig.Expires); err != nil {
				return invalid(fmt.Sprintf("ignore[%d] (%s): expires must be a date, YYYY-MM-DD", i, ig.ID), "ignore", i, "expires")
			}
		}
	}
	return nil
}

// UnmarshalYAML accepts a plain pattern string as well as a map, the way
// most users first write the list (`- registry.example.com/golden/*`).
func (a *ApprovedImage) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*a = ApprovedImage{Pattern: n.Value}
		return nil
	}
	type fields ApprovedImage // no UnmarshalYAML: decode the map itself
	return n.Decode((*fields)(a))
}

// Data is the configuration as Rego sees it (data.tollgate.config): a
// JSON-shaped map with the same keys as the YAML file.
func (c *Config) Data() map[string]any {
	images := make([]any, 0, len(c.ApprovedBaseImages))
	for _, a := range c.ApprovedBaseImages {
		images = append(images, map[string]any{"pattern": a.Pattern, "digests": anys(a.Digests)})
	}
	return map[string]any{
		"approved_base_images":          images,
		"require_digest_pinning":        c.RequireDigestPinning,
		"require_pinned_packages":       c.RequirePinnedPackages,
		"allowed_registries":            anys(c.AllowedRegistries),
		"allowed_regions":               anys(c.AllowedRegions),
		"require_customer_managed_keys": c.RequireCustomerManagedKeys,
		"require_waf":                   c.RequireWAF == nil || *c.RequireWAF,
		"backup_retention_days":         orDefault(c.BackupRetentionDays, 7),
		"backup_copy_accounts":          anys(c.BackupCopyAccounts),
		"log_retention_days":            orDefault(c.LogRetentionDays, 365),
		"image_setuid_allowlist":        anys(c.ImageSetuidAllowlist),
		"require_provenance_labels":     c.RequireProvenanceLabels,
	}
}

// orDefault is n, or def when n is unset (0).
func orDefault(n, def int) int {
	if n == 0 {
		return def
	}
	return n
}

func anys(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func countSet(vals ...string) int {
	n := 0
	for _, v := range vals {
		if v != "" {
			n++
		}
	}
	return n
}
