// Command tollgate is a security gate for CI/CD pipelines: it scans what a
// pipeline is about to deploy and blocks it when it breaks policy.
//
// The command only wires flags to the stages (discover, scan, evaluate,
// gate, report); each stage lives in its own package.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/buildinfo"
	"github.com/tollgate-dev/tollgate/internal/gctune"
	"github.com/tollgate-dev/tollgate/policies"
	"github.com/tollgate-dev/tollgate/suggest"
)

// version and commit are set at build time with
// -ldflags "-X main.version=v1.2.3 -X main.commit=$(git rev-parse HEAD)"
// (scripts/release). The policy digest is computed, never stamped.
var (
	version = ""
	commit  = ""
)

func main() {
	gctune.Start()
	stopProfile := startProfile(os.Getenv("TOLLGATE_CPUPROFILE"), os.Stderr)
	stopHeapProfile := startHeapProfile(os.Getenv("TOLLGATE_MEMPROFILE"), os.Stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	stopHeapProfile()
	stopProfile()
	os.Exit(code)
}

// startProfile writes a CPU profile of the whole process to path when it is
// set (bench/ and performance work read it with 'go tool pprof'); a profile
// that cannot be started is reported and the run goes on without it.
func startProfile(path string, stderr io.Writer) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(stderr, "tollgate: TOLLGATE_CPUPROFILE: %v\n", err)
		if f != nil {
			f.Close()
		}
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

const usage = `tollgate: a security gate for infrastructure code and container images.

Usage:
  tollgate scan [flags] [PATH...]   scan files and directories (default .)
  tollgate inspect FILE             print the Rego input documents of a file
  tollgate hook install|uninstall   manage a git pre-commit hook running 'scan --staged'
  tollgate rules [--format json]    list the loaded rules
  tollgate explain RULE-ID          what a rule checks and how to fix it
  tollgate merge REPORT.json...     combine the JSON reports of sharded scans
  tollgate checksum write|verify    record artifacts' SHA-256 in a manifest; verify them later
  tollgate policy test|lib export   test your own rules; export the Rego library for opa
  tollgate promote --attestation F  promote only what a passing, attested scan covered
  tollgate version                  print the version, commit and built-in policy digest

Run 'tollgate COMMAND --help' for a command's flags.
Exit codes: 0 passed, 1 blocked by findings, 2 could not decide.
`

// run is main without the process: tests call it directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	env := &environment{ctx: ctx, stdout: stdout, stderr: stderr}
	switch args[0] {
	case "scan":
		return env.scan(args[1:])
	case "inspect":
		return env.inspect(args[1:])
	case "hook":
		return env.hook(args[1:])
	case "rules":
		return env.rules(args[1:])
	case "merge":
		return env.merge(args[1:])
	case "checksum":
		return env.checksum(args[1:])
	case "policy":
		return env.policy(args[1:])
	case "explain":
		return env.explain(args[1:])
	case "promote":
		return env.promote(args[1:])
	case "version", "--version":
		info, err := buildinfo.Read(version, commit, policies.FS)
		if err != nil {
			return env.errorf("version: %v", err)
		}
		fmt.Fprint(stdout, info)
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "tollgate: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
}

// environment is what every subcommand writes to; no globals.
type environment struct {
	ctx    context.Context
	stdout io.Writer
	stderr io.Writer
}

func (e *environment) errorf(format string, a ...any) int {
	fmt.Fprintf(e.stderr, "tollgate: "+format+"\n", a...)
	return 2
}

// parseFlags parses a subcommand's flags. On --help it prints the usage to
// standard output and asks the caller to exit 0; on a bad flag it prints the
// error, a suggestion when a flag name is close, and where the help is,
// and asks for exit 2 (the whole usage would bury the error).
func (e *environment) parseFlags(fs *pflag.FlagSet, args []string) (ok bool, code int) {
	usage := fs.Usage
	fs.Usage = func() {} // pflag calls it on --help; printed below
	err := fs.Parse(args)
	fs.Usage = usage
	switch {
	case err == nil:
		return true, 0
	case errors.Is(err, pflag.ErrHelp):
		out := fs.Output()
		fs.SetOutput(e.stdout)
		fs.Usage()
		fs.SetOutput(out)
		return false, 0
	default:
		fmt.Fprintf(e.stderr, "tollgate %s: %v%s\nRun 'tollgate %s --help' for its flags.\n", fs.Name(), err, suggestFlag(fs, err), fs.Name())
		return false, 2
	}
}

// suggestFlag proposes the flag closest to an unknown one.
func suggestFlag(fs *pflag.FlagSet, err error) string {
	_, name, ok := strings.Cut(err.Error(), "unknown flag: --")
	if !ok {
		return ""
	}
	var names []string
	fs.VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	best, ok := suggest.Closest(name, names, suggest.Within(len(name), 2))
	if !ok {
		return ""
	}
	return fmt.Sprintf(" (did you mean --%s?)", best)
}

// flagUsages renders a flag set's help: flag, value name and text, without
// pflag's "[=true|false]" on switches or Go type names as value names
// (a flag's usage names its value in backquotes: "`MODE`").
func flagUsages(fs *pflag.FlagSet) string {
	type row struct{ flag, text string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name, text := pflag.UnquoteUsage(f)
		flag := "    "
		if f.Shorthand != "" {
			flag = "-" + f.Shorthand + ", "
		}
		flag += "--" + f.Name
		switch f.Value.Type() {
		case "bool":
		default:
			if name == "" || name == f.Value.Type() || name == "stringArray" || name == "strings" {
				name = "VALUE"
			}
			flag += " " + name
		}
		if def := f.DefValue; def != "" && def != "false" && def != "[]" && def != "0" && def != "0s" {
			text += fmt.Sprintf(" (default %s)", def)
		}
		rows = append(rows, row{flag, text})
		width = max(width, len(flag))
	})
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "  %-*s   %s\n", width, r.flag, r.text)
	}
	return b.String()
}

func toolVersion() string { return buildinfo.Version(version) }
