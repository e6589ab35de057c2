package text

import (
	"io"

	"github.com/tollgate-dev/tollgate/report"
)

// Format registers the text output with the report formats.
var Format = report.Format{
	Name:          "text",
	Description:   "human-readable, for terminals and logs",
	AbsolutePaths: false,
	Write: func(w io.Writer, rep report.Report, env report.Env) error {
		return Write(w, rep, Options{Color: env.Color, Quiet: env.Quiet})
	},
}
