package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/kinds"
	"github.com/tollgate-dev/tollgate/scanners"
)

// inputSchemas compiles every kind's input schema, by format. Each is
// registered under its own $id so the compiler never reaches the network.
func inputSchemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	out := map[string]*jsonschema.Schema{}
	for format, raw := range kinds.Schemas() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s schema: %v", format, err)
		}
		id, _ := doc.(map[string]any)["$id"].(string)
		if !strings.HasSuffix(id, "/"+format+".json") {
			t.Fatalf("%s schema: $id %q does not name the format", format, id)
		}
		c := jsonschema.NewCompiler()
		if err := c.AddResource(id, doc); err != nil {
			t.Fatal(err)
		}
		if out[format], err = c.Compile(id); err != nil {
			t.Fatalf("%s schema: %v", format, err)
		}
	}
	for _, f := range kinds.Formats() {
		if out[f] == nil {
			t.Errorf("format %s has no input schema", f)
		}
	}
	return out
}

// validate checks a document's input against its format's schema, after a
// JSON round trip (the input holds int64 and json.Number values).
func validate(schemas map[string]*jsonschema.Schema, doc *document.Document) error {
	sch := schemas[doc.Format]
	if sch == nil {
		return fmt.Errorf("no schema for format %s", doc.Format)
	}
	b, err := json.Marshal(doc.Input)
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// Every input document the scanners build for the rule fixtures, the
// examples and (when present) the shared corpus matches its published
// schema: the schemas describe what rules really get, and a scanner that
// changes the shape fails here before a user's typed rule breaks.
func TestInputsMatchSchemas(t *testing.T) {
	schemas := inputSchemas(t)
	roots := []string{"../examples", "../testdata/cdk/app/cdk.out"}
	fixtures, _ := filepath.Glob(filepath.Join(fixturesDir, "*", "*", "*"))
	roots = append(roots, fixtures...)
	if _, err := os.Stat(sharedCorpus); err == nil {
		roots = append(roots, sharedCorpus)
	}
	scs := ScannerSet{}.Build()
	imgs := imageTarScanner(t, builtinEngine(t))
	formats := map[string]int{}
	for _, root := range roots {
		if strings.HasSuffix(root, ".expect") || filepath.Base(root) == "tollgate.yaml" {
			continue
		}
		var targets []discover.Target
		if strings.HasSuffix(root, ".tar") {
			targets = []discover.Target{{Kind: kindImageTar, Unit: scanners.Unit{Path: root}}}
		} else {
			found, err := discover.Find(context.Background(), []string{root}, discover.Options{})
			if err != nil {
				t.Fatal(err)
			}
			targets = found.Targets
		}
		for _, tg := range targets {
			sc := scs[tg.Kind]
			if tg.Kind == kindImageTar {
				sc = imgs
			}
			res, _ := sc.Scan(context.Background(), tg.Unit)
			for _, doc := range res.Documents {
				formats[doc.Format]++
				if err := validate(schemas, doc); err != nil {
					t.Errorf("%s (%s): %v", doc.File, doc.Format, err)
				}
			}
		}
	}
	var seen []string
	for f := range formats {
		seen = append(seen, f)
	}
	sort.Strings(seen)
	if len(seen) != len(kinds.Formats()) {
		t.Errorf("validated documents of %v only; every format needs one", seen)
	}
}
