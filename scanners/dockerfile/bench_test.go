package dockerfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkParse builds the documents of the Dockerfiles under testdata
// (the ones that parse), the per-file cost a scan of many pays.
func BenchmarkParse(b *testing.B) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*.Dockerfile"))
	if err != nil {
		b.Fatal(err)
	}
	var files [][]byte
	for _, p := range paths {
		if strings.HasPrefix(filepath.Base(p), "bad-") {
			continue
		}
		c, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, c)
	}
	if len(files) == 0 {
		b.Fatal("no Dockerfiles under testdata")
	}
	b.ReportAllocs()
	for range b.N {
		for _, c := range files {
			if _, _, err := Parse("Dockerfile", c, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}
