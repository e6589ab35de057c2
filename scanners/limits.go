package scanners

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/fsread"
)

// Limit is one size bound users can set, by name: a kind's file limit
// (named as the kind) or another bound a kind's scanner reads under.
type Limit struct {
	// Name is what --max-file-size NAME=SIZE and the keys of
	// max_file_size in .tollgate.yaml call it.
	Name string
	// Default applies when the run does not set it.
	Default int64
}

// In is the limit's size in a run.
func (x Limit) In(l Limits) int64 { return l.Get(x.Name, x.Default) }

// Limits bound how many bytes are read of one file, by limit name (see
// LimitsOf). A name the map lacks takes its default, so the zero Limits is
// every default. Sizes are checked while reading, not only by stat, so a
// file that grows cannot exceed them.
type Limits map[string]int64

// Get is the size of the limit named name, or def when l does not set it.
func (l Limits) Get(name string, def int64) int64 {
	if n := l[name]; n > 0 {
		return n
	}
	return def
}

// LimitsOf are the limits users can set for the kinds, by name: each
// kind's file limit (a kind with a MaxFileSize, the fallback's fixed cap
// aside), then its OtherLimits, sorted by name.
func LimitsOf(list []Kind) []Limit {
	var out []Limit
	for _, k := range list {
		if k.MaxFileSize > 0 && !k.Match.Fallback {
			out = append(out, Limit{Name: k.Name, Default: k.MaxFileSize})
		}
		out = append(out, k.OtherLimits...)
	}
	slices.SortFunc(out, func(a, b Limit) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// LimitNames are the names of LimitsOf(list), for help and messages.
func LimitNames(list []Kind) []string {
	var out []string
	for _, x := range LimitsOf(list) {
		out = append(out, x.Name)
	}
	return out
}

// DefaultLimits are the kinds' settable limits at their defaults: what
// Set starts from, and what it accepts names of.
func DefaultLimits(list []Kind) Limits {
	l := Limits{}
	for _, x := range LimitsOf(list) {
		l[x.Name] = x.Default
	}
	return l
}

// Set applies one setting to the limits l holds (start from
// DefaultLimits): "SIZE" sets every one, "NAME=SIZE" one. SIZE is bytes or
// a number with a unit: KB, MB, GB (powers of 1000) or KiB, MiB, GiB
// (powers of 1024).
func (l Limits) Set(spec string) error {
	if len(l) == 0 {
		// Nothing to set: a setting must not vanish silently.
		return fmt.Errorf("%q: no limits to set (start from DefaultLimits)", spec)
	}
	name, size, ok := strings.Cut(spec, "=")
	if !ok {
		name, size = "", spec
	}
	if _, known := l[name]; name != "" && !known {
		names := make([]string, 0, len(l))
		for n := range l {
			names = append(names, n)
		}
		slices.Sort(names)
		return fmt.Errorf("%q: unknown kind (want one of %s)", name, strings.Join(names, ", "))
	}
	n, err := ParseSize(size)
	if err != nil {
		return err
	}
	for k := range l {
		if name == "" || name == k {
			l[k] = n
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
