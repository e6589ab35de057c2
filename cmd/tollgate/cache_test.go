package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/imagetest"
	"github.com/tollgate-dev/tollgate/internal/registrytest"
)

// cacheTree writes a small repository: a CloudFormation template, a
// Dockerfile with a build argument, and a Terraform root calling a local
// module whose ingress rule comes from a variable.
func cacheTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "cfn/bucket.yaml", `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Logs:
    Type: AWS::S3::Bucket
  Site:
    Type: AWS::S3::Bucket
    Metadata:
      tollgate:
        ignore:
          - {id: aws-s3-bucket-enforce-tls, reason: served by CloudFront only}
          - {id: aws-s3-bucket-encryption-kms, reason: public assets, expires: "2020-01-01"}
`)
	writeFile(t, dir, "docker/Dockerfile", "ARG BASE=ubuntu:22.04\nFROM ${BASE}\nRUN apt-get update\n")
	writeFile(t, dir, "tf/main.tf", `variable "cidr" {
  type    = string
  default = "10.0.0.0/8"
}

module "net" {
  source = "./mod"
  cidr   = var.cidr
}
`)
	writeFile(t, dir, "tf/mod/main.tf", `variable "cidr" {
  type = string
}

resource "aws_security_group" "ssh" {
  name = "ssh"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }
}
`)
	return dir
}

type cachedRun struct {
	code        int
	json, sarif string
	stderr      string
	// reused and targets are what the results cache said it did.
	reused, targets int
}

var reusedRe = regexp.MustCompile(`results cache .*: (\d+) of (\d+) targets reused`)

