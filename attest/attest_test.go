package attest

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tollgate-dev/tollgate/attest/attesttest"
)

func sampleStatement() Statement {
	return Statement{
		Subjects: []Subject{
			{Name: "registry.example.com/app:1", SHA256: strings.Repeat("c", 64), Kind: KindImage, Annotations: map[string]any{"source": "registry"}},
			{Name: "infra/main.tf", SHA256: strings.Repeat("a", 64), Kind: KindFile},
			{Name: "cdk.out/asset.1234", SHA256: strings.Repeat("b", 64), Kind: KindDirectory, Annotations: map[string]any{
				"cdk": map[string]any{"stack": "ComputeStack", "asset": "1234", "type": "directory", "status": "verified"},
			}},
		},
		Predicate: Predicate{
			Tool:    Tool{Name: "tollgate", Version: "v1.0.0", URI: "https://github.com/tollgate-dev/tollgate"},
			Policy:  Policy{Digest: "sha256:" + strings.Repeat("d", 64), Modules: 150},
			Config:  &Config{File: ".tollgate.yaml", Digest: "sha256:" + strings.Repeat("e", 64)},
			FailOn:  "low",
			Verdict: "passed",
			Counts:  map[string]int{"info": 1, "low": 0, "medium": 0, "high": 0, "critical": 0},
			Suppressions: []Suppression{
				{Rule: "aws-s3-bucket-encryption-kms", Resource: "Assets", File: "t.yaml", Kind: "config", Reason: "public site", Expires: "2027-06-30"},
			},
			Suppressed: 1,
			Scan:       Scan{Roots: []string{"infra", "cdk.out"}},
		},
	}
}

