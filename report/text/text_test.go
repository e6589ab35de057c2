package text

import (
	"bytes"
	"flag"
	"strings"
	"testing"
	"unicode/utf8"

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
	for _, tc := range []struct {
		name string
		r    report.Report
		opts Options
	}{
		{"sample.txt", reporttest.Sample(), Options{}},
		{"sample-color.txt", reporttest.Sample(), Options{Color: true}},
		{"sample-quiet.txt", reporttest.Sample(), Options{Quiet: true}},
		{"sample-suppressed.txt", reporttest.Sample(), Options{ShowSuppressed: true}},
		{"empty.txt", reporttest.Empty(), Options{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reporttest.Golden(t, tc.name, []byte(render(t, tc.r, tc.opts)), *update)
		})
	}
}

func TestFindingContent(t *testing.T) {
	out := render(t, reporttest.Sample(), Options{})
	for _, want := range []string{
		"  CRITICAL aws-s3-block-public-access  Stack/Assets/Bucket (AWS::S3::Bucket, id AssetsBucket1A2B3C)\n",
		"at /work/repo/lib/stack.ts:14:5\n",
		"fix: Set all four PublicAccessBlockConfiguration flags to true.\n",
		"related cdk.out/Stack.template.json:40:7: synthesised resource\n",
		"related templates/kms.yaml:3:3: KMS key defined here\n",
		"error   templates/broken.yaml:4:12: mapping values",
		"warning modules/vpc: module not initialised",
		// What blocks is said, not left to be worked out: the medium
		// finding is below fail-on high, and the baseline's are apart.
		"undecided: 1 critical, 1 high, 1 medium, 0 low, 0 info; 1 suppressed, 1 accepted by the baseline; 1 error, 1 warning; 6 files scanned, 2 skipped; 2 of 3 findings block (fail-on high)\n",
		"  MEDIUM   docker-user-not-root  runtime (stage)\n           does not block (below fail-on high)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "aws_s3_bucket.logs") || strings.Contains(out, "\x1b[") {
		t.Errorf("suppressed finding or colour in default output:\n%s", out)
	}
	// Every line of a multi-line message stays inside the finding's block.
	if !strings.Contains(out, "100% public, see: <docs>, & more\n           second line\n") {
		t.Errorf("multi-line message not indented:\n%s", out)
	}
}

func TestQuietShowsOnlyErrorsAndSummary(t *testing.T) {
	out := render(t, reporttest.Sample(), Options{Quiet: true})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[1], "  error") || !strings.HasPrefix(lines[3], "undecided:") {
		t.Errorf("quiet output = %q", lines)
	}
}

func TestColorMarksSeverityAndVerdict(t *testing.T) {
	out := render(t, reporttest.Sample(), Options{Color: true})
	for _, want := range []string{boldRed + "CRITICAL", yellow + "MEDIUM", boldYel + "undecided" + reset} {
		if !strings.Contains(out, want) {
			t.Errorf("coloured output lacks %q", want)
		}
	}
}

func TestControlCharactersAreEscaped(t *testing.T) {
	r := reporttest.Sample()
	r.Findings[0].Message = "evil\x1b[2K\rpassed"
	r.Findings[0].Resource = "Bucket\x9b\u009b"
	out := render(t, r, Options{})
	if strings.ContainsAny(out, "\x1b\r\u009b") || !utf8.ValidString(out) {
		t.Fatalf("raw control characters reached the terminal: %q", out)
	}
	if !strings.Contains(out, `evil\u001b[2K\u000dpassed`) || !strings.Contains(out, `Bucket\x9b\u009b`) {
		t.Errorf("escaped form missing: %s", out)
	}
}

func TestRedactedPassesThrough(t *testing.T) {
	out := render(t, reporttest.WithRedactions(), Options{})
	if n := strings.Count(out, reporttest.Redacted); n != 3 {
		t.Errorf("%d placeholders, want 3 (finding, related, diagnostic):\n%s", n, out)
	}
	for _, want := range []string{"Secret access key [REDACTED] is hard-coded", "the same key [REDACTED] again", "value [REDACTED] could not be resolved"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q", want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a := render(t, reporttest.Sample(), Options{Color: true, ShowSuppressed: true})
	for range 20 {
		if b := render(t, reporttest.Sample(), Options{Color: true, ShowSuppressed: true}); b != a {
			t.Fatal("output differs between runs")
		}
	}
}
