package attest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"

	ita1 "github.com/in-toto/attestation/go/v1"
	"github.com/secure-systems-lab/go-securesystemslib/dsse"
	"google.golang.org/protobuf/encoding/protojson"
)

// ErrMalformed is inside every error about an attestation that cannot be
// read: not JSON, not an in-toto v1 Statement (bare or in a DSSE
// envelope), not tollgate's predicate, or not what tollgate writes. A
// gate treats it as "could not decide".
var ErrMalformed = errors.New("malformed attestation")

// ErrUnverified is inside every error about an attestation whose
// signature does not verify with the key given: not signed, signed by
// another key, or altered since. A gate treats it as "does not match".
var ErrUnverified = errors.New("attestation signature does not verify")

// MaxSize bounds an attestation file: a subject is about 200 bytes, so
// this holds several hundred thousand.
const MaxSize = 64 << 20

// Attestation is a statement read back, and how it was protected.
type Attestation struct {
	Statement
	// Signed is set when it came in a DSSE envelope with at least one
	// signature; Verified when one of them verified with the key given.
	Signed   bool
	Verified bool
	// KeyID is the id of the key that verified it.
	KeyID string
}

var (
	sha256Hex    = regexp.MustCompile(`^[0-9a-f]{64}$`)
	sha256Digest = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
)

// Parse reads an attestation: a DSSE envelope holding an in-toto
// Statement, or the Statement itself. With a key, only an envelope whose
// signature the key verifies is accepted (ErrUnverified otherwise);
// without one, signatures are not checked. Anything not exactly a
// tollgate scan statement is ErrMalformed.
func Parse(ctx context.Context, data []byte, key *Key) (*Attestation, error) {
	if err := checkJSON(data); err != nil {
		return nil, malformed("%v", err)
	}
	var head map[string]json.RawMessage
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, malformed("not a JSON object: %v", err)
	}
	_, isEnvelope := head["payloadType"]
	_, isStatement := head["_type"]
	switch {
	case isEnvelope && isStatement, !isEnvelope && !isStatement:
		return nil, malformed("neither a DSSE envelope (payloadType, payload, signatures) nor an in-toto Statement (_type)")
	case isStatement:
		if key != nil {
			return nil, fmt.Errorf("%w: the attestation is not signed (a bare statement, not a DSSE envelope), and a key was given", ErrUnverified)
		}
		st, err := parseStatement(data)
		if err != nil {
			return nil, err
		}
		return &Attestation{Statement: st}, nil
	}
	var env dsse.Envelope
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&env); err != nil {
		return nil, malformed("DSSE envelope: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, malformed("DSSE envelope: data after the envelope")
	}
	if env.PayloadType != PayloadType {
		return nil, malformed("DSSE payload type %q is not an in-toto statement (%s)", env.PayloadType, PayloadType)
	}
	payload, err := env.DecodeB64Payload()
	if err != nil {
		return nil, malformed("DSSE payload: %v", err)
	}
	out := &Attestation{Signed: len(env.Signatures) > 0}
	if key != nil {
		if !out.Signed {
			return nil, fmt.Errorf("%w: the envelope holds no signature, and a key was given", ErrUnverified)
		}
		// The payload parsed is the one the signature covers.
		payload, err = key.verify(ctx, &env)
		if err != nil {
			return nil, fmt.Errorf("%w: %v (key %s)", ErrUnverified, err, key.KeyID())
		}
		out.Verified, out.KeyID = true, key.KeyID()
	}
	if err := checkJSON(payload); err != nil {
		return nil, malformed("statement: %v", err)
	}
	if out.Statement, err = parseStatement(payload); err != nil {
		return nil, err
	}
	return out, nil
}

func malformed(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(format, a...))
}

