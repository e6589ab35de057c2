// Package attest writes and reads tollgate's scan attestations: in-toto
// Statements (v1) whose subjects are what a scan covered — every file it
// read, each CDK asset, each image — and whose predicate says which
// policies ran and what the gate decided; optionally signed in a DSSE
// envelope. docs/attestation.md is the contract; the predicate's JSON
// Schema is docs/attestation-scan-v1.schema.json.
//
// The Statement and ResourceDescriptor types are in-toto's own
// (github.com/in-toto/attestation/go/v1), so their validation rules are
// in-toto's; the envelope is go-securesystemslib's DSSE.
package attest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	ita1 "github.com/in-toto/attestation/go/v1"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/structpb"
)

// Type URIs.
const (
	// StatementType is the in-toto Statement version written and read.
	StatementType = ita1.StatementTypeUri
	// PredicateType is tollgate's scan predicate, version 1.
	PredicateType = "https://github.com/tollgate-dev/tollgate/attestation/scan/v1"
	// PayloadType is the DSSE payload type of an in-toto Statement.
	PayloadType = "application/vnd.in-toto+json"
)

// Kinds of subject, in each subject's annotations.kind.
const (
	// KindFile is a file: its SHA-256 is of its bytes.
	KindFile = "file"
	// KindDirectory is a directory (a CDK asset folder, an OCI layout):
	// its SHA-256 is package checksum's tree hash (docs/checksum.md).
	KindDirectory = "directory"
	// KindImage is a registry image: its SHA-256 is the digest of the
	// manifest or index its reference resolved to.
	KindImage = "image"
)

// Verdicts a predicate may record (report.Passed and its siblings).
var verdicts = []string{"passed", "blocked", "undecided"}

// Subject is one artifact a statement is about.
type Subject struct {
	// Name is a path (slash-separated, as the scan named it) or an image
	// reference.
	Name string
	// SHA256 is lowercase hex (see the kinds).
	SHA256 string
	// Kind is KindFile, KindDirectory or KindImage.
	Kind string
	// Annotations add what else is known (a CDK asset's stack and id, an
	// image's source); values must be JSON values.
	Annotations map[string]any
}

// Predicate is what tollgate says about the subjects.
type Predicate struct {
	// Tool is the tollgate that scanned.
	Tool Tool `json:"tool"`
	// Policy identifies the policy set that ran (engine.PolicyDigest).
	Policy Policy `json:"policy"`
	// Config is the configuration file the run read; nil for none.
	Config *Config `json:"config,omitempty"`
	// OrgConfigs are the organisation governance files the run read
	// (--org-config, TOLLGATE_ORG_CONFIG).
	OrgConfigs []Config `json:"orgConfigs,omitempty"`
	// FailOn is the blocking threshold.
	FailOn string `json:"failOn"`
	// Verdict is "passed", "blocked" or "undecided".
	Verdict string `json:"verdict"`
	// Counts are the unsuppressed findings by severity, every severity
	// present.
	Counts map[string]int `json:"counts"`
	// Suppressed counts waived findings, Errors the scan's errors.
	Suppressed int `json:"suppressed"`
	Errors     int `json:"errors"`
	// Suppressions are the waivers that silenced findings, sorted.
	Suppressions []Suppression `json:"suppressions"`
	// Scan says what the run was pointed at.
	Scan Scan `json:"scan"`
}

// Tool identifies the scanner.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	URI     string `json:"uri"`
}

// Policy identifies the policy set.
type Policy struct {
	// Digest is "sha256:<hex>" (engine.PolicyDigest).
	Digest string `json:"digest"`
	// Modules counts the Rego modules in it.
	Modules int `json:"modules"`
}

// Config identifies the configuration file.
type Config struct {
	File string `json:"file"`
	// Digest is "sha256:<hex>" of the file's bytes.
	Digest string `json:"digest"`
}

