package image

import "github.com/tollgate-dev/tollgate/transport"

// Timeouts bound each request to a registry; see transport.Timeouts.
type Timeouts = transport.Timeouts
