// Command genindex writes policies' generated files (package gen) into the
// current directory; go generate runs it in policies/.
package main

import (
	"fmt"
	"os"

	"github.com/tollgate-dev/tollgate/policies/internal/gen"
)

func main() {
	files, err := gen.Files(os.DirFS("."))
	if err == nil {
		for name, b := range files {
			if err = os.WriteFile(name, b, 0o644); err != nil {
				break
			}
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genindex:", err)
		os.Exit(1)
	}
}
