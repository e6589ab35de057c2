package codequality

import (
	"io"

	"github.com/tollgate-dev/tollgate/report"
)

// Format registers the gitlab-codequality output with the report formats.
var Format = report.Format{
	Name:          "gitlab-codequality",
	Description:   "GitLab Code Quality report",
	AbsolutePaths: true,
	Write: func(w io.Writer, rep report.Report, env report.Env) error {
		return Write(w, rep, Options{SourceRoot: env.SourceRoot})
	},
}
