package jsonreport

import (
	"io"

	"github.com/tollgate-dev/tollgate/report"
)

// Format registers the json output with the report formats.
var Format = report.Format{
	Name:          "json",
	Description:   "tollgate's JSON report (input of merge and baselines)",
	AbsolutePaths: false,
	Write: func(w io.Writer, rep report.Report, env report.Env) error {
		return Write(w, rep)
	},
}
