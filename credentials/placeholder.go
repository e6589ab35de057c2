package credentials

import (
	"regexp"
	"strings"
)

// placeholderPatterns are values written where a credential will go, not
// credentials: references resolved at deploy or run time, template syntax,
// documentation stand-ins and masks.
var placeholderPatterns = regexp.MustCompile(strings.Join([]string{
	`\$\{\{[^}]*\}\}`,            // GitHub Actions ${{ secrets.X }}
	`\$\{[^}]*\}`,                // ${VAR}, Terraform interpolation
	`^\$[A-Za-z_][A-Za-z0-9_]*$`, // $VAR
	`\{\{[^}]*\}\}`,              // {{resolve:...}}, Jinja, Helm, Handlebars
	`^%[A-Za-z_][A-Za-z0-9_]*%$`, // %VAR% (Windows)
	`^<[^<>]*>$`,                 // <password>
	`(?i)^(x{3,}|\*{3,}|\.{3,}|#{3,}|0{6,})$`,
	`(?i)x{5,}|\*{4,}`, // masked: sk_live_xxxxxxxx, ****
	`(?i)changeme|change_me|change-me|replaceme|replace_me|your[-_ ]?(api[-_ ]?)?(key|token|secret|password)|placeholder|redacted|dummy`,
	`EXAMPLE`, // AWS documentation keys: AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
	`(?i)^(password|passwd|pass|pw|secret|test|example|sample|none|null|empty|todo|tbd|fixme)$`,
}, "|"))

// Placeholder reports whether a detected value is a placeholder or a
// reference rather than a credential.
func Placeholder(secret string) bool {
	return placeholderPatterns.MatchString(strings.TrimSpace(secret))
}
