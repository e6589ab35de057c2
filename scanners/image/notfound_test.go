package image

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
)

// TestNotFound pins the one test checksum, promote and attest/attach use
// to tell a missing artifact (exit 1) from an unreadable registry (exit 2).
func TestNotFound(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"404", &transport.Error{StatusCode: http.StatusNotFound}, true},
		{"wrapped 404", fmt.Errorf("ref: %w", &transport.Error{StatusCode: http.StatusNotFound}), true},
		{"manifest unknown code", &transport.Error{StatusCode: http.StatusBadRequest, Errors: []transport.Diagnostic{{Code: transport.ManifestUnknownErrorCode}}}, true},
		{"name unknown code", &transport.Error{StatusCode: http.StatusBadRequest, Errors: []transport.Diagnostic{{Code: transport.NameUnknownErrorCode}}}, true},
		{"unauthorized", &transport.Error{StatusCode: http.StatusUnauthorized, Errors: []transport.Diagnostic{{Code: transport.UnauthorizedErrorCode}}}, false},
		{"server error", &transport.Error{StatusCode: http.StatusInternalServerError}, false},
		{"not a registry answer", errors.New("MANIFEST_UNKNOWN"), false},
		{"nil", nil, false},
	} {
		if got := NotFound(tc.err); got != tc.want {
			t.Errorf("%s: NotFound = %v, want %v", tc.name, got, tc.want)
		}
	}
}
