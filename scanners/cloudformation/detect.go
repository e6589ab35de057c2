package cloudformation

import (
	"bytes"
	"path"
	"regexp"
	"strings"
)

var (
	yamlVersionKey   = regexp.MustCompile(`(?m)^(?:AWSTemplateFormatVersion|"AWSTemplateFormatVersion"|'AWSTemplateFormatVersion')[ \t]*:`)
	yamlResourcesKey = regexp.MustCompile(`(?m)^(?:Resources|"Resources"|'Resources')[ \t]*:`)
	resourceType     = regexp.MustCompile(`["']?Type["']?[ \t]*:[ \t]*["']?(?:AWS|Custom|Alexa)::`)
)

// Detect reports whether a file is a CloudFormation template: a top-level
// AWSTemplateFormatVersion, or a top-level Resources whose entries have
// AWS::, Custom:: or Alexa:: types. It looks at bytes only, never parses, so
// a template with a syntax error is still detected and then fails to scan
// instead of passing unseen.
func Detect(file string, content []byte) bool {
	switch strings.ToLower(path.Ext(file)) {
	case ".json", ".yaml", ".yml", ".template":
	default:
		return false
	}
	hasVersion := bytes.Contains(content, []byte("AWSTemplateFormatVersion"))
	if !hasVersion && !(bytes.Contains(content, []byte("Resources")) &&
		(bytes.Contains(content, []byte("AWS::")) || bytes.Contains(content, []byte("Custom::")) || bytes.Contains(content, []byte("Alexa::")))) {
		return false
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(content, utf8BOM), " \t\r\n")
	if len(t) > 0 && t[0] == '{' {
		version, resources := jsonTopKeys(t)
		return version || resources && resourceType.Match(t)
	}
	if yamlVersionKey.Match(content) {
		return true
	}
	return yamlResourcesKey.Match(content) && resourceType.Match(content)
}

// jsonTopKeys scans a JSON object for the keys CloudFormation requires at
// its top level, tracking nesting and strings but not validating anything.
func jsonTopKeys(b []byte) (version, resources bool) {
	depth := 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		case '"':
			start := i + 1
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
			if depth != 1 || i >= len(b) {
				continue
			}
			key := b[start:i]
			j := i + 1
			for j < len(b) && (b[j] == ' ' || b[j] == '\t' || b[j] == '\r' || b[j] == '\n') {
				j++
			}
			if j >= len(b) || b[j] != ':' {
				continue
			}
			switch string(key) {
			case "AWSTemplateFormatVersion":
				version = true
			case "Resources":
				resources = true
			}
		}
	}
	return version, resources
}
