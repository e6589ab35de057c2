package engine

import (
	"github.com/open-policy-agent/opa/v1/bundle"
)

// Verification says how to check the signatures of OPA bundles
// (.signatures.json as `opa build --signing-key` writes it); the fields
// mean what OPA's flags of the same names mean. When it is set, every user
// policy path must be a bundle signed with Key: an organisation that
// configures a key wants only signed policy. The built-in rules are part of
// the binary and need no signature.
type Verification struct {
	// Key is a PEM public key (or certificate) for RS*, PS* and ES*
	// algorithms, or the shared secret for HS*. It is never printed.
	Key string
	// KeyID names the key the signature must be made with (default
	// "default", OPA's).
	KeyID string
	// Alg is the signing algorithm (default RS256, OPA's).
	Alg string
	// Scope, when set, must equal the signature's scope claim.
	Scope string
}

// String keeps the key out of anything that formats a Verification.
func (v Verification) String() string {
	return "verification key " + v.keyID() + " (" + v.alg() + ")"
}

func (v Verification) keyID() string {
	if v.KeyID == "" {
		return "default"
	}
	return v.KeyID
}

func (v Verification) alg() string {
	if v.Alg == "" {
		return "RS256"
	}
	return v.Alg
}

// config is OPA's verification configuration for v: one key, required.
func (v Verification) config() *bundle.VerificationConfig {
	keys := map[string]*bundle.KeyConfig{v.keyID(): {Key: v.Key, Algorithm: v.alg(), Scope: v.Scope}}
	return bundle.NewVerificationConfig(keys, v.keyID(), v.Scope, nil)
}
