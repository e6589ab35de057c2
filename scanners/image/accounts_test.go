package image

import (
	"archive/tar"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
)

// A sha512-crypt hash of no real password: its text must never reach the
// input, whatever the account's state.
const testHash = "$6$c2FsdHNhbHQ$3kQ9Jb1ZVvYy8F2xqz7k5Yb6m0a1N2pQ3rS4tU5vW6xY7zA8bC9dE0fG1hI2jK3lM4nO5pQ6rS7tU8vW9xY0z."

func TestParsePasswd(t *testing.T) {
	got := parsePasswd([]byte("# comment\n" +
		"root:x:0:0:root:/root:/bin/bash\r\n" +
		"\n" +
		"guest::1001:1001::/home/guest:/bin/sh\n" +
		"+::::::\n" +
		"broken:x:12:12\n" +
		"baduid:x:abc:1:::\n" +
		"legacy:" + testHash + ":1002:1002::/home/legacy:/bin/sh\n" +
		"nologin:*:65534:65534:nobody:/nonexistent:/usr/sbin/nologin"))
	want := []Account{
		{Name: "root", UID: 0, GID: 0, Home: "/root", Shell: "/bin/bash", Line: 2},
		{Name: "guest", UID: 1001, GID: 1001, Home: "/home/guest", Shell: "/bin/sh", Password: PasswordEmpty, PasswordFrom: passwdPath, Line: 4, PasswordLine: 4},
		{Name: "legacy", UID: 1002, GID: 1002, Home: "/home/legacy", Shell: "/bin/sh", Password: PasswordSet, PasswordFrom: passwdPath, Line: 8, PasswordLine: 8},
		{Name: "nologin", UID: 65534, GID: 65534, Home: "/nonexistent", Shell: "/usr/sbin/nologin", Password: PasswordLocked, PasswordFrom: passwdPath, Line: 9, PasswordLine: 9},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parsePasswd:\n got %+v\nwant %+v", got, want)
	}
}

func TestPasswordState(t *testing.T) {
	for pw, want := range map[string]string{
		"":              PasswordEmpty,
		"!":             PasswordLocked,
		"!!":            PasswordLocked,
		"*":             PasswordLocked,
		"!" + testHash:  PasswordLocked,
		"*LK*":          PasswordLocked,
		"x":             PasswordLocked,
		"NP":            PasswordLocked,
		testHash:        PasswordSet,
		"abcdefghijklm": PasswordSet, // DES crypt is 13 characters
	} {
		if got := passwordState(pw); got != want {
			t.Errorf("passwordState(%q) = %s, want %s", pw, got, want)
		}
	}
}

func accountImageDoc(t *testing.T, entries []entry) (map[string]any, error) {
	t.Helper()
	img, err := mutate.AppendLayers(empty.Image, tarLayer(t, entries))
	if err != nil {
		t.Fatal(err)
	}
	s := &Scanner{}
	res, err := s.ScanSource(t.Context(), Source{Layout: writeLayout(t, img)})
	if err != nil {
		return nil, err
	}
	return res.Documents[0].Input, nil
}

// TestAccountsInput: passwd entries are resolved against shadow into
// password states; shadow's content (hashes) appears nowhere in the input.
func TestAccountsInput(t *testing.T) {
	in, err := accountImageDoc(t, []entry{
		{name: "etc/passwd", body: "root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001::/app:/sbin/nologin\nops:x:0:0::/root:/bin/sh\nghost:x:42:42::/:/bin/sh\n"},
		{name: "etc/shadow", body: "root::19000:0:99999:7:::\napp:!:19000::::::\nops:" + testHash + ":19000::::::\n", mode: 0o640},
		{name: "etc/gshadow", body: "root:" + testHash + "::\n", mode: 0o640},
	})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "c2FsdHNhbHQ") {
		t.Fatalf("a password hash reached the input: %s", raw)
	}
	var got []string
	for _, a := range in["accounts"].([]any) {
		m := a.(map[string]any)
		got = append(got, m["name"].(string)+" "+m["password"].(string)+" "+m["password_from"].(string))
	}
	want := []string{"root empty /etc/shadow", "app locked /etc/shadow", "ops set /etc/shadow", "ghost unknown "}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("accounts = %q, want %q", got, want)
	}
}

// TestAccountsUncheckable: a passwd that is not a regular file, or too
// large to read, fails the scan rather than passing with no accounts.
func TestAccountsUncheckable(t *testing.T) {
	for name, entries := range map[string][]entry{
		"symlink":   {{name: "etc/passwd", typ: tar.TypeSymlink, link: "/usr/share/passwd"}},
		"too large": {{name: "etc/passwd", body: strings.Repeat("#", maxAccountFile+1)}},
		"shadow dir": {
			{name: "etc/passwd", body: "root:x:0:0::/root:/bin/sh\n"},
			{name: "etc/shadow", typ: tar.TypeDir, mode: 0o755},
		},
	} {
		_, err := accountImageDoc(t, entries)
		if err == nil || !strings.Contains(err.Error(), "accounts cannot be checked") {
			t.Errorf("%s: err = %v, want accounts cannot be checked", name, err)
		}
	}
	in, err := accountImageDoc(t, []entry{{name: "app/server", body: "#!/bin/sh\n"}})
	if err != nil {
		t.Fatal(err)
	}
	if a := in["accounts"].([]any); len(a) != 0 {
		t.Errorf("image without /etc/passwd has accounts %v", a)
	}
}

func FuzzAccounts(f *testing.F) {
	f.Add([]byte("root:x:0:0:root:/root:/bin/sh\nguest::1:1::/:/bin/sh\n"), []byte("root:"+testHash+":1::::::\nguest:!::\n"))
	f.Add([]byte("+::::::\n:x:0:0:::\n"), []byte("\r\n#x\n:"))
	f.Fuzz(func(t *testing.T, passwd, shadow []byte) {
		files := map[string]*File{
			passwdPath: {Path: passwdPath, Type: "file", Size: int64(len(passwd)), Content: passwd},
			shadowPath: {Path: shadowPath, Type: "file", Size: int64(len(shadow)), Content: shadow},
		}
		list, err := accounts(files)
		if err != nil {
			if len(passwd) <= maxAccountFile && len(shadow) <= maxAccountFile {
				t.Fatalf("readable files rejected: %v", err)
			}
			return
		}
		for _, a := range list {
			if a.Name == "" || strings.Contains(a.Name, ":") || a.UID < 0 || a.GID < 0 {
				t.Fatalf("bad account %+v", a)
			}
			switch a.Password {
			case PasswordEmpty, PasswordLocked, PasswordSet, PasswordUnknown:
			default:
				t.Fatalf("password state %q", a.Password)
			}
		}
	})
}
