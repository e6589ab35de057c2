package credentials

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rs/zerolog"
	"github.com/zricethezav/gitleaks/v8/logging"
)

// Test values are assembled from parts so that this file itself does not
// trip secret scanners (tollgate's own included).
var (
	awsKeyID   = "AKIA" + "QWERTYUIOPASDFGH"
	awsSecret  = "kX9f2Lq8" + "Vn3Rt7Yw" + "Zb1Mc5Pd" + "Hs4Jg6Ke" + "Ta0Uo2Ri"
	ghToken    = "ghp_" + "R8zLq2Wm9Xv4Tn6Yb3Kc7Pd1Hs5Jg0Fa2Ue8"
	slackHook  = "https://hooks.slack.com/services/" + "T0ABCDEFG/B0HIJKLMN/" + "q8Wm2Xv4Tn6Yb3Kc7Pd1Hs5J"
	privKey    = "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\naFDrBz9vFqU4yXMTc5m2dw2B6x0VQz2p8TgFyK4u1HvI5o2GDHnlGVRUlK9z3Lxn\n-----END " + "RSA PRIVATE KEY-----\n"
	dbPassword = "Tr0ub4dor-3x"
)

func find(t *testing.T, path, text string) []Match {
	t.Helper()
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return d.Find(path, text)
}

func TestFindsEachKind(t *testing.T) {
	cases := []struct {
		name, text, rule, secret string
		line, col                int
	}{
		{"aws key id", "AWS_ACCESS_KEY_ID=" + awsKeyID + "\n", "aws-access-token", awsKeyID, 1, 19},
		{"aws secret by name", "# creds\naws_secret_access_key = " + awsSecret + "\n", "aws-secret-access-key", awsSecret, 2, 25},
		{"github token", "token: " + ghToken + "\n", "github-pat", ghToken, 1, 8},
		{"slack webhook", "hook: " + slackHook + "\n", "slack-webhook-url", "", 1, 7},
		{"private key", "x\n" + privKey, "private-key", "", 2, 1},
		{"postgres url", "DATABASE_URL=postgres://app:" + dbPassword + "@db.internal:5432/app\n", "database-url-password", dbPassword, 1, 29},
		{"mongodb+srv url", `uri = "mongodb+srv://admin:` + dbPassword + `@cluster0.mongodb.net/db"`, "database-url-password", dbPassword, 1, 28},
		{"redis url", "REDIS=redis://:" + dbPassword + "@cache:6379/0", "database-url-password", dbPassword, 1, 16},
		{"amqp url", "amqp://guest:" + dbPassword + "@rabbit/", "database-url-password", dbPassword, 1, 14},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ms := find(t, "f.txt", c.text)
			for _, m := range ms {
				if m.RuleID != c.rule {
					continue
				}
				if c.secret != "" && m.Secret != c.secret {
					t.Errorf("secret = %q, want %q", m.Secret, c.secret)
				}
				if m.Line != c.line || m.Column != c.col {
					t.Errorf("at %d:%d, want %d:%d", m.Line, m.Column, c.line, c.col)
				}
				if !strings.Contains(c.text, m.Secret) {
					t.Errorf("secret %q not in text", m.Secret)
				}
				return
			}
			t.Fatalf("no %s match in %q: %+v", c.rule, c.text, ms)
		})
	}
}

func TestAWSSecretNextToKeyID(t *testing.T) {
	text := "[default]\nkey = " + awsKeyID + "\nvalue = " + awsSecret + "\n"
	for _, m := range find(t, "config", text) {
		if m.RuleID == "aws-secret-access-key-paired" && m.Secret == awsSecret && m.Line == 3 && m.Column == 9 {
			return
		}
	}
	t.Fatalf("secret next to key id not found: %+v", find(t, "config", text))
}

func TestAWSSecretFarFromKeyIDIsNotPaired(t *testing.T) {
	text := "key = " + awsKeyID + "\n\n\n\n\n\nvalue = " + awsSecret + "\n"
	for _, m := range find(t, "config", text) {
		if m.RuleID == "aws-secret-access-key-paired" {
			t.Fatalf("paired a value six lines away: %+v", m)
		}
	}
}

