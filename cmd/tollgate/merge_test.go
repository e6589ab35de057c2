package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/report"
)

// Scanning in shards and merging gives the very report an unsharded scan
// gives, verdict and exit code included.
func TestShardedScanMergesToTheFullReport(t *testing.T) {
	dir := t.TempDir()
	roots := []string{"../../examples", "../../testdata/rules/aws-s3-bucket-encryption-kms", "../../testdata/rules/docker-add-remote-checksum"}
	full, a, parts := mergeEqualsFullScan(t, dir, 3, nil, roots, 1)
	// Each shard really is a part: none holds every finding.
	for _, p := range parts {
		if data, _ := os.ReadFile(p); strings.Count(string(data), `"ruleId"`) == strings.Count(a, `"ruleId"`) {
			t.Errorf("%s holds every finding: the targets were not split", p)
		}
	}

	if code, _, _ := tollgate(t, "scan", "--shard", "4/3", "../../examples"); code != 2 {
		t.Errorf("an impossible shard must be a usage error, got %d", code)
	}
	// An incomplete, doubled or mixed set of shards cannot pass a gate
	// that never saw part of the targets.
	for name, set := range map[string][]string{
		"missing":  parts[:2],
		"doubled":  {parts[0], parts[1], parts[1]},
		"mixed":    {parts[0], parts[1], parts[2], full},
		"too many": {parts[0], parts[1], parts[2], parts[0]},
	} {
		if code, _, stderr := tollgate(t, append([]string{"merge"}, set...)...); code != 2 || !strings.Contains(stderr, "merge: ") {
			t.Errorf("%s: exit %d, want 2 naming the problem: %s", name, code, stderr)
		}
	}
	// Parts of different CI runs do not merge either.
	t.Setenv("GITHUB_RUN_ID", "1")
	other := filepath.Join(dir, "other3.json")
	if code, _, stderr := tollgate(t, append([]string{"scan", "--shard", "3/3", "--format", "json=" + other}, roots...)...); code > 1 {
		t.Fatalf("shard of another run: exit %d %s", code, stderr)
	}
	if code, _, stderr := tollgate(t, "merge", parts[0], parts[1], other); code != 2 || !strings.Contains(stderr, "run") {
		t.Errorf("parts of two runs: exit %d: %s", code, stderr)
	}
	bad := writeFile(t, dir, "bad.json", `{"version": "9"}`)
	if code, _, _ := tollgate(t, "merge", bad); code != 2 {
		t.Errorf("merging an unreadable report must be exit 2, got %d", code)
	}
}

// --shard auto takes GitLab's parallel job index and count, and is the
// whole scan outside a parallel job.
func TestShardAuto(t *testing.T) {
	env := map[string]string{"CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "5"}
	if got := shardSpec("auto", func(k string) string { return env[k] }); got != "2/5" {
		t.Fatalf("auto in a parallel job: %q", got)
	}
	if got := shardSpec("auto", func(string) string { return "" }); got != "" {
		t.Fatalf("auto outside a parallel job must scan everything, got %q", got)
	}
	if got := shardSpec("1/2", func(k string) string { return env[k] }); got != "1/2" {
		t.Fatalf("an explicit shard wins: %q", got)
	}
}

// mergeEqualsFullScan scans roots whole and in n shards (with the extra
// flags), merges the shards and requires the very report and exit code
// of the whole scan, which must be want. It returns the whole scan's
// report file and text, and the shards' report files.
func mergeEqualsFullScan(t *testing.T, dir string, n int, extra, roots []string, want int) (string, string, []string) {
	t.Helper()
	full := filepath.Join(dir, "full.json")
	wantCode, _, stderr := tollgate(t, append(append([]string{"scan", "--format", "json=" + full}, extra...), roots...)...)
	if wantCode != want {
		t.Fatalf("full scan: exit %d, want %d: %s", wantCode, want, stderr)
	}
	var parts []string
	for i := 1; i <= n; i++ {
		p := filepath.Join(dir, fmt.Sprintf("part%d.json", i))
		args := append(append([]string{"scan", "--shard", fmt.Sprintf("%d/%d", i, n), "--format", "json=" + p}, extra...), roots...)
		if code, _, stderr := tollgate(t, args...); code > 1 {
			t.Fatalf("shard %d: exit %d: %s", i, code, stderr)
		}
		parts = append(parts, p)
	}
	merged := filepath.Join(dir, "merged.json")
	code, _, stderr := tollgate(t, append(append([]string{"merge", "--format", "json=" + merged}, extra...), parts...)...)
	if code != wantCode {
		t.Fatalf("merge: exit %d, want %d: %s", code, wantCode, stderr)
	}
	a, _ := os.ReadFile(full)
	b, _ := os.ReadFile(merged)
	if string(a) != string(b) {
		t.Fatalf("merged report differs from the full scan:\n--- full\n%s\n--- merged\n%s", a, b)
	}
	return full, string(a), parts
}

// A shard count read from a report is checked before it sizes anything: a
// corrupt or hostile report is an error naming it, not a panic or an
// allocation of its count.
func TestCompleteShardSetDistrustsCounts(t *testing.T) {
	for name, shards := range map[string][]*report.Shard{
		"negative count": {{Index: 1, Count: -2}},
		"huge count":     {{Index: 1, Count: 1 << 40}},
		"huge and small": {{Index: 1, Count: 2}, {Index: 2, Count: 1 << 40}},
	} {
		paths := make([]string, len(shards))
		for i := range paths {
			paths[i] = fmt.Sprintf("part%d.json", i+1)
		}
		err := completeShardSet(paths, shards)
		if err == nil || !strings.HasPrefix(err.Error(), "merge: ") {
			t.Errorf("%s: %v, want a merge error", name, err)
		}
	}
	err := completeShardSet([]string{"a.json"}, []*report.Shard{{Index: 3, Count: 40}})
	if want := "merge: shard 1/40, 2/40, 4/40, 5/40, 6/40, 7/40, 8/40, 9/40, 10/40, 11/40, and 29 more missing"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v, want %q", err, want)
	}
}
