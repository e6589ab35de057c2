package sarif

import (
	"io"

	"github.com/tollgate-dev/tollgate/report"
)

// Format registers the sarif output with the report formats.
var Format = report.Format{
	Name:          "sarif",
	Description:   "SARIF 2.1.0, for GitHub code scanning and GitLab",
	AbsolutePaths: true,
	Write: func(w io.Writer, rep report.Report, env report.Env) error {
		return Write(w, rep, Options{SourceRoot: env.SourceRoot, Category: env.Category})
	},
}
