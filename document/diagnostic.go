package document

import (
	"errors"
	"fmt"
	"strings"
)

// Level is a diagnostic's severity.
type Level string

// Diagnostic levels. An error means tollgate could not decide (exit 2).
const (
	LevelError   Level = "error"
	LevelWarning Level = "warning"
	LevelNote    Level = "note"
)

// Diagnostic is a problem with the scan itself (not a policy finding): a
// file that does not parse, a module that is not initialised.
type Diagnostic struct {
	Level   Level  `json:"level"`
	Message string `json:"message"`
	Range   Range  `json:"location"`
}

// Diagnostics collects the problems of a scan, in HCL's style: every stage
// appends to one list, and the gate asks HasErrors.
type Diagnostics []Diagnostic

// Add appends a diagnostic at a place.
func (d *Diagnostics) Add(level Level, at Range, format string, args ...any) {
	*d = append(*d, Diagnostic{Level: level, Message: fmt.Sprintf(format, args...), Range: at})
}

// Append records err as an error at file, or at the position a
// *SourceError inside it carries (its file defaulting to file). The
// message does not repeat the file.
func (d *Diagnostics) Append(file string, err error) {
	if err == nil {
		return
	}
	var se *SourceError
	if errors.As(err, &se) {
		rng := se.Range
		if rng.File == "" {
			rng.File = file
		}
		*d = append(*d, Diagnostic{Level: LevelError, Message: se.Err.Error(), Range: rng})
		return
	}
	*d = append(*d, Diagnostic{Level: LevelError, Message: strings.TrimPrefix(err.Error(), file+": "), Range: Range{File: file}})
}

// HasErrors reports whether one diagnostic is an error.
func (d Diagnostics) HasErrors() bool {
	for _, x := range d {
		if x.Level == LevelError {
			return true
		}
	}
	return false
}

// SourceError is an error at a known place in a source file. Scanners return
// it (wrapped or not) so the CLI can print file:line:col.
type SourceError struct {
	Range Range
	Err   error
}

func (e *SourceError) Error() string { return fmt.Sprintf("%s: %v", e.Range, e.Err) }

func (e *SourceError) Unwrap() error { return e.Err }