func readKey(t *testing.T, file string) *Key {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	k, err := ParseKey(b)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// The statement is in-toto's v1 layout, byte-identical run to run, and
// reads back to what was written; its predicate validates against the
// published schema.
func TestStatementRoundTrip(t *testing.T) {
	st := sampleStatement()
	b, err := st.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := sampleStatement().Marshal()
	if !bytes.Equal(b, again) {
		t.Fatal("two marshals of one statement differ")
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	if raw["_type"] != "https://in-toto.io/Statement/v1" || raw["predicateType"] != PredicateType {
		t.Fatalf("header: %v %v", raw["_type"], raw["predicateType"])
	}
	subjects := raw["subject"].([]any)
	first := subjects[0].(map[string]any)
	if first["name"] != "infra/main.tf" || first["digest"].(map[string]any)["sha256"] != strings.Repeat("a", 64) {
		t.Fatalf("subjects are sorted files first, with a sha256 digest: %v", first)
	}
	validatePredicate(t, raw["predicate"])

	got, err := Parse(context.Background(), b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Signed || got.Verified || len(got.Subjects) != 3 || got.Subjects[2].Kind != KindImage ||
		got.Subjects[1].Annotations["cdk"].(map[string]any)["stack"] != "ComputeStack" ||
		got.Predicate.Verdict != "passed" || got.Predicate.Suppressions[0].Expires != "2027-06-30" || got.Predicate.Counts["info"] != 1 {
		t.Fatalf("read back: %+v", got)
	}
	pred, err := st.MarshalPredicate()
	if err != nil {
		t.Fatal(err)
	}
	var p any
	if err := json.Unmarshal(pred, &p); err != nil {
		t.Fatal(err)
	}
	validatePredicate(t, p)

	if _, err := (Statement{Predicate: st.Predicate}).Marshal(); !errors.Is(err, ErrNoSubject) {
		t.Errorf("a statement of nothing: %v", err)
	}
}

// validatePredicate checks a predicate against docs/attestation-scan-v1.schema.json.
func validatePredicate(t *testing.T, pred any) {
	t.Helper()
	raw, err := os.ReadFile("../docs/attestation-scan-v1.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(PredicateType, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(PredicateType)
	if err != nil {
		t.Fatal(err)
	}
	// A JSON round trip: the schema library wants json.Number for numbers.
	b, _ := json.Marshal(pred)
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(v); err != nil {
		t.Fatalf("predicate does not match its schema: %v", err)
	}
}

// Signed with ed25519 or ECDSA, an envelope verifies with the public key
// (and the private one); a forged payload, another key, or no signature
// at all do not: ErrUnverified, never a pass.
func TestEnvelopeSignAndVerify(t *testing.T) {
	ctx := context.Background()
	payload, err := sampleStatement().Marshal()
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"ed25519", "ecdsa"} {
		t.Run(typ, func(t *testing.T) {
			privFile, pubFile := attesttest.Keys(t, typ)
			priv, pub := readKey(t, privFile), readKey(t, pubFile)
			if !priv.Private() || pub.Private() || priv.KeyID() != pub.KeyID() || priv.Type != typ {
				t.Fatalf("keys: %+v %+v", priv, pub)
			}
			if _, err := pub.Sign(ctx, payload); err == nil {
				t.Fatal("a public key signed")
			}
			env, err := priv.Sign(ctx, payload)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Parse(ctx, env, pub)
			if err != nil || !got.Signed || !got.Verified || got.KeyID != pub.KeyID() || len(got.Subjects) != 3 {
				t.Fatalf("verified parse: %+v %v", got, err)
			}
			if got, err := Parse(ctx, env, nil); err != nil || !got.Signed || got.Verified {
				t.Fatalf("unverified parse: %+v %v", got, err)
			}

			// Forged: the payload rewritten to say "passed" for other
			// content, the signature kept.
			var e map[string]any
			if err := json.Unmarshal(env, &e); err != nil {
				t.Fatal(err)
			}
			forged := bytes.Replace(payload, []byte(strings.Repeat("a", 64)), []byte(strings.Repeat("f", 64)), 1)
			e["payload"] = base64.StdEncoding.EncodeToString(forged)
			fb, _ := json.Marshal(e)
			if _, err := Parse(ctx, fb, pub); !errors.Is(err, ErrUnverified) {
				t.Errorf("forged payload: %v", err)
			}
			// Another key of the same type.
			_, otherPub := attesttest.Keys(t, typ)
			if _, err := Parse(ctx, env, readKey(t, otherPub)); !errors.Is(err, ErrUnverified) {
				t.Errorf("wrong key: %v", err)
			}
			// No signature, and a bare statement, with a key given.
			e["payload"] = base64.StdEncoding.EncodeToString(payload)
			e["signatures"] = []any{}
			ub, _ := json.Marshal(e)
			if _, err := Parse(ctx, ub, pub); !errors.Is(err, ErrUnverified) {
				t.Errorf("unsigned envelope with a key: %v", err)
			}
			if _, err := Parse(ctx, payload, pub); !errors.Is(err, ErrUnverified) {
				t.Errorf("bare statement with a key: %v", err)
			}
		})
	}
}

// Keys tollgate cannot use are refused with a message saying why.
func TestParseKeyRefusals(t *testing.T) {
	cases := map[string]string{
		"not pem":   "not a PEM key",
		"encrypted": "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n",
		"rsa":       "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n",
		"garbage":   "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
	}
	want := map[string]string{"not pem": "not a PEM key", "encrypted": "encrypted key", "rsa": "RSA keys are not supported", "garbage": "not an ed25519 or ECDSA"}
	for name, pem := range cases {
		if _, err := ParseKey([]byte(pem)); err == nil || !strings.Contains(err.Error(), want[name]) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// Whatever is not exactly a tollgate scan statement is malformed: a
// truncated file, other JSON, a duplicated key, another statement version
// or predicate type, a subject without kind or with a short digest, a
// predicate field tollgate does not write.
func TestMalformedAttestations(t *testing.T) {
	ctx := context.Background()
	good, err := sampleStatement().Marshal()
	if err != nil {
		t.Fatal(err)
	}
	privFile, _ := attesttest.Keys(t, "ed25519")
	env, err := readKey(t, privFile).Sign(ctx, good)
	if err != nil {
		t.Fatal(err)
	}
	s := string(good)
	cases := map[string]string{
		"empty":                  "",
		"truncated statement":    s[:len(s)/2],
		"truncated envelope":     string(env[:len(env)-20]),
		"array":                  "[]",
		"neither":                `{"hello": 1}`,
		"trailing data":          s + "{}",
		"duplicate key":          strings.Replace(s, `"_type":`, `"_type": "x", "_type":`, 1),
		"statement v0.1":         strings.Replace(s, "Statement/v1", "Statement/v0.1", 1),
		"other predicate":        strings.Replace(s, PredicateType, "https://slsa.dev/provenance/v1", 1),
		"unknown predicate key":  strings.Replace(s, `"verdict":`, `"extra": 1, "verdict":`, 1),
		"unknown verdict":        strings.Replace(s, `"verdict": "passed"`, `"verdict": "fine"`, 1),
		"short digest":           strings.Replace(s, strings.Repeat("a", 64), strings.Repeat("a", 63), 1),
		"upper-case digest":      strings.Replace(s, strings.Repeat("a", 64), strings.Repeat("A", 64), 1),
		"no kind":                strings.Replace(s, `"kind": "file"`, `"other": "file"`, 1),
		"bad policy digest":      strings.Replace(s, "sha256:"+strings.Repeat("d", 64), "md5:1", 1),
		"unknown statement key":  strings.Replace(s, `"_type":`, `"extra": 1, "_type":`, 1),
		"envelope payload type":  strings.Replace(string(env), PayloadType, "text/plain", 1),
		"envelope not base64":    strings.Replace(string(env), `"payload": "`, `"payload": "%%%`, 1),
		"envelope unknown field": strings.Replace(string(env), `"payloadType":`, `"x": 1, "payloadType":`, 1),
	}
	for name, in := range cases {
		if _, err := Parse(ctx, []byte(in), nil); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: want ErrMalformed, got %v", name, err)
		}
	}
	// Two subjects under one name would make "which hash" ambiguous.
	st := sampleStatement()
	st.Subjects = append(st.Subjects, Subject{Name: "infra/main.tf", SHA256: strings.Repeat("0", 64), Kind: KindFile})
	b, err := st.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(ctx, b, nil); !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "listed twice") {
		t.Errorf("duplicate subject: %v", err)
	}
}

// The parser reads hostile files: whatever it is given, it does not panic
// and says malformed or unverified, or returns a statement that holds
// what tollgate writes.
func FuzzParse(f *testing.F) {
	good, err := sampleStatement().Marshal()
	if err != nil {
		f.Fatal(err)
	}
	privFile, pubFile := attesttest.Keys(f, "ed25519")
	privB, _ := os.ReadFile(privFile)
	pubB, _ := os.ReadFile(pubFile)
	priv, _ := ParseKey(privB)
	pub, _ := ParseKey(pubB)
	env, err := priv.Sign(context.Background(), good)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good, false)
	f.Add(env, true)
	f.Add(env, false)
	f.Add([]byte(`{"payloadType":"application/vnd.in-toto+json","payload":"e30=","signatures":[]}`), false)
	f.Fuzz(func(t *testing.T, data []byte, withKey bool) {
		key := (*Key)(nil)
		if withKey {
			key = pub
		}
		a, err := Parse(context.Background(), data, key)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrUnverified) {
				t.Fatalf("error is neither malformed nor unverified: %v", err)
			}
			return
		}
		if withKey && !a.Verified {
			t.Fatal("a key was given and the result is not verified")
		}
		if len(a.Subjects) == 0 || a.Predicate.check() != nil {
			t.Fatalf("accepted an attestation tollgate would not write: %+v", a)
		}
		for _, s := range a.Subjects {
			if !sha256Hex.MatchString(s.SHA256) || s.Name == "" {
				t.Fatalf("accepted subject %+v", s)
			}
		}
	})
}
