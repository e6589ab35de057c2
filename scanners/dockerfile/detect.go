package dockerfile

import (
	"path"
	"strings"
)

// Detect reports whether a file name is a Dockerfile by the names Docker,
// Podman and common tooling use: Dockerfile, Containerfile, Dockerfile.<x>,
// Containerfile.<x>, <x>.Dockerfile and <x>.dockerfile.
func Detect(p string) bool {
	base := path.Base(strings.ReplaceAll(p, "\\", "/"))
	switch {
	case base == "Dockerfile", base == "Containerfile":
		return true
	case strings.HasPrefix(base, "Dockerfile.") && len(base) > len("Dockerfile."),
		strings.HasPrefix(base, "Containerfile.") && len(base) > len("Containerfile."):
		// Dockerfile.dockerignore is Docker's per-Dockerfile ignore file;
		// template suffixes mark sources that must be rendered first.
		return !strings.HasSuffix(base, ".dockerignore") && !isTemplate(base)
	case strings.HasSuffix(base, ".Dockerfile") && len(base) > len(".Dockerfile"),
		strings.HasSuffix(base, ".dockerfile") && len(base) > len(".dockerfile"):
		return true
	}
	return false
}

var templateSuffixes = []string{".template", ".tmpl", ".tpl", ".j2", ".jinja", ".jinja2", ".gotmpl", ".erb"}

func isTemplate(base string) bool {
	for _, s := range templateSuffixes {
		if strings.HasSuffix(base, s) {
			return true
		}
	}
	return false
}
