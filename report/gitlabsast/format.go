package gitlabsast

import (
	"io"
	"os"
	"strconv"
	"time"

	"github.com/tollgate-dev/tollgate/report"
)

// Format registers the gitlab-sast output with the report formats.
var Format = report.Format{
	Name:          "gitlab-sast",
	Description:   "GitLab SAST security report (merge request security widget, vulnerability report)",
	AbsolutePaths: true,
	Write: func(w io.Writer, rep report.Report, env report.Env) error {
		return Write(w, rep, Options{SourceRoot: env.SourceRoot, Time: ScanTime(os.Getenv)})
	},
}

// ScanTime is the time a report names as its scan's start and end: the
// GitLab job's start (CI_JOB_STARTED_AT), else SOURCE_DATE_EPOCH (the
// reproducible-builds convention), else the Unix epoch. Never the clock:
// the same job and input give byte-identical reports.
func ScanTime(getenv func(string) string) time.Time {
	if t, err := time.Parse(time.RFC3339, getenv("CI_JOB_STARTED_AT")); err == nil {
		return t.UTC()
	}
	if s, err := strconv.ParseInt(getenv("SOURCE_DATE_EPOCH"), 10, 64); err == nil && s >= 0 {
		return time.Unix(s, 0).UTC()
	}
	return time.Unix(0, 0).UTC()
}