// scanWith runs a scan of dir writing JSON and SARIF, with the results
// cache in cache ("" for --no-cache).
func scanWith(t *testing.T, dir, cache string, args ...string) cachedRun {
	t.Helper()
	out := t.TempDir()
	all := []string{"scan", "--format", "json=" + filepath.Join(out, "r.json"), "--format", "sarif=" + filepath.Join(out, "r.sarif")}
	if cache == "" {
		all = append(all, "--no-cache")
	} else {
		all = append(all, "--cache-dir", cache)
	}
	all = append(all, args...)
	if dir != "" {
		all = append(all, dir)
	}
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), all, &stdout, &stderr)
	r := cachedRun{code: code, stderr: stderr.String()}
	j, err := os.ReadFile(filepath.Join(out, "r.json"))
	if err != nil {
		t.Fatalf("scan %v: exit %d, %v; stderr %s", args, code, err, stderr.String())
	}
	s, err := os.ReadFile(filepath.Join(out, "r.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	r.json, r.sarif = string(j), string(s)
	if m := reusedRe.FindStringSubmatch(r.stderr); m != nil {
		r.reused, _ = strconv.Atoi(m[1])
		r.targets, _ = strconv.Atoi(m[2])
	} else if cache != "" {
		t.Fatalf("no results cache note in stderr: %s", r.stderr)
	}
	return r
}

// sameAsFresh checks a cached run against a scan without the cache: same
// exit code, same bytes of JSON and SARIF.
func sameAsFresh(t *testing.T, what string, got, fresh cachedRun) {
	t.Helper()
	if got.code != fresh.code || got.json != fresh.json || got.sarif != fresh.sarif {
		t.Errorf("%s: the cached run differs from a fresh scan (exit %d vs %d)\ncached: %s\nfresh:  %s", what, got.code, fresh.code, got.json, fresh.json)
	}
}

func TestResultCacheHitIsByteIdentical(t *testing.T) {
	t.Setenv(debugEnv, "1")
	dir, cache := cacheTree(t), t.TempDir()
	fresh := scanWith(t, dir, "")
	cold := scanWith(t, dir, cache)
	warm := scanWith(t, dir, cache)
	if cold.reused != 0 || warm.reused != 3 || warm.targets != 3 {
		t.Fatalf("reused %d then %d of %d targets, want 0 then 3 of 3", cold.reused, warm.reused, warm.targets)
	}
	if fresh.code != 1 || !strings.Contains(fresh.json, "aws-s3-bucket-public-access-block") {
		t.Fatalf("the fixture should block: exit %d %s", fresh.code, fresh.json)
	}
	sameAsFresh(t, "cold", cold, fresh)
	sameAsFresh(t, "warm", warm, fresh)
	// Inline waivers are applied to a hit as to a fresh scan: the valid
	// one suppresses, the expired one is a warning.
	if !strings.Contains(warm.json, "served by CloudFront only") || !strings.Contains(warm.json, "2020-01-01") {
		t.Errorf("inline waivers lost on a hit: %s", warm.json)
	}
	if entries, _ := filepath.Glob(filepath.Join(cache, "results", "*", "*.json")); len(entries) != 3 {
		t.Errorf("entries = %v, want one per target under results/", entries)
	}
}

// Each change must make exactly the targets it touches miss, and the
// cached run must say what a fresh scan says.
func TestResultCacheMissesWhatChanged(t *testing.T) {
	t.Setenv(debugEnv, "1")
	dir, cache := cacheTree(t), t.TempDir()
	policy := writeFile(t, t.TempDir(), "policy/tags.rego", `# METADATA
# title: buckets carry a team tag
# custom:
#   id: team-tag
#   severity: low
#   theme: integrity
#   formats: [cloudformation]
package custom.tags

import rego.v1

deny contains f if {
	some name, r in input.Resources
	r.Type == "AWS::S3::Bucket"
	not r.Properties.Tags
	f := {"resource": name, "path": ["Resources", name], "message": "no team tag"}
}
`)
	policyDir := filepath.Dir(policy)
	cfg := writeFile(t, t.TempDir(), "tollgate.yaml", "version: 1\n")
	base := []string{"--policy", policyDir, "--config", cfg}
	org := writeFile(t, t.TempDir(), "org.yaml", "locked_rules: [container-runs-as-root]\n")
	scanWith(t, dir, cache, base...)

	steps := []struct {
		name   string
		change func()
		args   []string
		reused int
	}{
		{"nothing", func() {}, nil, 3},
		{"a template", func() {
			writeFile(t, dir, "cfn/bucket.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: [{Key: team, Value: a}]\n")
		}, nil, 2},
		{"a called module", func() {
			writeFile(t, dir, "tf/mod/main.tf", strings.Replace(readFile(t, filepath.Join(dir, "tf/mod/main.tf")), "from_port   = 22", "from_port   = 23", 1))
		}, nil, 2},
		{"a new file in a called module", func() {
			writeFile(t, dir, "tf/mod/open.tf", "resource \"aws_security_group\" \"all\" {\n  name = \"all\"\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n")
		}, nil, 2},
		{"a --var", func() {}, []string{"--var", "cidr=0.0.0.0/0"}, 0},
		{"the same --var again", func() {}, []string{"--var", "cidr=0.0.0.0/0"}, 3},
		{"a --build-arg", func() {}, []string{"--var", "cidr=0.0.0.0/0", "--build-arg", "BASE=ubuntu:latest"}, 0},
		{"a policy", func() {
			writeFile(t, policyDir, "tags.rego", strings.Replace(readFile(t, policy), `"no team tag"`, `"no team tag at all"`, 1))
		}, []string{"--var", "cidr=0.0.0.0/0", "--build-arg", "BASE=ubuntu:latest"}, 0},
		{"the configuration", func() {
			writeFile(t, filepath.Dir(cfg), "tollgate.yaml", "version: 1\nrules:\n  disable: [container-runs-as-root]\n")
		}, []string{"--var", "cidr=0.0.0.0/0", "--build-arg", "BASE=ubuntu:latest"}, 0},
		// The organisation's locked rule runs although the configuration
		// disables it: the policy files are the same, the rules run not.
		{"the organisation's configuration", func() {}, []string{"--var", "cidr=0.0.0.0/0", "--build-arg", "BASE=ubuntu:latest", "--org-config", org}, 0},
	}
	for _, s := range steps {
		s.change()
		args := append(append([]string(nil), base...), s.args...)
		got := scanWith(t, dir, cache, args...)
		fresh := scanWith(t, dir, "", args...)
		if got.reused != s.reused {
			t.Errorf("after changing %s: %d of %d targets reused, want %d", s.name, got.reused, got.targets, s.reused)
		}
		sameAsFresh(t, "after changing "+s.name, got, fresh)
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Waivers apply after the cache: a new ignore entry keeps the entries and
// still suppresses the finding they hold.
func TestResultCacheAppliesConfigWaiversOnHits(t *testing.T) {
	t.Setenv(debugEnv, "1")
	dir, cache := cacheTree(t), t.TempDir()
	cfgDir := t.TempDir()
	cfg := writeFile(t, cfgDir, "tollgate.yaml", "version: 1\n")
	scanWith(t, dir, cache, "--config", cfg)
	writeFile(t, cfgDir, "tollgate.yaml", "version: 1\nignore:\n  - id: aws-s3-bucket-public-access-block\n    reason: logs bucket, reviewed\n")
	for i := 0; i < 2; i++ {
		got := scanWith(t, dir, cache, "--config", cfg)
		fresh := scanWith(t, dir, "", "--config", cfg)
		if got.reused != 3 {
			t.Errorf("run %d: an ignore entry must not invalidate the cache: %d of 3 reused", i, got.reused)
		}
		if !strings.Contains(got.json, `"reason": "logs bucket, reviewed"`) && !strings.Contains(got.json, `"reason":"logs bucket, reviewed"`) {
			t.Errorf("run %d: the waived finding is not marked suppressed on a hit: %s", i, got.json)
		}
		sameAsFresh(t, fmt.Sprintf("run %d with a waiver", i), got, fresh)
	}
}

// A corrupt, truncated or foreign entry is a miss with a note, never an
// error, and is rewritten.
func TestResultCacheCorruptEntries(t *testing.T) {
	t.Setenv(debugEnv, "1")
	dir, cache := cacheTree(t), t.TempDir()
	fresh := scanWith(t, dir, "")
	scanWith(t, dir, cache)
	entries, _ := filepath.Glob(filepath.Join(cache, "results", "*", "*.json"))
	if len(entries) != 3 {
		t.Fatalf("entries = %v", entries)
	}
	damage := []func(string) string{
		func(string) string { return "not json" },
		func(s string) string { return s[:len(s)/2] },
		func(s string) string { return strings.Replace(s, `"format":1`, `"format":99`, 1) },
	}
	for i, e := range entries {
		if err := os.WriteFile(e, []byte(damage[i](readFile(t, e))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := scanWith(t, dir, cache)
	if got.reused != 0 {
		t.Errorf("damaged entries reused: %d", got.reused)
	}
	if !strings.Contains(got.stderr, "is corrupt") || !strings.Contains(got.stderr, "of another format") {
		t.Errorf("no debug note about the damaged entries: %s", got.stderr)
	}
	sameAsFresh(t, "damaged entries", got, fresh)
	if again := scanWith(t, dir, cache); again.reused != 3 {
		t.Errorf("damaged entries were not rewritten: %d of 3 reused next time", again.reused)
	}
}

// Runs sharing one cache directory at once see whole entries only.
func TestResultCacheSharedByConcurrentRuns(t *testing.T) {
	t.Setenv(debugEnv, "1")
	dir, cache := cacheTree(t), t.TempDir()
	fresh := scanWith(t, dir, "")
	const runs = 4
	for round := 0; round < 3; round++ {
		results := make([]cachedRun, runs)
		var wg sync.WaitGroup
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] = scanWith(t, dir, cache)
			}()
		}
		wg.Wait()
		for i, r := range results {
			sameAsFresh(t, fmt.Sprintf("round %d run %d", round, i), r, fresh)
		}
		// Change a file between rounds so the runs also race to rewrite.
		writeFile(t, dir, "docker/Dockerfile", fmt.Sprintf("ARG BASE=ubuntu:22.04\nFROM ${BASE}\nRUN apt-get update # %d\n", round))
		fresh = scanWith(t, dir, "")
	}
	tmp, _ := filepath.Glob(filepath.Join(cache, "results", "*", ".tmp-*"))
	if len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// A target holding a credential is never cached, so the cache directory
// never holds one.
func TestResultCacheKeepsNoSecret(t *testing.T) {
	t.Setenv(debugEnv, "1")
	dir, cache := cacheTree(t), t.TempDir()
	const password = "Tr0ub4dor-and-3-horses"
	writeFile(t, dir, "db/main.tf", `resource "aws_db_instance" "db" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "app"
  password          = "`+password+`"
}
`)
	// Assembled from parts so this file does not trip secret scanners.
	key := "AKIA" + "QWERTYUIOPASDFGH"
	secret := "kX9f2Lq8" + "Vn3Rt7Yw" + "Zb1Mc5Pd" + "Hs4Jg6Ke" + "Ta0Uo2Ri"
	writeFile(t, dir, "app/.env", "AWS_ACCESS_KEY_ID="+key+"\nAWS_SECRET_ACCESS_KEY="+secret+"\n")
	first := scanWith(t, dir, cache)
	second := scanWith(t, dir, cache)
	if strings.Contains(first.json+first.sarif, password) || strings.Contains(first.json+first.sarif, secret) {
		t.Fatal("the report itself leaks the password")
	}
	if !strings.Contains(first.json, "plaintext credential") {
		t.Fatalf("the credential fixture found nothing: %s", first.json)
	}
	sameAsFresh(t, "second run", second, first)
	err := filepath.Walk(cache, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, s := range []string{password, key, secret} {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s holds a secret", p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if second.reused != second.targets-2 || second.targets < 5 {
		t.Errorf("%d of %d targets reused; want all but the two holding a credential", second.reused, second.targets)
	}
}

func TestResultCacheFlags(t *testing.T) {
	t.Setenv(debugEnv, "1")
	dir, cache := cacheTree(t), t.TempDir()
	scanWith(t, dir, "", "--cache-dir", cache)
	if entries, _ := filepath.Glob(filepath.Join(cache, "results", "*", "*.json")); len(entries) != 0 {
		t.Errorf("--no-cache wrote entries: %v", entries)
	}
	cfg := writeFile(t, t.TempDir(), "tollgate.yaml", "version: 1\nno_cache: true\n")
	code, _, stderr := tollgate(t, "scan", "--cache-dir", cache, "--config", cfg, dir)
	if entries, _ := filepath.Glob(filepath.Join(cache, "results", "*", "*.json")); code != 1 || len(entries) != 0 {
		t.Errorf("no_cache: exit %d, entries %v, stderr %s", code, entries, stderr)
	}
	code, _, stderr = tollgate(t, "scan", "--cache-dir", cache, "--cache-max-size", "lots", dir)
	if code != 2 || !strings.Contains(stderr, `--cache-max-size "lots"`) {
		t.Errorf("a bad size: exit %d, stderr %s", code, stderr)
	}
	// The default root is the user cache directory's tollgate (TestMain
	// points it at a temporary folder).
	scanWith(t, dir, "")
	code, _, _ = tollgate(t, "scan", dir)
	root, _ := os.UserCacheDir()
	if entries, _ := filepath.Glob(filepath.Join(root, "tollgate", "results", "*", "*.json")); code != 1 || len(entries) == 0 {
		t.Errorf("default cache root: exit %d, entries %v", code, entries)
	}
}

// A cache folder inside the scanned tree (GitLab caches only paths inside
// the project) is not scanned: its entries would be new targets each run.
func TestResultCacheInsideTheTree(t *testing.T) {
	t.Setenv(debugEnv, "1")
	dir := cacheTree(t)
	cache := filepath.Join(dir, ".cache", "tollgate")
	first := scanWith(t, dir, cache)
	second := scanWith(t, dir, cache)
	if first.targets != 3 || second.reused != 3 || second.targets != 3 {
		t.Errorf("targets %d, then %d of %d reused; want the cache folder left out", first.targets, second.reused, second.targets)
	}
	sameAsFresh(t, "cache inside the tree", second, first)
}

// An image named by digest is content-addressed: it is cached, and a hit
// needs no registry. A tag can move and is never a hit; a registry error
// is never kept.
func TestResultCacheImagesByDigest(t *testing.T) {
	t.Setenv(debugEnv, "1")
	host, stop := registrytest.Serve(t)
	img := imagetest.Build(t, imagetest.Spec{Files: map[string]string{"app/run": "#!/bin/sh\n"}})
	digest := registrytest.Push(t, host+"/app:1", img)
	byDigest := host + "/app@" + digest.String()
	cache := t.TempDir()
	image := func(ref string) cachedRun {
		t.Helper()
		return scanWith(t, "", cache, "--image", ref)
	}
	fresh := scanWith(t, "", "", "--image", byDigest)
	if fresh.code != 1 || !strings.Contains(fresh.json, "container-runs-as-root") {
		t.Fatalf("the image should block: exit %d %s", fresh.code, fresh.json)
	}
	if first, second := image(byDigest), image(byDigest); first.reused != 0 || second.reused != 1 {
		t.Errorf("by digest: reused %d then %d, want 0 then 1", first.reused, second.reused)
	} else {
		sameAsFresh(t, "image hit", second, fresh)
	}
	for i := 0; i < 2; i++ {
		if r := image(host + "/app:1"); r.reused != 0 {
			t.Errorf("by tag, run %d: reused %d, want a miss every time", i, r.reused)
		}
	}
	stop()
	offline := scanWith(t, "", t.TempDir(), "--image", byDigest)
	if offline.code != 2 {
		t.Fatalf("registry down, empty cache: exit %d, want 2", offline.code)
	}
	if again := image(byDigest); again.reused != 1 || again.json != fresh.json {
		t.Errorf("registry down, cached digest: reused %d, exit %d", again.reused, again.code)
	}
	empty := t.TempDir()
	scanWith(t, "", empty, "--image", byDigest)
	if entries, _ := filepath.Glob(filepath.Join(empty, "results", "*", "*.json")); len(entries) != 0 {
		t.Errorf("a registry error was kept: %v", entries)
	}
}