// parseStatement reads an in-toto v1 Statement with tollgate's predicate,
// strictly: unknown fields, another statement version or predicate type,
// a subject without a sha256 digest or kind are all malformed.
func parseStatement(data []byte) (Statement, error) {
	var p ita1.Statement
	if err := protojson.Unmarshal(data, &p); err != nil {
		return Statement{}, malformed("in-toto statement: %v", err)
	}
	if p.GetType() != StatementType {
		return Statement{}, malformed("statement type %q: want %s", p.GetType(), StatementType)
	}
	if err := p.Validate(); err != nil {
		return Statement{}, malformed("in-toto statement: %v", err)
	}
	if p.GetPredicateType() != PredicateType {
		return Statement{}, malformed("predicate type %q is not a tollgate scan (%s)", p.GetPredicateType(), PredicateType)
	}
	var out Statement
	seen := map[[2]string]bool{}
	for i, rd := range p.GetSubject() {
		sub := Subject{Name: rd.GetName(), SHA256: rd.GetDigest()["sha256"]}
		at := fmt.Sprintf("subject %d (%q)", i, sub.Name)
		if sub.Name == "" {
			return Statement{}, malformed("%s: no name", at)
		}
		if !sha256Hex.MatchString(sub.SHA256) {
			return Statement{}, malformed("%s: digest.sha256 must be 64 lowercase hex digits", at)
		}
		ann := rd.GetAnnotations().AsMap()
		kind, _ := ann["kind"].(string)
		if !slices.Contains([]string{KindFile, KindDirectory, KindImage}, kind) {
			return Statement{}, malformed("%s: annotations.kind %q: want file, directory or image", at, kind)
		}
		sub.Kind = kind
		delete(ann, "kind")
		if len(ann) > 0 {
			sub.Annotations = ann
		}
		if seen[[2]string{kind, sub.Name}] {
			return Statement{}, malformed("%s: listed twice", at)
		}
		seen[[2]string{kind, sub.Name}] = true
		out.Subjects = append(out.Subjects, sub)
	}
	raw, err := protojson.Marshal(p.GetPredicate())
	if err != nil {
		return Statement{}, malformed("predicate: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out.Predicate); err != nil {
		return Statement{}, malformed("predicate: %v", err)
	}
	if err := out.Predicate.check(); err != nil {
		return Statement{}, malformed("predicate: %v", err)
	}
	return out, nil
}

// check holds the predicate to what tollgate writes.
func (p Predicate) check() error {
	switch {
	case !slices.Contains(verdicts, p.Verdict):
		return fmt.Errorf("verdict %q: want passed, blocked or undecided", p.Verdict)
	case !sha256Digest.MatchString(p.Policy.Digest):
		return fmt.Errorf("policy.digest %q: want sha256:<64 hex digits>", p.Policy.Digest)
	case p.Config != nil && !sha256Digest.MatchString(p.Config.Digest):
		return fmt.Errorf("config.digest %q: want sha256:<64 hex digits>", p.Config.Digest)
	case p.Tool.Name == "":
		return errors.New("tool.name is empty")
	}
	for _, c := range p.OrgConfigs {
		if !sha256Digest.MatchString(c.Digest) {
			return fmt.Errorf("orgConfigs: digest %q: want sha256:<64 hex digits>", c.Digest)
		}
	}
	for sev := range p.Counts {
		if !slices.Contains(severities, sev) {
			return fmt.Errorf("counts: unknown severity %q", sev)
		}
	}
	return nil
}

var severities = []string{"info", "low", "medium", "high", "critical"}

// checkJSON refuses what encoding/json would read leniently: a key twice
// in one object (two readers could take different values), and anything
// after the first value.
func checkJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := checkValue(dec, 0); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the JSON value")
	}
	return nil
}

// maxDepth bounds nesting; tollgate writes four levels.
const maxDepth = 64

func checkValue(dec *json.Decoder, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("nested deeper than %d levels", maxDepth)
	}
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("not valid JSON: %v", err)
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return nil
	}
	keys := map[string]bool{}
	for dec.More() {
		if d == '{' {
			tok, err := dec.Token()
			if err != nil {
				return fmt.Errorf("not valid JSON: %v", err)
			}
			k, _ := tok.(string)
			if keys[k] {
				return fmt.Errorf("key %q appears twice in one object", k)
			}
			keys[k] = true
		}
		if err := checkValue(dec, depth+1); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("not valid JSON: %v", err)
	}
	return nil
}