// Suppression is one waived finding.
type Suppression struct {
	Rule     string `json:"rule"`
	Resource string `json:"resource"`
	File     string `json:"file"`
	// Kind is inline, config or baseline.
	Kind    string `json:"kind"`
	Reason  string `json:"reason"`
	Expires string `json:"expires,omitempty"`
}

// Scan is what the run was asked to scan.
type Scan struct {
	// Roots are the paths given (images are subjects).
	Roots []string `json:"roots"`
	// Staged is set for scan --staged: file subjects hash what the git
	// index held.
	Staged bool `json:"staged,omitempty"`
	// Shard is "K/N" when only part of the targets were scanned.
	Shard string `json:"shard,omitempty"`
}

// Statement is an in-toto Statement with tollgate's predicate.
type Statement struct {
	Subjects  []Subject
	Predicate Predicate
}

// ErrNoSubject is a statement that would name nothing: in-toto requires
// a subject, and an attestation of nothing would promote anything.
var ErrNoSubject = errors.New("no subject: the scan read no file and no image")

// Proto is the statement as in-toto's type, validated by in-toto's rules.
// Subjects are sorted by kind, then name.
func (s Statement) Proto() (*ita1.Statement, error) {
	if len(s.Subjects) == 0 {
		return nil, ErrNoSubject
	}
	subjects := append([]Subject(nil), s.Subjects...)
	SortSubjects(subjects)
	out := &ita1.Statement{Type: StatementType, PredicateType: PredicateType}
	for _, sub := range subjects {
		ann := map[string]any{"kind": sub.Kind}
		for k, v := range sub.Annotations {
			ann[k] = v
		}
		st, err := toStruct(ann)
		if err != nil {
			return nil, fmt.Errorf("subject %s: %w", sub.Name, err)
		}
		out.Subject = append(out.Subject, &ita1.ResourceDescriptor{
			Name:        sub.Name,
			Digest:      map[string]string{"sha256": sub.SHA256},
			Annotations: st,
		})
	}
	pred := s.Predicate
	if pred.Suppressions == nil {
		pred.Suppressions = []Suppression{}
	}
	if pred.Scan.Roots == nil {
		pred.Scan.Roots = []string{}
	}
	p, err := toStruct(pred)
	if err != nil {
		return nil, fmt.Errorf("predicate: %w", err)
	}
	out.Predicate = p
	if err := out.Validate(); err != nil {
		return nil, fmt.Errorf("in-toto statement: %w", err)
	}
	return out, nil
}

// Marshal writes the statement as JSON: deterministic (keys sorted,
// two-space indent, a final newline), so the same scan gives the same
// bytes, and the signature covers exactly them.
func (s Statement) Marshal() ([]byte, error) {
	p, err := s.Proto()
	if err != nil {
		return nil, err
	}
	// protojson's spacing is deliberately unstable; re-encode its output.
	raw, err := protojson.Marshal(p)
	if err != nil {
		return nil, err
	}
	return canonical(raw)
}

// MarshalPredicate writes the predicate alone, for signers that build
// the statement themselves (cosign attest --predicate).
func (s Statement) MarshalPredicate() ([]byte, error) {
	p, err := s.Proto()
	if err != nil {
		return nil, err
	}
	raw, err := protojson.Marshal(p.GetPredicate())
	if err != nil {
		return nil, err
	}
	return canonical(raw)
}

// SortSubjects orders subjects by kind (files, directories, images),
// then name.
func SortSubjects(s []Subject) {
	rank := map[string]int{KindFile: 0, KindDirectory: 1, KindImage: 2}
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Kind != s[j].Kind {
			return rank[s[i].Kind] < rank[s[j].Kind]
		}
		return s[i].Name < s[j].Name
	})
}

// canonical re-encodes JSON with sorted keys and a fixed indent.
func canonical(raw []byte) ([]byte, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// toStruct converts a Go value to a protobuf Struct through its JSON.
func toStruct(v any) (*structpb.Struct, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return structpb.NewStruct(m)
}
