package scanners

import (
	"context"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/srcfs"
)

// Kind describes one input kind: how discovery recognises its units, how
// big a file of it may be, which document formats its scanner produces and
// how the scanner is made. Each scanners/<kind> package exports its Kind;
// package kinds lists them in discovery's priority order, and discovery,
// the engine's format list and the run's scanner table all come from that
// list. Adding an input kind is a folder plus a line there.
type Kind struct {
	// Name is the target kind: the key of the scanner table and of the
	// report's filesScanned counts.
	Name string
	// Label is what messages call one file of the kind ("CloudFormation
	// template").
	Label string
	// Formats are the document formats the kind's scanner produces (rules
	// select documents by format). Files a kind claims no longer reach the
	// fallback credentials scanner, so each format that holds text users
	// write needs a built-in rule of theme secrets (a policies test checks).
	Formats []string
	// Schemas are the JSON Schemas of the input documents of the formats
	// the kind owns, by format (a kind that produces another kind's format,
	// as CDK produces CloudFormation, leaves it to that kind). Rules name
	// them in METADATA (schemas: [{input: schema.<format>}]) to have OPA's
	// type checker catch references to fields the input never has.
	Schemas map[string][]byte
	// Match says how discovery recognises the kind; a kind without any
	// matcher is only ever named explicitly (images are named by flags).
	Match Match
	// MaxFileSize is the default largest file of the kind read; 0 means
	// no bound of its own. Users change it under the kind's Name
	// (--max-file-size NAME=SIZE, max_file_size in .tollgate.yaml), and
	// the --max-file-size help and README list it from here. A Fallback
	// kind's is a fixed cap instead, over which files are skipped.
	MaxFileSize int64
	// OtherLimits are further bounds the kind's scanner reads under, set
	// the same way by their own names (CDK's cdk-asset bounds the files of
	// one asset together). Discovery does not use them.
	OtherLimits []Limit
	// New makes the scanner for a run.
	New func(Settings) Scanner
	// Cacheable says whether a results cache may keep what the kind's
	// units produced under these settings: true only when the scanner
	// reads every input through the unit's FS (so that a recording FS
	// sees all of them) and nothing else changes its output. Nil: never.
	Cacheable func(Settings) bool
}

// FileLimit is the largest file of the kind read in a run with limits l;
// 0: no bound.
func (k Kind) FileLimit(l Limits) int64 {
	if k.Match.Fallback {
		return k.MaxFileSize
	}
	return l.Get(k.Name, k.MaxFileSize)
}

// Always is Kind.Cacheable for kinds whose scanner reads only through the
// unit's FS whatever the settings.
func Always(Settings) bool { return true }

// Match is how discovery recognises a kind. Discovery tries kinds in list
// order: a directory matcher first (the directory becomes one unit and is
// not descended into), then per file the first kind whose Name claims it.
type Match struct {
	// Dir recognises a directory that is one unit (a CDK cloud assembly).
	Dir func(ctx context.Context, fsys *srcfs.FS, dir string) bool
	// Name claims a file by its path alone. With Content set it only makes
	// the file a candidate, read once for all candidate kinds.
	Name func(path string) bool
	// Content decides a candidate by its bytes.
	Content func(path string, content []byte) bool
	// Sniff decides, from the first bytes of a candidate over the kind's
	// file limit, whether it is of the kind (then it is an error, not a skip);
	// nil uses Content on the head.
	Sniff func(path string, head []byte) bool
	// Grouped files (Terraform's) form one unit per directory, holding
	// Grouped's files; a directory is a unit when Module accepts its files.
	Grouped bool
	Module  func(files []string) bool
	// Select, when set, narrows the units discovery found of the kind (a
	// Terraform module called by another is scanned from its caller; a
	// nested template from its parent; one of two identical cloud
	// assemblies of an app). It sees every unit of the kind, and returns
	// the kept ones with notes on what it left out when that is not
	// obvious.
	Select func(ctx context.Context, units []Unit) ([]Unit, []document.Diagnostic)
	// Fallback takes every file no other kind claims, with MaxFileSize as
	// a cap over which the file is skipped rather than refused.
	Fallback bool
}

// Settings are what a run tells its scanners: flag and configuration
// values, shared by every kind so that a new kind needs no new wiring.
type Settings struct {
	// Limits bound each kind of file read (names it lacks: the defaults).
	Limits Limits
	// BuildArgs are Dockerfile build arguments.
	BuildArgs map[string]string
	// VarFiles, Vars (-var style KEY=VALUE, sorted) and Strict are
	// Terraform inputs.
	VarFiles []string
	Vars     []string
	Strict   bool
	// Mirrors are Terraform provider mirror directories whose packages are
	// verified against lock files.
	Mirrors []string
	// FileRoot bounds Terraform's file() functions.
	FileRoot string
	// DownloadModules fetches the Terraform registry and git modules
	// terraform init has not installed, into ModuleCache ("" for the
	// user cache directory's tollgate/modules).
	DownloadModules bool
	ModuleCache     string
	// Roots are the scan roots; CloudFormation reads nested templates only
	// below them.
	Roots []string
	// RegionsRestricted says the configuration restricts AWS regions
	// (allowed_regions): a scanner that meets a region only known at deploy
	// time says so, since no rule can judge it.
	RegionsRestricted bool
}

// Scanners builds every kind's scanner for a run, by kind name; kinds
// without a constructor are left out.
func Scanners(list []Kind, s Settings) map[string]Scanner {
	out := make(map[string]Scanner, len(list))
	for _, k := range list {
		if k.New != nil {
			out[k.Name] = k.New(s)
		}
	}
	return out
}

// Formats lists the document formats of kinds, each once, in list order.
func Formats(list []Kind) []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range list {
		for _, f := range k.Formats {
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// Schemas collects the kinds' input schemas by format.
func Schemas(list []Kind) map[string][]byte {
	out := map[string][]byte{}
	for _, k := range list {
		for f, s := range k.Schemas {
			out[f] = s
		}
	}
	return out
}
