package attest

import (
	"context"
	"crypto"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"

	"github.com/secure-systems-lab/go-securesystemslib/dsse"
	"github.com/secure-systems-lab/go-securesystemslib/signerverifier"
)

// Key is an ed25519 or ECDSA key read from PEM: a private key signs
// (scan --attest-key), any key verifies with its public half (promote
// --key).
type Key struct {
	sv interface {
		dsse.Verifier
		Sign(ctx context.Context, data []byte) ([]byte, error)
	}
	private bool
	// Type is "ed25519" or "ecdsa".
	Type string
}

// ParseKey reads a PEM key: PKCS#8 or SEC 1 private keys, PKIX public
// keys. RSA, encrypted keys and cosign's own encrypted key format are
// refused with a message saying so.
func ParseKey(data []byte) (*Key, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, errors.New("not a PEM key")
	}
	switch {
	case strings.Contains(block.Type, "ENCRYPTED"):
		return nil, fmt.Errorf("an encrypted key (%s) cannot be used: give an unencrypted PKCS#8 ed25519 or ECDSA key (keep it in the CI secret store)", block.Type)
	case block.Type == "RSA PRIVATE KEY" || block.Type == "RSA PUBLIC KEY":
		return nil, errors.New("RSA keys are not supported: use an ed25519 or ECDSA key")
	}
	k, err := signerverifier.LoadKey(data)
	if err != nil {
		return nil, fmt.Errorf("not an ed25519 or ECDSA PEM key: %w", err)
	}
	out := &Key{Type: k.KeyType, private: k.KeyVal.Private != ""}
	switch k.KeyType {
	case signerverifier.ED25519KeyType:
		out.sv, err = signerverifier.NewED25519SignerVerifierFromSSLibKey(k)
	case signerverifier.ECDSAKeyType:
		out.sv, err = signerverifier.NewECDSASignerVerifierFromSSLibKey(k)
	default:
		return nil, fmt.Errorf("%s keys are not supported: use an ed25519 or ECDSA key", k.KeyType)
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Private reports whether the key can sign.
func (k *Key) Private() bool { return k.private }

// KeyID is go-securesystemslib's id of the key: the SHA-256 of its
// public half in canonical JSON, the same for the private key and its
// public key.
func (k *Key) KeyID() string {
	id, _ := k.sv.KeyID()
	return id
}

// Public is the public half.
func (k *Key) Public() crypto.PublicKey { return k.sv.Public() }

// Sign wraps a statement in a DSSE envelope signed with a private key.
// An ed25519 signature is the same every time; an ECDSA one is not.
func (k *Key) Sign(ctx context.Context, statement []byte) ([]byte, error) {
	if !k.private {
		return nil, errors.New("a public key cannot sign: give the private key")
	}
	signer, err := dsse.NewEnvelopeSigner(k.sv)
	if err != nil {
		return nil, err
	}
	env, err := signer.SignPayload(ctx, PayloadType, statement)
	if err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	b, err := json.MarshalIndent(env, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// verify checks the envelope's signatures against the key and returns
// the payload they cover.
func (k *Key) verify(ctx context.Context, env *dsse.Envelope) ([]byte, error) {
	v, err := dsse.NewEnvelopeVerifier(k.sv)
	if err != nil {
		return nil, err
	}
	_, payload, err := v.VerifyAndDecode(ctx, env)
	if err != nil {
		return nil, err
	}
	return payload, nil
}
