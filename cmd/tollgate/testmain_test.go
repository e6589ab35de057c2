package main

import (
	"fmt"
	"os"
	"testing"
)

// TestMain points the user cache directory (the default cache root) at a
// temporary folder: the tests' scans must not fill the real one, nor reuse
// what another run left there.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tollgate-test-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
