package cloudformation

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
)

const corpusDir = "../../../shared/corpus/aws-cloudformation-templates"

// corpusMalformed lists corpus files that are detected as templates but are
// not valid ones, with the error each must report; everything else Detect
// accepts must parse. All of them are sources for the rain CLI: its
// !Rain::Embed, !Rain::Module and !Rain::S3 tags are expanded by `rain pkg`
// and CloudFormation itself rejects them, so the deployable template is
// what rain produces.
var corpusMalformed = map[string]string{
	"APIGateway/apigateway_lambda_integration.yaml":                  "108:18: unknown tag !Rain",
	"CloudFormation/CustomResources/getfromjson/src/getfromjson.yml": "22:18: unknown tag !Rain",
	"CloudFormation/MacrosExamples/DateFunctions/date.yaml":          "41:18: unknown tag !Rain",
	"CloudFormation/MacrosExamples/PyPlate/python.yaml":              "60:18: unknown tag !Rain",
	"CloudFormation/MacrosExamples/StringFunctions/string.yaml":      "35:18: unknown tag !Rain",
	"CloudFormation/StackSets/common-resources-stackset.yaml":        "14:21: unknown tag !Rain",
	"CloudFormation/StackSets/common-resources.yaml":                 "17:11: unknown tag !Rain",
	"CloudFormation/StackSets/log-setup-management.yaml":             "177:21: unknown tag !Rain",
	"ElastiCache/Elasticache-snapshot.yaml":                          "220:18: unknown tag !Rain",
	"IoT/amzn2-greengrass-cfn.yaml":                                  "369:18: unknown tag !Rain",
	"RainModules/api-resource.yml":                                   "39:13: unknown tag !Rain",
	"RainModules/bucket.yml":                                         "62:11: unknown tag !Rain",
	"RainModules/static-site.yml":                                    "93:11: unknown tag !Rain",
	"Solutions/GitLab/GitLabServer.yaml":                             "47:11: unknown tag !Rain",
	"Solutions/GitLabAndVSCode/GitLabAndVSCode.yaml":                 "52:11: unknown tag !Rain",
	"Solutions/Gitea/Gitea.yaml":                                     "52:11: unknown tag !Rain",
	"Solutions/VSCode/VSCodeServer.yaml":                             "52:11: unknown tag !Rain",
}

func corpusFiles(tb testing.TB) []string {
	tb.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		tb.Skipf("corpus not available: %v", err)
	}
	var files []string
	err := filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".json", ".yaml", ".yml", ".template":
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

func TestCorpus(t *testing.T) {
	detected := 0
	for _, p := range corpusFiles(t) {
		content, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(corpusDir, p)
		rel = filepath.ToSlash(rel)
		if !Detect(p, content) {
			continue
		}
		detected++
		doc, err := Parse(rel, content)
		want, malformed := corpusMalformed[rel]
		switch {
		case err != nil && !malformed:
			t.Errorf("%s: %v", rel, err)
		case err == nil && malformed:
			t.Errorf("%s parsed but is listed as malformed (%s)", rel, want)
		case err != nil:
			var se *document.SourceError
			if !errors.As(err, &se) || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: error %v, want a SourceError containing %q", rel, err, want)
			}
		default:
			if len(doc.Resources) == 0 {
				t.Logf("%s: detected, no resources", rel)
			}
		}
	}
	t.Logf("%d templates detected", detected)
}
