package terraform

import (
	"bytes"
	"context"
	_ "embed"
	"os"
	"path"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/internal/parallel"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/scanners/terraform/modsource"
)

// Kind is Terraform root modules: the .tf, .tf.json, .tfvars and lock
// files of a directory form one unit, and a directory another scanned
// directory calls as a local module is scanned from its caller.
var Kind = scanners.Kind{
	Name:    "terraform",
	Label:   "Terraform file",
	Formats: []string{document.FormatTerraform},
	Schemas: map[string][]byte{document.FormatTerraform: schema},
	Match: scanners.Match{
		Name:    isTerraformFile,
		Grouped: true,
		Module:  hasTerraformSource,
		Select:  selectRoots,
	},
	MaxFileSize: MaxFileSize,
	New: func(s scanners.Settings) scanners.Scanner {
		var modules *modsource.Fetcher
		if s.DownloadModules {
			modules = modsource.New(modsource.Options{CacheDir: s.ModuleCache, Token: modsource.EnvToken(os.Getenv)})
		}
		return Scanner{Opts: Options{
			VarFiles:        s.VarFiles,
			Vars:            s.Vars,
			Strict:          s.Strict,
			FileRoot:        s.FileRoot,
			MaxFileSize:     s.Limits.Get("terraform", MaxFileSize),
			ProviderMirrors: s.Mirrors,
			Modules:         modules,
		}, parses: newParseCache()}
	},
	// Modules, var files and file() reads go through the unit's FS;
	// provider mirrors are read directly, so a run verifying them is not
	// cached, and a downloaded module's version is chosen against the
	// registry at run time (a new release matching "~> 4.0" changes what
	// is read without changing any file here), so neither is one that
	// downloads modules.
	Cacheable: func(s scanners.Settings) bool { return len(s.Mirrors) == 0 && !s.DownloadModules },
}

// PlanKind is `terraform show -json` plans.
var PlanKind = scanners.Kind{
	Name:    "terraform-plan",
	Label:   "Terraform plan",
	Formats: []string{document.FormatTerraformPlan},
	Schemas: map[string][]byte{document.FormatTerraformPlan: planSchema},
	Match: scanners.Match{
		Name:    func(p string) bool { return strings.EqualFold(path.Ext(p), ".json") },
		Content: DetectPlan,
		// A plan too large to read whole is still recognisable by its head.
		Sniff: func(_ string, head []byte) bool { return bytes.Contains(head, []byte(`"format_version"`)) },
	},
	MaxFileSize: MaxPlanSize,
	New: func(s scanners.Settings) scanners.Scanner {
		return PlanScanner{MaxFileSize: s.Limits.Get("terraform-plan", MaxPlanSize), MaxConfigSize: s.Limits.Get("terraform", MaxFileSize)}
	},
	Cacheable: scanners.Always,
}

// MaxFileSize is the default largest configuration file (or file()
// argument) read; MaxPlanSize the default largest plan: plans of large
// estates reach tens of MB.
const (
	MaxFileSize = 16 << 20
	MaxPlanSize = 256 << 20
)

func isTerraformFile(p string) bool {
	base := path.Base(p)
	return strings.HasSuffix(base, ".tf") || strings.HasSuffix(base, ".tf.json") ||
		strings.HasSuffix(base, ".tfvars") || strings.HasSuffix(base, ".tfvars.json") ||
		base == ".terraform.lock.hcl"
}

// hasTerraformSource: variables and lock files alone are not a module.
func hasTerraformSource(files []string) bool {
	for _, f := range files {
		if strings.HasSuffix(f, ".tf") || strings.HasSuffix(f, ".tf.json") {
			return true
		}
	}
	return false
}

// selectRoots keeps the module directories that no other scanned
// directory calls as a local module: a called module is evaluated with its
// caller's inputs, not a second time with unknown ones.
func selectRoots(_ context.Context, units []scanners.Unit) ([]scanners.Unit, []document.Diagnostic) {
	dirs := make([]string, len(units))
	found := make([][]string, len(units))
	parallel.Do(len(units), func(i int) {
		u := units[i]
		files := make(map[string][]byte, len(u.Files))
		for _, f := range u.Files {
			if c, ok := u.Contents[f]; ok {
				files[f] = c
			}
		}
		dirs[i], found[i] = u.Path, ModuleCalls(u.Path, files)
	})
	calls := make(map[string][]string, len(units))
	for i, d := range dirs {
		calls[d] = found[i]
	}
	keep := map[string]bool{}
	for _, d := range FilterRoots(dirs, calls) {
		keep[d] = true
	}
	out := units[:0:0]
	for _, u := range units {
		if keep[u.Path] {
			out = append(out, u)
		}
	}
	return out, nil
}

// schema and planSchema are the JSON Schemas of the kinds' input documents.
var (
	//go:embed schema.json
	schema []byte
	//go:embed plan_schema.json
	planSchema []byte
)
