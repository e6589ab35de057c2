package cdk_test

import (
	"github.com/tollgate-dev/tollgate/kinds"
	"github.com/tollgate-dev/tollgate/scanners/cdk"
)

// The engine of this package's tests loads the built-in rules, which name
// every kind's input schema: the list comes from package kinds, which
// package cdk itself cannot import.
func init() { cdk.AllKinds = kinds.All() }
