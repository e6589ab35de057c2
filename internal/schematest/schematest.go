// Package schematest validates documents against a JSON schema committed
// under the module's testdata/, compiled from that file alone (the schema
// is registered under its own $id, so the compiler never fetches it). The
// per-format test helpers (sariftest, sasttest) are thin wrappers.
package schematest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Schema is one committed schema.
type Schema struct {
	// Path is the file, relative to the module root.
	Path string
	// ID is the $id the file declares.
	ID string
	// Name says what the schema is, in errors.
	Name string
}

// Check reports whether data is JSON that satisfies the schema, formats
// included.
func (s Schema) Check(data []byte) error {
	sch, err := s.compile()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	if err := sch.Validate(inst); err != nil {
		return fmt.Errorf("violates the %s schema:\n%w", s.Name, err)
	}
	return nil
}

func (s Schema) compile() (*jsonschema.Schema, error) {
	root, err := ModuleRoot()
	if err != nil {
		return nil, err
	}
	p := filepath.Join(root, filepath.FromSlash(s.Path))
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
	if err := c.AddResource(s.ID, doc); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	sch, err := c.Compile(s.ID)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return sch, nil
}

// ModuleRoot walks up from the working directory (a package directory
// under go test) to the directory holding go.mod.
func ModuleRoot() (string, error) {
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
