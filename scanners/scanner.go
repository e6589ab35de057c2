// Package scanners defines what a scanner is. Each subpackage turns one kind
// of source into documents and knows nothing of the others, of Rego or of
// reporting.
package scanners

import (
	"context"
	"fmt"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/srcfs"
)

// Unit is one piece of work discovery hands to a scanner: a file (a
// template, a Dockerfile), or a directory (a Terraform module, a CDK
// assembly) with the files that belong to it.
type Unit struct {
	// Path is the file or directory, slash-separated, as reported to users.
	Path string
	// Files belong to a directory unit (sorted, slash-separated paths).
	Files []string
	// Content is the file's bytes when discovery has already read them, so
	// no file is read twice. Nil for directory units.
	Content []byte
	// Size is the file's size when discovery knows it without holding its
	// bytes (a text file past the bytes it hands on): what a scan of it
	// will cost, for dealing targets out to shards and workers.
	Size int64
	// Contents holds files discovery has already read for directory units,
	// by path (it may hold more than Files: a Terraform root also reads the
	// modules it calls). Shared between units: read only.
	Contents map[string][]byte
	// FS is what the unit's files, and any file they reference, are read
	// from, by the names above (nil: the working tree).
	FS *srcfs.FS
}

// Bytes returns the content of a file unit: what discovery already read,
// else the file itself (a caller that scans one file directly), read with
// ReadFile. Either is refused when over limit (limit <= 0: no limit).
func (u Unit) Bytes(ctx context.Context, limit int64) ([]byte, error) {
	if u.Content != nil {
		if limit > 0 && int64(len(u.Content)) > limit {
			return nil, fmt.Errorf("%s: %w", u.Path, &TooLargeError{Size: int64(len(u.Content)), Limit: limit})
		}
		u.FS.Saw(u.Path, u.Content)
		return u.Content, nil
	}
	b, err := ReadFile(ctx, u.FS, u.Path, limit)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u.Path, err)
	}
	return b, nil
}

// Result is what scanning a unit produced. A scanner that fails on part of
// a unit returns the documents it could build and error diagnostics for the
// rest: other files are still evaluated, and the run exits 2.
type Result struct {
	Documents   []*document.Document
	Diagnostics []document.Diagnostic
	// Skipped means the unit turned out not to be worth scanning (a binary
	// or oversized file): counted with the files discovery skipped.
	Skipped bool
}

// Scanner turns units into documents.
type Scanner interface {
	// Name is the scanner's format family, used in summaries and errors.
	Name() string
	// Scan parses and resolves one unit. An error (ideally a
	// *document.SourceError) means the unit could not be scanned at all.
	Scan(ctx context.Context, u Unit) (Result, error)
}
