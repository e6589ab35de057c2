package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
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
	reporttest.Golden(t, "sample.md", []byte(render(t, reporttest.Sample(), Options{SourceRoot: reporttest.Root})), *update)
	reporttest.Golden(t, "empty.md", []byte(render(t, reporttest.Empty(), Options{})), *update)
}

func TestContent(t *testing.T) {
	out := render(t, reporttest.Sample(), Options{SourceRoot: reporttest.Root})
	for _, want := range []string{
		"### ⚠️ tollgate: undecided\n",
		"| critical | 1 |\n", "| low | 0 |\n", "| suppressed | 2 |\n",
		// The pipe in the message must not split the row.
		"| critical | `aws-s3-block-public-access` | `Stack/Assets/Bucket` | `lib/stack.ts:14:5` | BlockPublicAcls is false \\| 100% public, see: \\<docs\\>, \\& more<br>second line |\n",
		"- `aws-rds-storage-encrypted` RDS storage is encrypted: Set StorageEncrypted to true and KmsKeyId to a customer-managed key.\n",
		"- **error** `templates/broken.yaml:4:12`: mapping values are not allowed in this context\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "aws_s3_bucket.logs") {
		t.Error("suppressed findings belong in the count, not the table")
	}
	// Every table row has the header's five columns.
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "| ") && strings.Count(strings.ReplaceAll(l, `\|`, ""), "|") != 6 && strings.Count(l, "|") != 3 {
			t.Errorf("row with wrong column count: %s", l)
		}
	}
}

func TestCap(t *testing.T) {
	r := reporttest.Empty()
	for i := range 7 {
		r.Findings = append(r.Findings, finding.Finding{
			RuleID: fmt.Sprintf("rule-%d", i), Severity: finding.High, Message: "m", Resource: "r",
			Location: document.Range{File: "a.tf", Line: i + 1, Column: 1},
		})
	}
	out := render(t, r, Options{MaxFindings: 5})
	if n := strings.Count(out, "| high | `rule-"); n != 5 {
		t.Errorf("%d rows, want 5", n)
	}
	if !strings.Contains(out, "_…and 2 more findings not shown._") {
		t.Errorf("no overflow line:\n%s", out)
	}
	if out := render(t, r, Options{MaxFindings: -1}); strings.Contains(out, "more finding") || strings.Count(out, "| high | `rule-") != 7 {
		t.Errorf("negative cap must show everything:\n%s", out)
	}
}

func TestEscaping(t *testing.T) {
	for in, want := range map[string]string{
		"[click](https://evil.example)": `[click]\(https://evil.example)`,
		"![img](x)":                     `![img]\(x)`,
		"<script>":                      `\<script\>`,
		"a_b*c`d":                       "a\\_b\\*c\\`d",
		reporttest.Redacted:             reporttest.Redacted,
	} {
		if got := text(in); got != want {
			t.Errorf("text(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"a|b": "`a\\|b`", "x`y": "`` x`y ``", "": ""} {
		if got := code(in); got != want {
			t.Errorf("code(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRedactedPassesThrough(t *testing.T) {
	out := render(t, reporttest.WithRedactions(), Options{})
	// Finding message (table) and diagnostic; the table has no related locations.
	if n := strings.Count(out, reporttest.Redacted); n != 2 {
		t.Errorf("%d placeholders, want 2:\n%s", n, out)
	}
}
