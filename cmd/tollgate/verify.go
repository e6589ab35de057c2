package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/engine"
)

// maxKeySize bounds a verification key file: a PEM key or a certificate
// is a few KiB.
const maxKeySize = 1 << 20

// verifyFlags are OPA's bundle verification flags, under OPA's names.
type verifyFlags struct {
	keyFile, keyID, alg, scope string
}

func (v *verifyFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&v.keyFile, "verification-key", "", "load only OPA bundles signed for this key: `FILE` holds a PEM public key, or the HMAC secret")
	fs.StringVar(&v.keyID, "verification-key-id", "", "key id the bundle signature must be made with (default \"default\")")
	fs.StringVar(&v.alg, "signing-alg", "", "bundle signing algorithm, e.g. RS256, ES256, HS256 (default \"RS256\")")
	fs.StringVar(&v.scope, "scope", "", "scope the bundle signature must carry")
}

// verification merges the flags over the configuration's
// bundle_verification and reads the key; nil when no key is configured.
func (v verifyFlags) verification(cfg config.BundleVerification) (*engine.Verification, error) {
	file := firstNonEmpty(v.keyFile, cfg.KeyFile)
	out := &engine.Verification{
		KeyID: firstNonEmpty(v.keyID, cfg.KeyID),
		Alg:   firstNonEmpty(v.alg, cfg.SigningAlg),
		Scope: firstNonEmpty(v.scope, cfg.Scope),
	}
	if file == "" {
		if out.KeyID != "" || out.Alg != "" || out.Scope != "" {
			// A key id or algorithm without a key would verify nothing.
			return nil, errors.New("--verification-key-id, --signing-alg and --scope (bundle_verification in the configuration) need --verification-key (key_file)")
		}
		return nil, nil
	}
	key, err := readKey(file)
	if err != nil {
		return nil, fmt.Errorf("--verification-key %s: %w", file, err)
	}
	out.Key = key
	return out, nil
}

// readKey reads a key file as it is (OPA does not trim an HMAC secret
// either), refusing what is not a small regular file.
func readKey(file string) (string, error) {
	// Stat before opening: opening a FIFO would wait for a writer.
	if st, err := os.Stat(file); err != nil {
		return "", err
	} else if !st.Mode().IsRegular() {
		return "", errors.New("not a regular file")
	}
	f, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxKeySize+1))
	if err != nil {
		return "", err
	}
	if len(b) > maxKeySize {
		return "", fmt.Errorf("larger than %d bytes: not a key", maxKeySize)
	}
	if len(b) == 0 {
		return "", errors.New("empty")
	}
	return string(b), nil
}
