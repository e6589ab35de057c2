package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/mutate"

	"github.com/tollgate-dev/tollgate/internal/imagetest"
	"github.com/tollgate-dev/tollgate/internal/registrytest"
)

// registryBinary is Debian's docker-registry (the CNCF distribution
// registry); scripts/install-test-deps installs it.
const registryBinary = "/usr/bin/docker-registry"

// startRegistry runs a real registry on a free loopback port with storage
// in a temporary directory and returns its host:port.
func startRegistry(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(registryBinary); err != nil {
		t.Skipf("%s not installed (scripts/install-test-deps installs it)", registryBinary)
	}
	host := freeLoopbackAddr(t)
	dir := t.TempDir()
	cfg := fmt.Sprintf(`version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: %s
  delete:
    enabled: true
http:
  addr: %s
`, filepath.Join(dir, "data"), host)
	cfgPath := filepath.Join(dir, "config.yml")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(registryBinary, "serve", cfgPath)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	deadline := time.Now().Add(15 * time.Second)
	for {
		resp, err := http.Get("http://" + host + "/v2/")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return host
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("registry did not answer /v2/ on %s: %v\n%s", host, err, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func freeLoopbackAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func pushImage(t *testing.T, ref string, img v1.Image) v1.Hash {
	t.Helper()
	return registrytest.Push(t, ref, img)
}

type e2eReport struct {
	Findings []struct {
		RuleID   string `json:"ruleId"`
		Resource string `json:"resource"`
	} `json:"findings"`
	Diagnostics []struct {
		Level   string `json:"level"`
		Message string `json:"message"`
	} `json:"diagnostics"`
}

func runScan(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	code := run(ctx, append([]string{"scan"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestRegistryImageScan(t *testing.T) {
	host := startRegistry(t)

	base := imagetest.Build(t, imagetest.Spec{User: "10001", Files: map[string]string{"etc/os-release": "ID=golden\n"}})
	pushImage(t, host+"/golden/base:1", base)
	layer := imagetest.Build(t, imagetest.Spec{Files: map[string]string{"app/server": "#!/bin/sh\n"}})
	ls, err := layer.Layers()
	if err != nil {
		t.Fatal(err)
	}
	// The app is the base plus one layer, with no base annotations: only
	// layer matching can tell what it was built on.
	app, err := mutate.AppendLayers(base, ls...)
	if err != nil {
		t.Fatal(err)
	}
	appRef := host + "/app:1"
	digest := pushImage(t, appRef, app)

	cfgPath := filepath.Join(t.TempDir(), "tollgate.yaml")
	cfg := fmt.Sprintf("approved_base_images:\n  - pattern: %s/golden/*\n    image: %s/golden/base:1\n", host, host)
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}

	t.Run("scan by reference matches the base by layers", func(t *testing.T) {
		code, out, stderr := runScan(t, "--config", cfgPath, "--image", appRef, "--format", "json")
		var rep e2eReport
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("exit %d, not JSON: %v\n%s\n%s", code, err, out, stderr)
		}
		if len(rep.Diagnostics) != 0 {
			t.Fatalf("diagnostics: %+v", rep.Diagnostics)
		}
		for _, f := range rep.Findings {
			if strings.HasPrefix(f.RuleID, "container-base-image") {
				t.Errorf("base matched by layers is approved, got %s", f.RuleID)
			}
		}
		if code != 0 {
			t.Errorf("exit %d, want 0 (approved base, non-root user): %s", code, out)
		}
	})

	t.Run("unknown base is reported when approval is configured", func(t *testing.T) {
		other := filepath.Join(t.TempDir(), "tollgate.yaml")
		if err := os.WriteFile(other, []byte("approved_base_images:\n  - pattern: registry.example.com/golden/*\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		code, out, _ := runScan(t, "--config", other, "--image", appRef, "--format", "json")
		if code != 1 || !strings.Contains(out, "container-base-image-unverified") {
			t.Errorf("exit %d, want 1 with container-base-image-unverified:\n%s", code, out)
		}
	})

	t.Run("expected digest matches", func(t *testing.T) {
		code, out, _ := runScan(t, "--config", cfgPath, "--image", appRef, "--expect-digest", digest.String(), "--format", "json")
		if code != 0 {
			t.Errorf("exit %d, want 0:\n%s", code, out)
		}
	})

	t.Run("expected digest differs", func(t *testing.T) {
		wrong := "sha256:" + strings.Repeat("0", 64)
		code, out, _ := runScan(t, "--config", cfgPath, "--image", appRef, "--expect-digest", wrong, "--format", "json")
		if code != 2 {
			t.Errorf("exit %d, want 2", code)
		}
		if !strings.Contains(out, wrong) || !strings.Contains(out, digest.String()) {
			t.Errorf("output must name both digests:\n%s", out)
		}
		code, text, _ := runScan(t, "--config", cfgPath, "--image", appRef, "--expect-digest", wrong)
		if code != 2 || !strings.Contains(text, "expected "+wrong) || !strings.Contains(text, "resolves to "+digest.String()) {
			t.Errorf("text output: exit %d\n%s", code, text)
		}
	})

	t.Run("expect-digest needs exactly one image", func(t *testing.T) {
		code, _, stderr := runScan(t, "--config", cfgPath, "--image", appRef, "--image", appRef, "--expect-digest", digest.String())
		if code != 2 || !strings.Contains(stderr, "exactly one") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})

	t.Run("closed port", func(t *testing.T) {
		closed := freeLoopbackAddr(t)
		code, out, _ := runScan(t, "--config", cfgPath, "--image", closed+"/app:1", "--format", "json")
		var rep e2eReport
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		if code != 2 || len(rep.Diagnostics) == 0 || rep.Diagnostics[0].Level != "error" {
			t.Errorf("exit %d, diagnostics %+v; want exit 2 with an error", code, rep.Diagnostics)
		}
	})
}
