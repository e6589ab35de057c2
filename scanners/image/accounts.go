package image

import (
	"fmt"
	"strconv"
	"strings"
)

// Account databases read from the final filesystem. /etc/shadow holds
// password hashes: it is parsed here so that the policy input says only
// whether each account's password is empty, locked or set, never the hash.
const (
	passwdPath  = "/etc/passwd"
	shadowPath  = "/etc/shadow"
	gshadowPath = "/etc/gshadow"
)

// maxAccountFile bounds how much of an account database is read. Real
// images hold a few dozen accounts (a few KiB); a larger file is reported
// as unchecked rather than read without limit.
const maxAccountFile = 1 << 20

// accountFile reports whether p is an account database whose content the
// scanner reads to build the accounts list.
func accountFile(p string) bool {
	return p == passwdPath || p == shadowPath
}

// secretFile reports whether p holds password hashes, whose content must
// never reach the policy input.
func secretFile(p string) bool {
	return p == shadowPath || p == gshadowPath
}

// Password states of an account.
const (
	PasswordEmpty   = "empty"   // anyone may log in without a password
	PasswordLocked  = "locked"  // no password login ("!", "*", "!hash")
	PasswordSet     = "set"     // a hash
	PasswordUnknown = "unknown" // "x" in passwd with no readable shadow entry
)

// Account is one /etc/passwd entry, with its password state resolved
// against /etc/shadow.
type Account struct {
	Name     string
	UID, GID int64
	Home     string
	Shell    string
	Password string // one of the Password* states
	// PasswordFrom is the file that decided Password (/etc/passwd or
	// /etc/shadow), "" when unknown.
	PasswordFrom string
	Line         int // line in /etc/passwd
	PasswordLine int // line in PasswordFrom, 0 when unknown
}

// parsePasswd reads /etc/passwd the way glibc's files backend does: blank
// lines, comments, NIS compat lines (+/-) and lines without seven fields
// or with a non-numeric uid or gid are not accounts, so they are skipped.
func parsePasswd(b []byte) []Account {
	var out []Account
	for i, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSuffix(l, "\r")
		if l == "" || l[0] == '#' || l[0] == '+' || l[0] == '-' {
			continue
		}
		f := strings.Split(l, ":")
		if len(f) != 7 || f[0] == "" {
			continue
		}
		uid, err1 := strconv.ParseInt(f[2], 10, 64)
		gid, err2 := strconv.ParseInt(f[3], 10, 64)
		if err1 != nil || err2 != nil || uid < 0 || gid < 0 {
			continue
		}
		a := Account{Name: f[0], UID: uid, GID: gid, Home: f[5], Shell: f[6], Line: i + 1}
		if f[1] != "x" {
			a.Password, a.PasswordFrom, a.PasswordLine = passwordState(f[1]), passwdPath, a.Line
		}
		out = append(out, a)
	}
	return out
}

// shadowEntry is what is kept of an /etc/shadow line: never the hash.
type shadowEntry struct {
	state string // one of the Password* states
	line  int
}

// parseShadow maps each account name in /etc/shadow to its password state
// and line. The first entry of a name wins, as in glibc.
func parseShadow(b []byte) map[string]shadowEntry {
	out := map[string]shadowEntry{}
	for i, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSuffix(l, "\r")
		if l == "" || l[0] == '#' || l[0] == '+' || l[0] == '-' {
			continue
		}
		name, rest, ok := strings.Cut(l, ":")
		if !ok || name == "" {
			continue
		}
		pw, _, _ := strings.Cut(rest, ":")
		if _, seen := out[name]; !seen {
			out[name] = shadowEntry{state: passwordState(pw), line: i + 1}
		}
	}
	return out
}

// passwordState classifies a password field without keeping it. "!" and
// "*" prefixes lock an account (passwd -l prepends "!"), and any other
// value too short to be a crypt(3) hash cannot be matched by a password.
func passwordState(pw string) string {
	switch {
	case pw == "":
		return PasswordEmpty
	case strings.HasPrefix(pw, "!"), strings.HasPrefix(pw, "*"):
		return PasswordLocked
	case len(pw) < 13:
		// The shortest crypt(3) hash (DES) is 13 characters: "x" left in
		// shadow, "NP", "LK" and the like match no password.
		return PasswordLocked
	}
	return PasswordSet
}

// accounts builds the account list from the final filesystem: passwd
// entries with password states resolved against shadow. An image without
// /etc/passwd has no accounts; one whose passwd or shadow cannot be read
// (not a regular file, too large) is an error, not an image without
// findings.
func accounts(files map[string]*File) ([]Account, error) {
	pw, ok := files[passwdPath]
	if !ok {
		return nil, nil
	}
	if err := readable(pw); err != nil {
		return nil, err
	}
	list := parsePasswd(pw.Content)
	var shadow map[string]shadowEntry
	if sh, ok := files[shadowPath]; ok {
		if err := readable(sh); err != nil {
			return nil, err
		}
		shadow = parseShadow(sh.Content)
	}
	for i := range list {
		a := &list[i]
		if a.PasswordFrom != "" {
			continue
		}
		if e, ok := shadow[a.Name]; ok {
			a.Password, a.PasswordFrom, a.PasswordLine = e.state, shadowPath, e.line
		} else {
			a.Password = PasswordUnknown
		}
	}
	return list, nil
}

// readable checks that an account database was read whole.
func readable(f *File) error {
	switch {
	case f.Type != "file":
		return fmt.Errorf("%s is a %s, not a regular file: accounts cannot be checked", f.Path, f.Type)
	case f.Size > maxAccountFile:
		return fmt.Errorf("%s is %d bytes, more than %d: accounts cannot be checked", f.Path, f.Size, maxAccountFile)
	case int64(len(f.Content)) != f.Size:
		return fmt.Errorf("%s: read %d of %d bytes: accounts cannot be checked", f.Path, len(f.Content), f.Size)
	}
	return nil
}

// accountValue renders an account for the Rego input but for its
// password state, which places.accounts puts with the line that decided it.
func accountValue(a Account) map[string]any {
	return map[string]any{
		"name":          a.Name,
		"uid":           a.UID,
		"gid":           a.GID,
		"home":          a.Home,
		"shell":         a.Shell,
		"password_from": a.PasswordFrom,
		"line":          int64(a.Line),
	}
}
