package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/checksum"
	"github.com/tollgate-dev/tollgate/scanners/image"
)

const checksumUsage = `Usage:
  tollgate checksum write [PATH...] [--image REF...] [-o FILE] [--format text|json]
  tollgate checksum verify [-q] MANIFEST

write records the SHA-256 of files, directories (a tree hash over their
files, modes and symlinks) and registry images (their digest) in a manifest;
verify re-hashes them: exit 0 when all match, 1 listing what changed, is
missing or was added, 2 when the manifest is malformed or an artifact
cannot be read. Paths are relative to the working directory, as for
sha256sum, which verifies the plain-file lines of a text manifest; verify
also reads any SHA256SUMS file sha256sum wrote. See docs/checksum.md.
`

// checksum runs `tollgate checksum write|verify`.
func (e *environment) checksum(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, checksumUsage)
		return 2
	}
	switch args[0] {
	case "write":
		return e.checksumWrite(args[1:])
	case "verify":
		return e.checksumVerify(args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(e.stdout, checksumUsage)
		return 0
	default:
		fmt.Fprintf(e.stderr, "tollgate checksum: unknown command %q\n\n%s", args[0], checksumUsage)
		return 2
	}
}

func (e *environment) checksumFlags(name string) (*pflag.FlagSet, *[]string) {
	fs := pflag.NewFlagSet("checksum "+name, pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	insecure := fs.StringArray("insecure-registry", nil, "reach registry `HOST` over plain HTTP (loopback registries always are), repeatable")
	fs.Usage = func() { fmt.Fprintf(fs.Output(), "%s\nFlags:\n%s", checksumUsage, flagUsages(fs)) }
	return fs, insecure
}

func (e *environment) checksumWrite(args []string) int {
	fs, insecure := e.checksumFlags("write")
	images := fs.StringArray("image", nil, "record the digest of registry image `REF`, repeatable")
	out := fs.StringP("output", "o", "-", "write the manifest to `FILE` (- is standard output)")
	format := fs.String("format", checksum.FormatText, "manifest form: text (sha256sum) or json (lists every file of each directory)")
	if ok, code := e.parseFlags(fs, args); !ok {
		return code
	}
	if *format != checksum.FormatText && *format != checksum.FormatJSON {
		return e.errorf("checksum write: --format %q: want text or json", *format)
	}
	if fs.NArg() == 0 && len(*images) == 0 {
		return e.errorf("checksum write: nothing to record: give PATHs or --image REFs")
	}
	if *out != "-" {
		if err := outsideHashed(*out, fs.Args()); err != nil {
			return e.errorf("checksum write: %v", err)
		}
	}
	m, err := checksum.Build(e.ctx, fs.Args(), *images, checksum.Options{Image: image.Options{Insecure: *insecure}})
	if err != nil {
		return e.errorf("checksum write: %v", err)
	}
	var buf bytes.Buffer
	if *format == checksum.FormatJSON {
		err = m.WriteJSON(&buf)
	} else {
		err = m.WriteText(&buf)
	}
	if err != nil {
		return e.errorf("checksum write: %v", err)
	}
	if *out == "-" {
		_, err = e.stdout.Write(buf.Bytes())
	} else {
		err = writeFileAtomic(*out, buf.Bytes())
	}
	if err != nil {
		return e.errorf("checksum write: %v", err)
	}
	return 0
}

// outsideHashed refuses a manifest written into what it hashes: its own
// bytes would be part of the record and never verify.
func outsideHashed(out string, paths []string) error {
	o, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	for _, p := range paths {
		a, err := filepath.Abs(p)
		if err != nil {
			return err
		}
		if rel, err := filepath.Rel(a, o); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return fmt.Errorf("-o %s is inside %s, which the manifest records: write it elsewhere", out, p)
		}
	}
	return nil
}

// writeFileAtomic replaces name with data, so a reader never sees half a
// manifest.
func writeFileAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

func (e *environment) checksumVerify(args []string) int {
	fs, insecure := e.checksumFlags("verify")
	quiet := fs.BoolP("quiet", "q", false, "do not print a line for each artifact that matches")
	if ok, code := e.parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return e.errorf("checksum verify: want one MANIFEST, got %d arguments", fs.NArg())
	}
	file := fs.Arg(0)
	m, err := checksum.ReadFile(e.ctx, file)
	if err != nil {
		return e.errorf("checksum verify: %v", err)
	}
	rep := checksum.Verify(e.ctx, m, checksum.Options{Image: image.Options{Insecure: *insecure}})
	for _, r := range rep.Results {
		if r.Status == checksum.StatusOK && *quiet {
			continue
		}
		e.printResult(file, m.Format, r)
	}
	bad := len(rep.Results) - rep.Count(checksum.StatusOK)
	if bad == 0 {
		fmt.Fprintf(e.stdout, "checksum verify: all %d artifacts match %s\n", len(rep.Results), file)
	} else {
		fmt.Fprintf(e.stdout, "checksum verify: %d of %d artifacts do not match %s (%d changed, %d missing, %d unreadable)\n",
			bad, len(rep.Results), file, rep.Count(checksum.StatusChanged), rep.Count(checksum.StatusMissing), rep.Count(checksum.StatusUnreadable))
	}
	return rep.ExitCode()
}

// printResult writes one artifact's verdict as "MANIFEST:LINE: NAME:
// STATUS[: detail]", and under a changed directory one line per file.
func (e *environment) printResult(file, format string, r checksum.Result) {
	a := r.Artifact
	head := fmt.Sprintf("%s:%d: %s", file, a.Line, display(a.Name))
	switch r.Status {
	case checksum.StatusOK:
		fmt.Fprintf(e.stdout, "%s: OK\n", head)
	case checksum.StatusMissing:
		fmt.Fprintf(e.stdout, "%s: MISSING: %v\n", head, r.Err)
	case checksum.StatusUnreadable:
		fmt.Fprintf(e.stdout, "%s: UNREADABLE: %v\n", head, r.Err)
	case checksum.StatusChanged:
		switch {
		case r.Kind != "":
			fmt.Fprintf(e.stdout, "%s: CHANGED: is now a %s, the manifest records a %s\n", head, r.Kind, a.Kind)
		case a.Kind == checksum.KindImage:
			fmt.Fprintf(e.stdout, "%s: CHANGED: resolves to sha256:%s, the manifest records sha256:%s\n", head, r.Actual, a.SHA256)
		case a.Kind == checksum.KindFile:
			fmt.Fprintf(e.stdout, "%s: CHANGED: sha256 %s, the manifest records %s\n", head, r.Actual, a.SHA256)
		case a.Entries == nil:
			fmt.Fprintf(e.stdout, "%s: CHANGED: directory changed (the %s manifest does not list its files; --format json does)\n", head, format)
		default:
			fmt.Fprintf(e.stdout, "%s: CHANGED: %d files differ\n", head, len(r.Changes))
			for _, c := range r.Changes {
				p := display(strings.TrimSuffix(a.Name, "/") + "/" + c.Path)
				if c.Kind == checksum.ChangeMode {
					fmt.Fprintf(e.stdout, "  %-8s %s (%s, was %s)\n", c.Kind+":", p, c.Now.Mode, c.Was.Mode)
				} else {
					fmt.Fprintf(e.stdout, "  %-8s %s\n", c.Kind+":", p)
				}
			}
		}
	}
}

// display quotes a name holding control characters, so a crafted file
// name cannot forge lines of the report.
func display(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
		return strconv.Quote(s)
	}
	return s
}
