// Command gen writes synthetic infrastructure trees (package synth) for
// tollgate's benchmarks.
//
//	go run ./bench/gen -kind cfn -n 1000 -out /tmp/cfn
//	go run ./bench/gen -kind cfn-wide -n 132000 -out /tmp/wide
//	go run ./bench/gen -kind terraform -n 500 -out /tmp/tf
package main

import (
	"flag"
	"fmt"
	"math/rand"
	"os"

	"github.com/tollgate-dev/tollgate/bench/synth"
)

func main() {
	kind := flag.String("kind", "cfn", "cfn, cfn-wide (one template of n S3 buckets), terraform or image")
	n := flag.Int("n", 1000, "number of files (cfn-wide: buckets; image: layers)")
	layerMB := flag.Int64("layer-mb", 50, "image: size of each layer in MB")
	out := flag.String("out", "", "output directory (created); image: the tarball to write")
	seed := flag.Int64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gen: -out is required")
		os.Exit(2)
	}
	rng := rand.New(rand.NewSource(*seed))
	var err error
	switch *kind {
	case "cfn":
		err = synth.CloudFormation(rng, *n, *out)
	case "cfn-wide":
		err = synth.CloudFormationWide(*n, *out)
	case "terraform":
		err = synth.Terraform(rng, *n, *out)
	case "image":
		err = synth.Image(*out, *n, *layerMB<<20)
	default:
		err = fmt.Errorf("unknown kind %q", *kind)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
