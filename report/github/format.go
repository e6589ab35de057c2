package github

import (
	"io"

	"github.com/tollgate-dev/tollgate/report"
)

// Format registers the github output with the report formats.
var Format = report.Format{
	Name:          "github",
	Description:   "GitHub Actions workflow annotations",
	AbsolutePaths: true,
	Write: func(w io.Writer, rep report.Report, env report.Env) error {
		return Write(w, rep, Options{SourceRoot: env.SourceRoot})
	},
}
