package config

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/suggest"
	"gopkg.in/yaml.v3"
)

// Error is a configuration problem at a line of the file, said in the
// file's own terms (keys, lists, maps) rather than Go's types.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// checkSchema walks the YAML tree against the Config struct before it is
// decoded: yaml.v3 would report "field failon not found in type
// config.Config" or "cannot unmarshal !!str into []string", which name Go
// types a user never wrote. Every key is checked, including those under
// values with their own YAML decoding (ApprovedImage), which yaml.v3's
// KnownFields does not reach.
func checkSchema(n *yaml.Node, t reflect.Type, where string) error {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return nil
		}
		return checkSchema(n.Content[0], t, where)
	}
	if n.Kind == 0 || n.Tag == "!!null" { // an empty file or value
		return nil
	}
	if scalarForms[t] != "" && n.Kind == yaml.ScalarNode {
		return expectScalar(n, reflect.TypeOf(""), where)
	}
	switch t.Kind() {
	case reflect.Pointer: // an optional setting whose absence means its default
		return checkSchema(n, t.Elem(), where)
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return mismatch(n, t, where)
		}
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			f, ok := fields[k.Value]
			if !ok {
				return &Error{Line: k.Line, Msg: unknownKey(k.Value, where, fields)}
			}
			if err := checkSchema(v, f.Type, join(where, k.Value)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return mismatch(n, t, where)
		}
		for i, item := range n.Content {
			if err := checkSchema(item, t.Elem(), fmt.Sprintf("%s[%d]", where, i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return mismatch(n, t, where)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if err := checkSchema(v, t.Elem(), join(where, k.Value)); err != nil {
				return err
			}
		}
		return nil
	default:
		return expectScalar(n, t, where)
	}
}

func expectScalar(n *yaml.Node, t reflect.Type, where string) error {
	if n.Kind != yaml.ScalarNode {
		return mismatch(n, t, where)
	}
	switch t.Kind() {
	case reflect.Bool:
		if n.Tag != "!!bool" {
			return mismatch(n, t, where)
		}
	case reflect.Int:
		if n.Tag != "!!int" {
			return mismatch(n, t, where)
		}
	}
	return nil
}

func mismatch(n *yaml.Node, t reflect.Type, where string) error {
	return &Error{Line: n.Line, Msg: fmt.Sprintf("%s must be %s, not %s", nameOf(where), describe(t), found(n))}
}

func nameOf(where string) string {
	if where == "" {
		return "the file"
	}
	return where
}

func join(where, key string) string {
	if where == "" {
		return key
	}
	return where + "." + key
}

// scalarForms are the types whose UnmarshalYAML also takes a plain string,
// and what that string is.
var scalarForms = map[reflect.Type]string{
	reflect.TypeOf(ApprovedImage{}): "an image pattern",
	reflect.TypeOf(FileSizes{}):     "a size (64MiB)",
}

// describe says what a Go type is in YAML words.
func describe(t reflect.Type) string {
	if form := scalarForms[t]; form != "" {
		if t.Kind() == reflect.Struct {
			return form + ", or a map with " + keyList(yamlFields(t))
		}
		return form + ", or a map of kinds to sizes"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int:
		return "a whole number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list of " + strings.TrimPrefix(strings.TrimPrefix(describe(t.Elem()), "a "), "an ") + "s"
	case reflect.Map:
		return "a map of names to " + strings.TrimPrefix(describe(t.Elem()), "a ") + "s"
	case reflect.Struct:
		return "a map with " + keyList(yamlFields(t))
	}
	return "a value of another kind"
}

func found(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a map"
	}
	switch n.Tag {
	case "!!int", "!!float":
		return "the number " + n.Value
	case "!!bool":
		return n.Value
	}
	return fmt.Sprintf("the string %q", n.Value)
}

func unknownKey(key, where string, fields map[string]reflect.StructField) string {
	in := "at the top level"
	if where != "" {
		in = "in " + where
	}
	msg := fmt.Sprintf("unknown key %q %s", key, in)
	if best, ok := suggest.Closest(key, slices.Sorted(maps.Keys(fields)), 3); ok {
		return msg + fmt.Sprintf(" (did you mean %q?)", best)
	}
	return msg + " (known keys: " + keyList(fields) + ")"
}

// yamlFields maps a struct's YAML keys to its fields.
func yamlFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f
	}
	return out
}

func keyList(fields map[string]reflect.StructField) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

// lineOf finds the line of the value at a path of keys and indexes (or of
// its nearest existing ancestor), so validation errors point at the file.
func lineOf(root *yaml.Node, path ...any) int {
	line, _ := posOf(root, path...)
	return line
}

// posOf is lineOf with the column: of the key for a map entry, of the item
// for a list element.
func posOf(root *yaml.Node, path ...any) (line, column int) {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line, column = n.Line, n.Column
	for _, p := range path {
		for n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		var next *yaml.Node
		switch p := p.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == p {
						next = n.Content[i+1]
						line, column = n.Content[i].Line, n.Content[i].Column
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && p < len(n.Content) {
				next = n.Content[p]
				line, column = next.Line, next.Column
			}
		}
		if next == nil {
			return line, column
		}
		n = next
	}
	return line, column
}
