package engine

import (
	"context"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/tollgate-dev/tollgate/document"
)

// A built-in rule whose METADATA lists only provider resource types
// (custom.resource_types: AWS::S3::Bucket, aws_s3_bucket) reports only on
// resources of those types, so it can find nothing in a document that holds
// none of them; Evaluate leaves it out of such a document's query. Most
// rules of a format concern one service, and most documents hold a few
// services: evaluating every rule against every document cost about
// 4.5 ms per empty template, most of a small file's evaluation.
// TestRuleSelectionFindsWhatEveryRuleFinds holds every built-in rule's
// findings, on its fixtures and on the shared corpus, to the types it
// declares. Rules users write always run: their resource_types is
// documentation, which nothing here checks.

// selectableTypes returns the types a rule is selected by, or nil when it
// always runs: rules not built in, rules without resource_types, and rules
// that also name something that is not a provider resource type (a module
// call, a variable, the lock file, a Dockerfile stage).
func selectableTypes(builtin bool, types []string) []string {
	if !builtin || len(types) == 0 {
		return nil
	}
	for _, t := range types {
		if !resourceType(t) {
			return nil
		}
	}
	return types
}

// resourceType reports whether t names an AWS resource type as
// CloudFormation (AWS::Service::Resource) or the Terraform AWS provider
// (aws_service_resource, resources and data sources alike) spell it.
func resourceType(t string) bool {
	return strings.HasPrefix(t, "AWS::") || strings.HasPrefix(t, "aws_")
}

// subsets caches the prepared queries of a format's rule subsets, by
// which rules they hold: documents of one repository hold few distinct
// sets of services.
type subsets struct {
	mu   sync.Mutex
	sets map[string]*subset
}

// subset is a prepared query over some of a format's rules: element j of
// its result array is the deny set of the format's rule index[j].
type subset struct {
	pq    rego.PreparedEvalQuery
	index []int
}

// forDocument returns the rules of q that can find something in doc: all
// of them (nil) when none can be left out.
func (q *formatQuery) forDocument(ctx context.Context, doc *document.Document) (*subset, error) {
	if q.types == nil {
		return nil, nil
	}
	present := make(map[string]bool, len(doc.Resources))
	for _, r := range doc.Resources {
		present[r.Type] = true
	}
	key := make([]byte, len(q.rules))
	var index []int
	for i, types := range q.types {
		key[i] = '0'
		if types == nil || anyPresent(types, present) {
			key[i] = '1'
			index = append(index, i)
		}
	}
	if len(index) == len(q.rules) {
		return nil, nil
	}
	q.subsets.mu.Lock()
	defer q.subsets.mu.Unlock()
	if s, ok := q.subsets.sets[string(key)]; ok {
		return s, nil
	}
	s := &subset{index: index}
	refs := make([]string, len(index))
	for j, i := range index {
		refs[j] = q.refs[i]
	}
	if len(refs) > 0 {
		pq, err := q.prepare(ctx, "x = ["+strings.Join(refs, ", ")+"]")
		if err != nil {
			return nil, err
		}
		s.pq = pq
	}
	if q.subsets.sets == nil {
		q.subsets.sets = map[string]*subset{}
	}
	q.subsets.sets[string(key)] = s
	return s, nil
}

func anyPresent(types []string, present map[string]bool) bool {
	for _, t := range types {
		if present[t] {
			return true
		}
	}
	return false
}

// allRules is the index of a query over all n rules of a format.
func allRules(n int) []int {
	index := make([]int, n)
	for i := range index {
		index[i] = i
	}
	return index
}

// PrepareFor compiles the rules the documents need, and only those: for
// each format, the rules that always run and the built-in rules whose
// resource types some document of the format holds. A run that knows all
// its documents before evaluating any (a pre-commit hook's few files)
// compiles a fraction of what Prepare of their formats would: a template
// with a VPC and an ECS cluster needs the rules of those services, not of
// the hundred others. A document evaluated later that needs a rule left
// out has its format compiled in full first (Evaluate), so a partial
// query never decides a document it does not cover.
func (e *Engine) PrepareFor(ctx context.Context, docs []*document.Document) error {
	present := map[string]map[string]bool{}
	var formats []string
	for _, d := range docs {
		if present[d.Format] == nil {
			present[d.Format] = map[string]bool{}
			formats = append(formats, d.Format)
		}
		for _, r := range d.Resources {
			present[d.Format][r.Type] = true
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.everyRule {
		return e.prepare(ctx, formats, nil)
	}
	return e.prepare(ctx, formats, func(format string, p rulePackage) bool {
		types := selectableTypes(p.rule.Builtin, p.rule.ResourceTypes)
		return types == nil || anyPresent(types, present[format])
	})
}

// leavesOut reports whether doc holds a resource type of a rule that a
// partial query left out.
func (q *formatQuery) leavesOut(doc *document.Document) bool {
	if q.partial == nil {
		return false
	}
	for _, r := range doc.Resources {
		if q.partial[r.Type] {
			return true
		}
	}
	return false
}

// Prepared says how many of a format's rules are compiled and whether
// that is all of them (false with none): what PrepareFor left out shows
// here, for tests and diagnostics.
func (e *Engine) Prepared(format string) (rules int, all bool) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	q, ok := e.queries[format]
	if !ok {
		return 0, false
	}
	return len(q.rules), q.partial == nil
}
