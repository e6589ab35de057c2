package scanners

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFileIsBoundedWhileReading(t *testing.T) {
	// /proc files report size 0 and are not empty: only the bounded read
	// can tell they are over a limit.
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc")
	}
	_, err := ReadFile(context.Background(), nil, "/proc/self/status", 16)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Limit != 16 || tl.Size != 17 {
		t.Fatalf("got %v, want a size error found while reading", err)
	}
	b, err := ReadFile(context.Background(), nil, "/proc/self/status", 0)
	if err != nil || len(b) == 0 {
		t.Fatalf("unbounded read of /proc/self/status: %d bytes, %v", len(b), err)
	}
}

func TestReadFileLimitAndContext(t *testing.T) {
	p := filepath.Join(t.TempDir(), "t.yaml")
	if err := os.WriteFile(p, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadFile(context.Background(), nil, p, 10); err != nil || string(b) != "0123456789" {
		t.Fatalf("at the limit: %q %v", b, err)
	}
	if _, err := ReadFile(context.Background(), nil, p, 9); !errors.Is(err, ErrTooLarge) || err.Error() != "file is 10 bytes, over the 9 bytes limit (--max-file-size)" {
		t.Fatalf("over the limit: %v", err)
	}
	// The refusals are fsread's (see its tests), without the file name:
	// callers add it, with a position when they have one.
	if _, err := ReadFile(context.Background(), nil, filepath.Dir(p), 0); !errors.Is(err, ErrNotRegular) || err.Error() != "not a regular file (directory)" {
		t.Fatalf("directory: %v", err)
	}
	if b, err := ReadHead(context.Background(), nil, p, 4); err != nil || string(b) != "0123" {
		t.Fatalf("head: %q %v", b, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ReadFile(ctx, nil, p, 0); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1048576": 1 << 20, "64MiB": 64 << 20, "16MB": 16e6, "512 KiB": 512 << 10, "1GiB": 1 << 30, "2gb": 2e9, "100B": 100} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1", "MiB", "1.5MiB", "10XB", "99999999999GiB"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) accepted", in)
		}
	}
}

// testKinds have a file limit each (one a fallback's fixed cap), none,
// and a further limit.
var testKinds = []Kind{
	{Name: "plan", MaxFileSize: 256 << 20},
	{Name: "template", MaxFileSize: 16 << 20, OtherLimits: []Limit{{Name: "asset", Default: 1 << 30}}},
	{Name: "image"},
	{Name: "files", MaxFileSize: 10 << 20, Match: Match{Fallback: true}},
}

func TestLimits(t *testing.T) {
	if got := strings.Join(LimitNames(testKinds), ","); got != "asset,plan,template" {
		t.Fatalf("LimitNames = %s", got)
	}
	// Limits not started from DefaultLimits hold nothing to set: an error,
	// not a user's setting silently dropped.
	if err := (Limits{}).Set("8MiB"); err == nil {
		t.Error("Set on empty limits succeeded")
	}
	l := DefaultLimits(testKinds)
	if err := l.Set("8MiB"); err != nil {
		t.Fatal(err)
	}
	if err := l.Set("plan=1GiB"); err != nil {
		t.Fatal(err)
	}
	want := Limits{"template": 8 << 20, "asset": 8 << 20, "plan": 1 << 30}
	if !maps.Equal(l, want) {
		t.Fatalf("limits %v, want %v", l, want)
	}
	for _, name := range []string{"helm", "image", "files"} {
		if err := l.Set(name + "=1MiB"); err == nil || !strings.Contains(err.Error(), "want one of asset, plan, template") {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, k := range testKinds {
		got, set := k.FileLimit(nil), k.FileLimit(l)
		switch k.Name {
		case "template":
			if got != 16<<20 || set != 8<<20 {
				t.Errorf("template: default %d, set %d", got, set)
			}
		case "files":
			if got != 10<<20 || set != 10<<20 {
				t.Errorf("the fallback's cap is fixed: default %d, set %d", got, set)
			}
		case "image":
			if got != 0 || set != 0 {
				t.Errorf("image has no limit: %d, %d", got, set)
			}
		}
	}
	if a := testKinds[1].OtherLimits[0]; a.In(nil) != 1<<30 || a.In(l) != 8<<20 {
		t.Errorf("asset: default %d, set %d", a.In(nil), a.In(l))
	}
}

// FuzzLimitsSet checks the --max-file-size parser: it never panics, accepts
// only positive sizes, and reads back what FormatSize writes.
func FuzzLimitsSet(f *testing.F) {
	for _, s := range []string{"64MiB", "16MB", "1048576", "plan=512MiB", "template=1 GiB", "=1", "x=", "9223372036854775807", "4611686018427387904B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		l := DefaultLimits(testKinds)
		if err := l.Set(spec); err != nil {
			return
		}
		for _, p := range l {
			if p <= 0 {
				t.Fatalf("%q set a limit that is none: %+v", spec, l)
			}
			back, err := ParseSize(strings.ReplaceAll(FormatSize(p), " bytes", ""))
			if err != nil || back != p {
				t.Fatalf("%q: FormatSize(%d) = %q reads back as %d, %v", spec, p, FormatSize(p), back, err)
			}
		}
	})
}
