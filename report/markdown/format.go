package markdown

import (
	"io"

	"github.com/tollgate-dev/tollgate/report"
)

// Format registers the markdown output with the report formats.
var Format = report.Format{
	Name:          "markdown",
	Description:   "a Markdown summary (job summaries, merge request comments)",
	AbsolutePaths: true,
	Write: func(w io.Writer, rep report.Report, env report.Env) error {
		return Write(w, rep, Options{SourceRoot: env.SourceRoot})
	},
}
