package github

import (
	"bytes"
	"flag"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/internal/reporttest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func render(t *testing.T, r report.Report, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, opts); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestGolden(t *testing.T) {
	reporttest.Golden(t, "sample.txt", []byte(render(t, reporttest.Sample(), Options{SourceRoot: reporttest.Root})), *update)
}

func TestCommands(t *testing.T) {
	out := render(t, reporttest.Sample(), Options{SourceRoot: reporttest.Root})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	// 3 unsuppressed findings + 2 diagnostics; suppressed findings are skipped.
	if len(lines) != 5 {
		t.Fatalf("%d commands:\n%s", len(lines), out)
	}
	for i, want := range []string{
		// Data keeps ':' and ',' (only properties escape them), never a raw newline or '%'.
		"::error file=lib/stack.ts,line=14,col=5,endLine=16,endColumn=7,title=aws-s3-block-public-access [critical] S3 buckets block public access::Stack/Assets/Bucket: BlockPublicAcls is false | 100%25 public, see: <docs>, & more%0Asecond line%0AFix: ",
		"::warning file=Dockerfile,line=9,col=1,title=docker-user-not-root [medium] Containers do not run as root::runtime: The final stage runs as root.%0AFix: Add a USER instruction with a non-root user.",
		"::error file=templates/db.yaml,line=12,col=7,endLine=12,endColumn=30,title=",
		"::warning file=modules/vpc,title=tollgate warning::module not initialised; run terraform init",
		"::error file=templates/broken.yaml,line=4,col=12,title=tollgate error::mapping values are not allowed in this context",
	} {
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("command %d =\n%s\nwant prefix\n%s", i, lines[i], want)
		}
	}
	if strings.Contains(out, "aws_s3_bucket.logs") || strings.Contains(out, "Logs:") {
		t.Error("suppressed findings must not be annotated")
	}
}

func TestPropertyEscaping(t *testing.T) {
	r := reporttest.Sample()
	r.Findings = r.Findings[:1]
	r.Diagnostics = nil
	r.Findings[0].Location.File = "dir,with:odd%chars\nname.yaml"
	r.Findings[0].Title = "a, b: c"
	out := render(t, r, Options{})
	if !strings.Contains(out, "file=dir%2Cwith%3Aodd%25chars%0Aname.yaml,") || !strings.Contains(out, "a%2C b%3A c::") {
		t.Errorf("properties not escaped: %s", out)
	}
	if strings.Count(out, "\n") != 1 {
		t.Errorf("a command must be one line: %q", out)
	}
}

func TestRedactedPassesThrough(t *testing.T) {
	out := render(t, reporttest.WithRedactions(), Options{})
	// The finding message and the diagnostic; annotations have no room for related locations.
	if n := strings.Count(out, reporttest.Redacted); n != 2 {
		t.Errorf("%d placeholders, want 2:\n%s", n, out)
	}
}

func TestEmpty(t *testing.T) {
	if out := render(t, reporttest.Empty(), Options{}); out != "" {
		t.Errorf("empty report printed %q", out)
	}
}
