// Package rulefixtures reads the expectations of rule fixtures. Fixtures
// live in testdata/rules/<rule-id>/<format>/; a fixture is a file or a
// directory named fail* or pass*. Every line where a rule must report
// carries a comment `# expect: <rule-id>[, <rule-id>]`; files that cannot
// hold comments (JSON, image archives) list `<line> <rule-id>` in a sidecar
// <name>.expect. Expectations are written from AWS, Terraform and Docker
// semantics by the fixture's author, independently of what tollgate
// outputs, so tests check locations rather than record them.
package rulefixtures

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Config, in a fixture format directory, is the .tollgate.yaml its
// fixtures are evaluated with (rules that only run when configured).
const Config = "tollgate.yaml"

// A rule id may carry /unknown: the undecided findings of the rule
// (scan --unknown=block).
var marker = regexp.MustCompile(`#\s*expect:\s*([a-z0-9-]+(?:/unknown)?(?:\s*,\s*[a-z0-9-]+(?:/unknown)?)*)(.*)`)

// Expectation is one finding a fixture asks for.
type Expectation struct {
	File   string // the fixture file, as walked from the fixture path
	Line   int
	RuleID string
}

// Read walks a fixture (file or directory) and returns every expectation
// of every rule in it, in walk order.
func Read(fixture string) ([]Expectation, error) {
	var out []Expectation
	err := filepath.Walk(fixture, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || strings.HasSuffix(p, ".expect") {
			return err
		}
		if side, err := os.ReadFile(p + ".expect"); err == nil {
			for _, line := range strings.Split(strings.TrimSpace(string(side)), "\n") {
				fields := strings.Fields(line)
				if len(fields) != 2 {
					return fmt.Errorf("%s.expect: want `<line> <rule-id>`, got %q", p, line)
				}
				n, err := strconv.Atoi(fields[0])
				if err != nil {
					return fmt.Errorf("%s.expect: %q is not a line number", p, fields[0])
				}
				out = append(out, Expectation{File: p, Line: n, RuleID: fields[1]})
			}
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for n := 1; sc.Scan(); n++ {
			m := marker.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			// A marker ends its line: anything after the list is an id
			// the pattern stopped at (a missing comma, a capital), and
			// dropping it would leave its finding unchecked.
			if rest := strings.TrimSpace(m[2]); rest != "" {
				return fmt.Errorf("%s:%d: expect marker: %q is not a rule id (ids are lower-case, separated by commas)", p, n, rest)
			}
			for _, id := range strings.Split(m[1], ",") {
				out = append(out, Expectation{File: p, Line: n, RuleID: strings.TrimSpace(id)})
			}
		}
		return sc.Err()
	})
	return out, err
}
