package document

import "fmt"

// Diagnostic levels. An error means tollgate could not decide (exit 2).
const (
	LevelError   = "error"
	LevelWarning = "warning"
	LevelNote    = "note"
)

// Diagnostic is a problem with the scan itself (not a policy finding): a
// file that does not parse, a module that is not initialised.
type Diagnostic struct {
	Level   string `json:"level"`
	Message string `json:"message"`
	Range   Range  `json:"location"`
}

// SourceError is an error at a known place in a source file. Scanners return
// it (wrapped or not) so the CLI can print file:line:col.
type SourceError struct {
	Range Range
	Err   error
}

func (e *SourceError) Error() string { return fmt.Sprintf("%s: %v", e.Range, e.Err) }

func (e *SourceError) Unwrap() error { return e.Err }
