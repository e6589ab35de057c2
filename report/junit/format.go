package junit

import (
	"io"

	"github.com/tollgate-dev/tollgate/report"
)

// Format registers the junit output with the report formats.
var Format = report.Format{
	Name:          "junit",
	Description:   "JUnit XML, for CI test report views",
	AbsolutePaths: false,
	Write: func(w io.Writer, rep report.Report, env report.Env) error {
		return Write(w, rep)
	},
}
