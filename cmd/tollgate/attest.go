package main

import (
	"context"
	"errors"
	"fmt"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/attest"
	"github.com/tollgate-dev/tollgate/attest/attach"
	"github.com/tollgate-dev/tollgate/fsread"
	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/scanners/image"
)

// Attestation forms `scan --attest-format` writes.
const (
	attestStatement = "statement"
	attestEnvelope  = "envelope"
	attestPredicate = "predicate"
)

// attestFlags are scan's attestation flags.
type attestFlags struct {
	file, key, format string
	attach            bool
}

func (f *attestFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.file, "attest", "", "write an in-toto attestation of what the scan covered and decided to `FILE` (docs/attestation.md)")
	fs.StringVar(&f.key, "attest-key", "", "sign the attestation in a DSSE envelope with this ed25519 or ECDSA PEM private key `FILE`")
	fs.StringVar(&f.format, "attest-format", "", "attestation `FORM`: envelope (signed; the default with --attest-key), statement (unsigned in-toto Statement; the default without) or predicate (the predicate alone, for cosign attest --predicate)")
	fs.BoolVar(&f.attach, "attach", false, "push the signed attestation next to each scanned --image in cosign's layout (the sha256-<digest>.att tag), where tollgate promote --image and cosign verify-attestation find it")
}

// attestRun is an attestation being made: checked before the scan, so a
// bad key or flag is exit 2 before anything is scanned.
type attestRun struct {
	flags    attestFlags
	key      *attest.Key
	coverage *pipeline.Coverage
	images   pipeline.Images
}

func (f *attestFlags) setup(images pipeline.Images) (*attestRun, error) {
	if f.file == "" {
		if f.key != "" || f.format != "" || f.attach {
			return nil, errors.New("--attest-key, --attest-format and --attach need --attest FILE")
		}
		return nil, nil
	}
	run := &attestRun{flags: *f, coverage: &pipeline.Coverage{Name: f.file}, images: images}
	if f.key != "" {
		b, err := fsread.ReadFile(context.Background(), f.key, fsread.MaxTextFile)
		if err != nil {
			return nil, fmt.Errorf("--attest-key: %w", err)
		}
		if run.key, err = attest.ParseKey(b); err != nil {
			return nil, fmt.Errorf("--attest-key %s: %w", f.key, err)
		}
		if !run.key.Private() {
			return nil, fmt.Errorf("--attest-key %s: a public key cannot sign: give the private key", f.key)
		}
	}
	switch run.flags.format {
	case "":
		run.flags.format = attestStatement
		if run.key != nil {
			run.flags.format = attestEnvelope
		}
	case attestEnvelope:
		if run.key == nil {
			return nil, errors.New("--attest-format envelope needs --attest-key: a DSSE envelope carries a signature")
		}
	case attestStatement, attestPredicate:
		if run.key != nil {
			return nil, fmt.Errorf("--attest-format %s is not signed: drop --attest-key, or write an envelope", run.flags.format)
		}
	default:
		return nil, fmt.Errorf("--attest-format %q: want envelope, statement or predicate", run.flags.format)
	}
	if f.attach && (run.key == nil || len(images.Refs) == 0) {
		return nil, errors.New("--attach needs --attest-key (cosign reads signed envelopes) and a registry --image to attach to")
	}
	return run, nil
}

// finish writes the attestation of a finished run, and attaches it.
func (a *attestRun) finish(ctx context.Context, e *environment) error {
	st := a.coverage.Statement
	var out []byte
	var err error
	switch a.flags.format {
	case attestPredicate:
		out, err = st.MarshalPredicate()
	default:
		out, err = st.Marshal()
		if err == nil && a.key != nil {
			out, err = a.key.Sign(ctx, out)
		}
	}
	if err != nil {
		return fmt.Errorf("--attest %s: %w", a.flags.file, err)
	}
	if err := writeFileAtomic(a.flags.file, out); err != nil {
		return fmt.Errorf("--attest: %w", err)
	}
	signed := "unsigned"
	if a.key != nil {
		signed = "signed with key " + a.key.KeyID()
	}
	fmt.Fprintf(e.stderr, "tollgate: attestation of %d subjects (verdict %s) written to %s, %s\n", len(st.Subjects), st.Predicate.Verdict, a.flags.file, signed)
	if !a.flags.attach {
		return nil
	}
	for _, s := range st.Subjects {
		if s.Kind != attest.KindImage {
			continue
		}
		digest := v1.Hash{Algorithm: "sha256", Hex: s.SHA256}
		if err := attach.Attach(ctx, s.Name, digest, out, image.Options{Insecure: a.images.Insecure}); err != nil {
			return fmt.Errorf("--attach: %w", err)
		}
		fmt.Fprintf(e.stderr, "tollgate: attestation attached to %s@%s\n", s.Name, digest)
	}
	return nil
}
