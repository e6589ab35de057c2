// Package sariftest validates SARIF output against the official SARIF 2.1.0
// JSON schema, for the sarif writer's tests and for CLI end-to-end tests.
package sariftest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SchemaPath is the schema's location relative to the module root.
const SchemaPath = "testdata/sarif-schema-2.1.0.json"

// Validate fails t unless data is a SARIF 2.1.0 log that satisfies the
// schema, formats included.
func Validate(t testing.TB, data []byte) {
	t.Helper()
	if err := Check(data); err != nil {
		t.Fatalf("sariftest: %v", err)
	}
}

// Check is Validate for callers that want the error.
func Check(data []byte) error {
	sch, err := compile()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	if err := sch.Validate(inst); err != nil {
		return fmt.Errorf("violates the SARIF 2.1.0 schema:\n%w", err)
	}
	return nil
}

func compile() (*jsonschema.Schema, error) {
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	p := filepath.Join(root, filepath.FromSlash(SchemaPath))
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	// The schema's own id is an https URL; registering the document under
	// it keeps the compiler from ever trying the network.
	const id = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(id, doc); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	sch, err := c.Compile(id)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return sch, nil
}

// moduleRoot walks up from the working directory (a package directory
// under go test) to the directory holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
