package modsource

import (
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		src  string
		want Source
	}{
		{"terraform-aws-modules/sqs/aws", Source{Kind: KindRegistry, Host: DefaultRegistry, Namespace: "terraform-aws-modules", Name: "sqs", Provider: "aws"}},
		{"app.terraform.io/Org/vpc/aws//modules/x", Source{Kind: KindRegistry, Host: "app.terraform.io", Namespace: "Org", Name: "vpc", Provider: "aws", Subdir: "modules/x"}},
		{"127.0.0.1:8443/acme/sqs/aws", Source{Kind: KindRegistry, Host: "127.0.0.1:8443", Namespace: "acme", Name: "sqs", Provider: "aws"}},
		{"git::https://example.com/infra.git//modules/vpc?ref=v1.2.3", Source{Kind: KindGit, URL: "https://example.com/infra.git", Ref: "v1.2.3", Subdir: "modules/vpc"}},
		{"git::ssh://git@example.com/infra.git?ref=main&depth=1", Source{Kind: KindGit, URL: "ssh://git@example.com/infra.git", Ref: "main"}},
		{"github.com/hashicorp/example//sub?ref=v1", Source{Kind: KindGit, URL: "https://github.com/hashicorp/example.git", Ref: "v1", Subdir: "sub"}},
		{"github.com/hashicorp/example/aws", Source{Kind: KindGit, URL: "https://github.com/hashicorp/example.git", Subdir: "aws"}},
		{"git@github.com:org/repo.git//x?ref=abc", Source{Kind: KindGit, URL: "ssh://git@github.com/org/repo.git", Ref: "abc", Subdir: "x"}},
		{"git::git@github.com:org/repo.git", Source{Kind: KindGit, URL: "ssh://git@github.com/org/repo.git"}},
		{"git::file:///srv/repo.git//m", Source{Kind: KindGit, URL: "file:///srv/repo.git", Subdir: "m"}},
		{"https://example.com/vpc.zip//*", Source{Kind: KindArchive, URL: "https://example.com/vpc.zip", Archive: "zip", Subdir: "*"}},
		{"https://example.com/get?archive=tar.gz&token=x", Source{Kind: KindArchive, URL: "https://example.com/get?token=x", Archive: "tar.gz"}},
	}
	for _, c := range cases {
		got, err := Parse(c.src)
		if err != nil || got != c.want {
			t.Errorf("Parse(%q) = %+v, %v\nwant %+v", c.src, got, err, c.want)
		}
	}
	for _, src := range []string{"s3::https://s3.amazonaws.com/b/m.zip", "bitbucket.org/org/repo", "hg::https://example.com/r",
		"https://example.com/page", "git::https://example.com/r.git?sshkey=AAAA", "gcs::https://x/y"} {
		if _, err := Parse(src); !errors.Is(err, ErrUnsupported) {
			t.Errorf("Parse(%q) = %v, want ErrUnsupported", src, err)
		}
	}
	for _, src := range []string{"./local", "../up", "/abs", "git::https://example.com/r.git?ref=--upload-pack=x"} {
		if _, err := Parse(src); err == nil {
			t.Errorf("Parse(%q) accepted", src)
		}
	}
	if !IsRegistry("hashicorp/consul/aws") || IsRegistry("github.com/hashicorp/consul") {
		t.Error("IsRegistry")
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"git::https://oauth2:glpat-secret@gitlab.com/g/r.git?ref=v1": "git::https://REDACTED@gitlab.com/g/r.git?ref=v1",
		"https://ghp_token@github.com/o/r.git":                       "https://REDACTED@github.com/o/r.git",
		"ssh://git@github.com/o/r.git":                               "ssh://git@github.com/o/r.git",
		"https://bucket.s3.amazonaws.com/m.zip?X-Amz-Signature=abc":  "https://bucket.s3.amazonaws.com/m.zip?X-Amz-Signature=REDACTED",
		// A scheme-relative reference has an authority too (found by
		// FuzzParse).
		"//deploy:s3cr3t@host/m.zip": "//REDACTED@host/m.zip",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzParse: any source parses or fails without a panic; what parses holds
// only what fetching relies on; Redact never shows a URL's password.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"terraform-aws-modules/sqs/aws", "app.terraform.io/o/n/p//m", "git::https://u:p4ss@h/r.git//s?ref=v1",
		"github.com/o/r/x?ref=1", "git@h:o/r.git", "https://h/m.tgz//*?archive=zip", "git::ssh://git@h/r?depth=1&ref=-x", "https://u:p4ssw0rd@h/m.zip", "ssh://git:p4ssw0rd@h/r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s, err := Parse(src)
		if err == nil {
			switch s.Kind {
			case KindRegistry:
				if !registryPart.MatchString(s.Namespace) || !registryPart.MatchString(s.Name) || !registryProv.MatchString(s.Provider) || s.Host == "" {
					t.Errorf("Parse(%q) = %+v", src, s)
				}
			case KindGit:
				u, err := url.Parse(s.URL)
				if err != nil || !slices.Contains([]string{"https", "http", "ssh", "file"}, u.Scheme) || strings.HasPrefix(s.Ref, "-") {
					t.Errorf("Parse(%q) = %+v", src, s)
				}
			case KindArchive:
				if archiveType(strings.TrimPrefix(archiveSuffix(s.Archive), ".")) == "" || !strings.HasPrefix(s.URL, "http") {
					t.Errorf("Parse(%q) = %+v", src, s)
				}
			default:
				t.Errorf("Parse(%q): kind %d", src, s.Kind)
			}
		}
		u, err := url.Parse(src)
		if err != nil || u.User == nil {
			return
		}
		pass, ok := u.User.Password()
		rest := strings.Replace(src, u.User.String(), "", 1)
		if ok && len(pass) >= 4 && !strings.Contains(rest, pass) && strings.Contains(Redact(src), pass) {
			t.Errorf("Redact(%q) = %q shows the password", src, Redact(src))
		}
	})
}

func archiveSuffix(typ string) string {
	for _, a := range archiveSuffixes {
		if a.typ == typ {
			return a.suffix
		}
	}
	return ""
}
