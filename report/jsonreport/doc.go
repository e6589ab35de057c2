// Package jsonreport renders a report as tollgate's own JSON document, for
// scripts and dashboards. The shape is a public, versioned contract
// (SCHEMA.md beside this file): fields are only ever added within a
// version; renaming or removing one bumps "version".
//
// Version "1":
//
//	{
//	  "version": "1",
//	  "tool": {"name": "tollgate", "version": "1.2.3", "informationUri": "https://..."},
//	  "summary": {
//	    "verdict": "passed" | "blocked" | "undecided",
//	    "failOn": "high",
//	    "findings": 3,                      // unsuppressed findings
//	    "bySeverity": {"critical": 1, "high": 1, "medium": 1, "low": 0, "info": 0},
//	    "suppressed": 2,
//	    "errors": 1, "warnings": 1,         // diagnostics by level
//	    "filesScanned": {"cloudformation": 3, "terraform": 1},
//	    "filesSkipped": 2
//	  },
//	  "findings": [{
//	    "ruleId": "...", "title": "...", "severity": "high", "theme": "encryption",
//	    "message": "...", "remediation": "...",            // remediation optional
//	    "format": "cloudformation",
//	    "resource": "...", "resourceId": "...", "resourceType": "...", // id, type optional
//	    "location": {"file": "...", "line": 12, "column": 7, "endLine": 12, "endColumn": 30},
//	    "related": [{"message": "...", "location": {...}}],
//	    "path": ["Resources", "Db", "Properties"],
//	    "fingerprint": "...",
//	    "suppressed": {"kind": "inline" | "config" | "baseline", "reason": "...", "expires": "YYYY-MM-DD"}
//	  }],
//	  "diagnostics": [{"level": "error" | "warning" | "note", "message": "...", "location": {...}}]
//	}
//
// Arrays are always present (possibly empty), never null; optional strings
// and end positions are omitted when unknown; suppressed findings are listed
// with "suppressed" set. Output is indented with two spaces and ends in a
// newline; object keys appear in the order shown.
package jsonreport