func TestPlaceholdersAreNotSecrets(t *testing.T) {
	for _, text := range []string{
		"AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n",
		"aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
		"DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app\n",
		"DATABASE_URL=postgres://app:$DB_PASSWORD@db:5432/app\n",
		"DATABASE_URL=postgres://app:<password>@db:5432/app\n",
		"DATABASE_URL=postgres://app:changeme@db:5432/app\n",
		"DATABASE_URL=postgres://app:password@db:5432/app\n",
		"DATABASE_URL=postgres://app:{{resolve:secretsmanager:db:SecretString:password}}@db/app\n",
		"api_key: ${{ secrets.API_KEY }}\n",
		"api_key = \"your-api-key\"\n",
		"api_key = \"xxxxxxxxxxxxxxxxxxxxxxxx\"\n",
		"token: {{ .Values.token }}\n",
		"postgres://user@host/db\n",
	} {
		if ms := find(t, "f.env", text); len(ms) != 0 {
			t.Errorf("%q: placeholder reported: %+v", text, ms)
		}
	}
}

func TestBinaryLikeAndEmptyInput(t *testing.T) {
	if ms := find(t, "f", ""); ms != nil {
		t.Fatalf("empty text: %+v", ms)
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFind(b *testing.B) {
	d, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for i := 0; i < 2000; i++ {
		sb.WriteString("func handler(w http.ResponseWriter, r *http.Request) { log.Printf(\"request %s\", r.URL) }\n")
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		d.Find("main.go", text)
	}
}

func TestFindFormatsLeavesOutNameBasedRules(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	text := "api_key = \"3fQ9a8Zb7c6Xd5e4W\"\nAWS_ACCESS_KEY_ID=" + awsKeyID + "\n"
	rules := func(ms []Match) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.RuleID)
		}
		return out
	}
	if got := rules(d.Find("f", text)); strings.Join(got, ",") != "generic-api-key,aws-access-token" {
		t.Errorf("Find = %v", got)
	}
	if got := rules(d.FindFormats("f", text)); strings.Join(got, ",") != "aws-access-token" {
		t.Errorf("FindFormats = %v", got)
	}
}

// gitleaks' inline allow comment must not wave a credential through: only
// tollgate's suppressions, which need a reason, do.
func TestGitleaksAllowCommentIsIgnored(t *testing.T) {
	ms := find(t, "f.env", "AWS_ACCESS_KEY_ID="+awsKeyID+" # gitleaks:allow\n")
	if len(ms) != 1 {
		t.Fatalf("matches = %+v, want the key despite gitleaks:allow", ms)
	}
}

// gitleaks logs to stderr through a package logger, at trace level with the
// secrets it skips; the detector silences it before first use.
func TestGitleaksLoggerIsSilenced(t *testing.T) {
	if _, err := New(); err != nil {
		t.Fatal(err)
	}
	if lvl := logging.Logger.GetLevel(); lvl != zerolog.Disabled {
		t.Fatalf("gitleaks logger level %v, want disabled", lvl)
	}
}

// TestKeywordGateFindsWhatGitleaksFinds checks the shortcut for text
// without any rule keyword against gitleaks run on every text: the same
// matches whether the gate lets the text through or not (texts with and
// without keywords, in other case, credentials and a keyword-less,
// path-based rule).
func TestKeywordGateFindsWhatGitleaksFinds(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"t3.micro",
		"RUN apt-get update && apt-get install -y curl",
		"AWS_ACCESS_KEY_ID=" + awsKeyID + "\n",
		"aws_access_key_id = " + strings.ToLower(awsKeyID) + "\n",
		"Key: " + awsKeyID,
		"password = \"3fQ9a8Zb7c6Xd5e4W\"",
		"api_key = \"3fQ9a8Zb7c6Xd5e4W\"\n",
		"-----BEGIN RSA PRIVATE KEY-----\n" + strings.Repeat("MIIEowIBAAKCAQEA", 6) + "\n-----END RSA PRIVATE KEY-----\n",
		"nothing to see here",
	}
	shortcuts := 0
	for _, g := range []*gated{d.all(), d.formats} {
		for _, path := range []string{"", "main.tf", "certs/client.p12"} {
			for _, text := range texts {
				if g.keywords.MatchFirstString(strings.ToLower(text)) == nil {
					shortcuts++
				}
				got := positioned(text, g.detect(path, text))
				want := positioned(text, (&gated{all: g.all}).detect(path, text))
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s %q: gate found %+v, gitleaks %+v", path, text, got, want)
				}
			}
		}
	}
	if shortcuts == 0 {
		t.Fatal("no text took the shortcut: the test checks nothing")
	}
}
