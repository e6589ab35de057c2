package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/gittest"
)

// moduleRepo makes a bare git repository whose db/ module creates a
// database with storage encryption from its input, and returns its path
// and commit.
func moduleRepo(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	work := filepath.Join(dir, "work")
	writeFile(t, work, "db/main.tf", `variable "encrypted" {}
resource "aws_db_instance" "this" {
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  storage_encrypted = var.encrypted
}
`)
	gittest.Run(t, dir, "init", "-q", "-b", "main", work)
	gittest.Run(t, work, "add", ".")
	gittest.Run(t, work, "commit", "-q", "-m", "db")
	bare := filepath.Join(dir, "modules.git")
	gittest.Run(t, dir, "clone", "-q", "--bare", work, bare)
	return bare, gittest.Run(t, work, "rev-parse", "HEAD")
}

// --download-modules (or terraform.download_modules) checks a git module's
// inputs inside it; without it, the module is a warning as before.
func TestScanDownloadModules(t *testing.T) {
	bare, commit := moduleRepo(t)
	dir := t.TempDir()
	writeFile(t, dir, "infra/main.tf", "module \"db\" {\n  source    = \"git::file://"+bare+"//db?ref="+commit+"\"\n  encrypted = false\n}\n")
	infra := filepath.Join(dir, "infra")
	cache := filepath.Join(dir, "cache")

	code, out, _ := tollgate(t, "scan", "--format", "json", infra)
	if code != 0 || !strings.Contains(out, "is not initialised") || strings.Contains(out, "aws-rds-storage-encrypted") {
		t.Fatalf("without --download-modules: exit %d\n%s", code, out)
	}
	code, out, _ = tollgate(t, "scan", "--format", "json", "--download-modules", "--cache-dir", cache, infra)
	if code != 1 || !strings.Contains(out, `"aws-rds-storage-encrypted"`) || !strings.Contains(out, "module.db.aws_db_instance.this") ||
		!strings.Contains(out, filepath.ToSlash(filepath.Join(cache, "modules", "git"))) {
		t.Fatalf("with --download-modules: exit %d\n%s", code, out)
	}
	// The configuration asks for the same, and the cache answers with
	// the repository gone.
	os.RemoveAll(bare)
	cfg := writeFile(t, dir, "tollgate.yaml", "version: 1\ncache_dir: "+cache+"\nterraform:\n  download_modules: true\n")
	if code, out, _ := tollgate(t, "scan", "--format", "json", "--config", cfg, infra); code != 1 || !strings.Contains(out, "module.db.aws_db_instance.this") {
		t.Fatalf("download_modules from the configuration, cached: exit %d\n%s", code, out)
	}
	// The module's version is decided against its source at run time, so
	// the results of a run that downloads are never kept.
	if entries, _ := filepath.Glob(filepath.Join(cache, "results", "*", "*.json")); len(entries) != 0 {
		t.Errorf("a run with --download-modules kept results: %v", entries)
	}
}

// A module that cannot be downloaded is exit 2 at its module block.
func TestScanDownloadFailureIsUndecided(t *testing.T) {
	dir := t.TempDir()
	main := writeFile(t, dir, "main.tf", "module \"db\" {\n  source = \"git::file://"+filepath.Join(dir, "no-such.git")+"?ref=v1\"\n}\n")
	code, out, _ := tollgate(t, "scan", "--color", "never", "--download-modules", "--cache-dir", t.TempDir(), dir)
	if code != 2 || !strings.Contains(out, filepath.ToSlash(main)+":1") || !strings.Contains(out, "downloading") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}
