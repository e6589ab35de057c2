package scanners

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/fsread"
)

// Limits bound how many bytes are read of one file, per kind of file. A
// zero field means the default (DefaultLimits). Sizes are checked while
// reading, not only by stat, so a file that grows cannot exceed them.
type Limits struct {
	// CloudFormation templates, CDK stack templates included.
	CloudFormation int64
	// Terraform configuration files (.tf, .tf.json, .tfvars, lock files)
	// and what file(), filebase64() and templatefile() read.
	Terraform int64
	// TerraformPlan is plan JSON (terraform show -json).
	TerraformPlan int64
	// Dockerfile is a Dockerfile or Containerfile.
	Dockerfile int64
	// CDK is a cloud assembly's manifests and metadata (not its templates).
	CDK int64
	// CDKAsset bounds the bytes hashed of one CDK file or folder asset (all
	// its files together) to check it against its recorded hash.
	CDKAsset int64
}

// DefaultLimits are far above real files and far below what would exhaust
// memory. CloudFormation accepts templates of at most 1 MB, but SAM and CDK
// templates before packaging inline code and can be several times that;
// plans of large estates reach tens of MB; CDK_DEBUG metadata of a large
// app too.
func DefaultLimits() Limits {
	return Limits{
		CloudFormation: 16 << 20,
		Terraform:      16 << 20,
		TerraformPlan:  256 << 20,
		Dockerfile:     16 << 20,
		CDK:            256 << 20,
		CDKAsset:       1 << 30,
	}
}

// LimitKinds are the names Set accepts before "=", in the order they are
// documented.
var LimitKinds = []string{"cloudformation", "terraform", "terraform-plan", "dockerfile", "cdk", "cdk-asset"}

// WithDefaults fills unset limits with the defaults.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits()
	for i, p := range l.fields() {
		if *p <= 0 {
			*p = *d.fields()[i]
		}
	}
	return l
}

// Max is the largest limit: what must be read of a file before its kind is
// known. CDKAsset is left out: asset files are hashed as they stream, never
// held in memory or told apart by their content.
func (l Limits) Max() int64 {
	var m int64
	d := l.WithDefaults()
	for _, p := range d.fields() {
		if p != &d.CDKAsset {
			m = max(m, *p)
		}
	}
	return m
}

func (l *Limits) fields() []*int64 {
	return []*int64{&l.CloudFormation, &l.Terraform, &l.TerraformPlan, &l.Dockerfile, &l.CDK, &l.CDKAsset}
}

// Set applies one setting: "SIZE" sets every kind, "KIND=SIZE" one (KIND is
// one of LimitKinds). SIZE is bytes or a number with a unit: KB, MB, GB
// (powers of 1000) or KiB, MiB, GiB (powers of 1024).
func (l *Limits) Set(spec string) error {
	kind, size, ok := strings.Cut(spec, "=")
	if !ok {
		kind, size = "", spec
	}
	if kind != "" && !slices.Contains(LimitKinds, kind) {
		return fmt.Errorf("%q: unknown kind (want one of %s)", kind, strings.Join(LimitKinds, ", "))
	}
	n, err := ParseSize(size)
	if err != nil {
		return err
	}
	for i, k := range LimitKinds {
		if kind == "" || kind == k {
			*l.fields()[i] = n
		}
	}
	return nil
}

var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
	{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1},
}

// ParseSize reads "1048576", "64MiB", "16MB" or "512KiB" as bytes.
func ParseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	num, mult := s, int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(strings.ToLower(s), strings.ToLower(u.suffix)) {
			num, mult = strings.TrimSpace(s[:len(s)-len(u.suffix)]), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("%q: want a positive size in bytes or with a unit (64MiB, 16MB)", s)
	}
	return n * mult, nil
}

// FormatSize writes a size the way ParseSize reads it, in the largest
// binary unit that divides it.
func FormatSize(n int64) string { return fsread.FormatSize(n) }
