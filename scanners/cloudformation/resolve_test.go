package cloudformation

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
)

// resolveHeader gives the intrinsic cases something to resolve against.
const resolveHeader = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: prod}
  NoDefault: {Type: String}
  Secret: {Type: String, NoEcho: true, Default: hunter2}
  Subnets: {Type: CommaDelimitedList, Default: "a,b,c"}
  Port: {Type: Number, Default: 5432}
  Ami: {Type: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", Default: /aws/service/ami}
Mappings:
  RegionMap:
    us-east-1: {AMI: ami-1}
  EnvMap:
    prod: {Size: large, Zones: [za, zb]}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Unknowable: !Equals [!Ref NoDefault, x]
  ProdAndUnknowable: !And [!Condition IsProd, !Condition Unknowable]
  DevAndUnknowable: !And [!Condition IsDev, !Condition Unknowable]
  ProdOrUnknowable: {"Fn::Or": [{Condition: IsProd}, {Condition: Unknowable}]}
  Loop: !And [!Condition Loop, !Condition IsProd]
  PortIsNumber: !Equals [!Ref Port, "5432"]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Db:
    Type: AWS::RDS::DBInstance
  R:
    Type: AWS::SNS::Topic
    Properties:
      Value: %s
`

func unk(expr string, kv ...any) map[string]any {
	u := document.Unknown(expr, false)
	for i := 0; i+1 < len(kv); i += 2 {
		u[kv[i].(string)] = kv[i+1]
	}
	return u
}

// absent marks a case whose property must be removed (AWS::NoValue).
var absent = struct{ absent bool }{true}

func TestIntrinsics(t *testing.T) {
	cases := []struct {
		name, expr string
		want       any
	}{
		{"ref parameter default", `!Ref Env`, "prod"},
		{"ref parameter without default", `!Ref NoDefault`, unk("Ref NoDefault", "ref", "NoDefault")},
		{"ref NoEcho parameter", `!Ref Secret`, unk("Ref Secret", "ref", "Secret", "sensitive", true)},
		{"ref CommaDelimitedList", `!Ref Subnets`, []any{"a", "b", "c"}},
		{"ref Number keeps type", `!Ref Port`, int64(5432)},
		{"ref SSM parameter type", `!Ref Ami`, unk("Ref Ami", "ref", "Ami")},
		{"ref partition", `!Ref AWS::Partition`, "aws"},
		{"ref url suffix", `{Ref: "AWS::URLSuffix"}`, "amazonaws.com"},
		{"ref region", `!Ref AWS::Region`, unk("Ref AWS::Region")},
		{"ref NoValue", `!Ref AWS::NoValue`, absent},
		{"ref resource", `!Ref Bucket`, unk("Ref Bucket", "ref", "Bucket")},
		{"getatt scalar", `!GetAtt Bucket.Arn`, unk("Fn::GetAtt Bucket.Arn", "ref", "Bucket", "attribute", "Arn")},
		{"getatt dotted attribute", `!GetAtt Db.Endpoint.Address`, unk("Fn::GetAtt Db.Endpoint.Address", "ref", "Db", "attribute", "Endpoint.Address")},
		{"getatt sequence", `!GetAtt [Bucket, Arn]`, unk("Fn::GetAtt Bucket.Arn", "ref", "Bucket", "attribute", "Arn")},
		{"getatt long form", `{"Fn::GetAtt": [Bucket, DomainName]}`, unk("Fn::GetAtt Bucket.DomainName", "ref", "Bucket", "attribute", "DomainName")},
		{"sub parameter", `!Sub "${Env}-bucket"`, "prod-bucket"},
		{"sub partition", `!Sub "arn:${AWS::Partition}:s3:::x"`, "arn:aws:s3:::x"},
		{"sub region", `!Sub "${AWS::Region}-x"`, unk("Fn::Sub ${AWS::Region}-x")},
		{"sub with variables", `!Sub ["${A}-${Env}", {A: hello}]`, "hello-prod"},
		{"sub variable from intrinsic", `!Sub ["${A}", {A: !Ref Env}]`, "prod"},
		{"sub literal", `!Sub "${!Literal}-${Env}"`, "${Literal}-prod"},
		{"sub getatt", `!Sub "${Bucket.Arn}"`, unk("Fn::Sub ${Bucket.Arn}", "ref", "Bucket", "attribute", "Arn")},
		{"sub secret", `!Sub "pw=${Secret}"`, unk("Fn::Sub pw=${Secret}", "sensitive", true)},
		{"join", `!Join ["-", [a, !Ref Env, 1]]`, "a-prod-1"},
		{"join list parameter", `!Join [",", !Ref Subnets]`, "a,b,c"},
		{"join unknown", `!Join ["", [a, !Ref AWS::Region]]`, unk(`Fn::Join ["",["a",{"Ref":"AWS::Region"}]]`)},
		{"select", `!Select [1, !Ref Subnets]`, "b"},
		{"select string index", `!Select ["0", [x, y]]`, "x"},
		{"select known element of partly unknown list", `!Select [1, [!Ref Bucket, y]]`, "y"},
		{"select unknown element", `!Select [0, [!Ref Bucket, y]]`, unk("Ref Bucket", "ref", "Bucket")},
		{"select from GetAZs", `!Select [0, !GetAZs ""]`, unk(`Fn::Select [0,{"Fn::GetAZs":""}]`)},
		{"select out of range", `!Select [5, [x]]`, unk(`Fn::Select [5,["x"]]`)},
		{"split", `!Split [",", "a,b"]`, []any{"a", "b"}},
		{"split then select", `!Select [2, !Split ["/", "x/y/z"]]`, "z"},
		{"findinmap", `!FindInMap [EnvMap, !Ref Env, Size]`, "large"},
		{"findinmap list", `!FindInMap [EnvMap, prod, Zones]`, []any{"za", "zb"}},
		{"findinmap region", `!FindInMap [RegionMap, !Ref "AWS::Region", AMI]`, unk(`Fn::FindInMap ["RegionMap",{"Ref":"AWS::Region"},"AMI"]`)},
		{"findinmap default value", `!FindInMap [EnvMap, dev, Size, {DefaultValue: small}]`, "small"},
		{"base64", `!Base64 hello`, "aGVsbG8="},
		{"base64 unknown", `!Base64 {Ref: NoDefault}`, unk(`Fn::Base64 {"Ref":"NoDefault"}`)},
		{"if true", `!If [IsProd, big, small]`, "big"},
		{"if false", `!If [IsDev, big, small]`, "small"},
		{"if undecidable", `!If [Unknowable, a, b]`, unk(`Fn::If ["Unknowable","a","b"]`, "options", []any{"a", "b"})},
		{"if selects NoValue", `!If [IsProd, !Ref AWS::NoValue, x]`, absent},
		{"if undecidable with NoValue", `!If [Unknowable, !Ref AWS::NoValue, x]`, unk(`Fn::If ["Unknowable",{"Ref":"AWS::NoValue"},"x"]`, "options", []any{nil, "x"})},
		{"if undecidable with secret", `!If [Unknowable, !Ref Secret, x]`, unk(`Fn::If ["Unknowable",{"Ref":"Secret"},"x"]`, "sensitive", true, "options", []any{unk("Ref Secret", "ref", "Secret", "sensitive", true), "x"})},
		{"and with undecidable", `!If [ProdAndUnknowable, a, b]`, unk(`Fn::If ["ProdAndUnknowable","a","b"]`, "options", []any{"a", "b"})},
		{"and short-circuits false", `!If [DevAndUnknowable, a, b]`, "b"},
		{"or short-circuits true", `!If [ProdOrUnknowable, a, b]`, "a"},
		{"condition cycle is undecidable", `!If [Loop, a, b]`, unk(`Fn::If ["Loop","a","b"]`, "options", []any{"a", "b"})},
		{"missing condition is undecidable", `!If [Nope, a, b]`, unk(`Fn::If ["Nope","a","b"]`, "options", []any{"a", "b"})},
		{"equals compares strings", `!If [PortIsNumber, a, b]`, "a"},
		{"equals as value", `!Equals [!Ref Env, prod]`, true},
		{"not as value", `!Not [!Equals [!Ref Env, prod]]`, false},
		{"or as value", `!Or [!Equals [a, b], !Equals [c, c]]`, true},
		{"and unknown as value", `!And [!Equals [!Ref NoDefault, b], !Equals [c, c]]`, unk(`Fn::And [{"Fn::Equals":[{"Ref":"NoDefault"},"b"]},{"Fn::Equals":["c","c"]}]`)},
		{"tojsonstring", `!ToJsonString {a: 1, b: [!Ref Env]}`, `{"a":1,"b":["prod"]}`},
		{"tojsonstring unknown", `!ToJsonString {a: !Ref Bucket}`, unk(`Fn::ToJsonString {"a":{"Ref":"Bucket"}}`)},
		{"length", `!Length [a, b, c]`, int64(3)},
		{"length of parameter list", `!Length {Ref: Subnets}`, int64(3)},
		{"length unknown", `!Length {"Fn::GetAZs": ""}`, unk(`Fn::Length {"Fn::GetAZs":""}`)},
		{"cidr", `!Cidr [10.0.0.0/16, 6, 5]`, unk(`Fn::Cidr ["10.0.0.0/16",6,5]`)},
		{"importvalue", `!ImportValue shared-vpc`, unk("Fn::ImportValue shared-vpc")},
		{"importvalue secret name", `!ImportValue {"Fn::Sub": "${Secret}-x"}`, unk(`Fn::ImportValue {"Fn::Sub":"${Secret}-x"}`, "sensitive", true)},
		{"getazs", `!GetAZs ""`, unk("Fn::GetAZs ")},
		{"transform", `!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}`, unk(`Fn::Transform {"Name":"AWS::Include","Parameters":{"Location":"s3://b/k"}}`, "reason", "Fn::Transform AWS::Include (s3://b/k) adds content at deploy time that tollgate cannot see")},
		{"unknown function", `{"Fn::Frobnicate": x}`, unk("Fn::Frobnicate x")},
		{"NoValue inside list", `[a, !Ref AWS::NoValue, b]`, []any{"a", "b"}},
		{"NoValue inside map", `{A: !Ref AWS::NoValue, B: 1}`, map[string]any{"B": int64(1)}},
		{"dynamic reference stays a string", `"{{resolve:secretsmanager:db:SecretString:password}}"`, "{{resolve:secretsmanager:db:SecretString:password}}"},
		{"int", `5`, int64(5)},
		{"float", `1.5`, 1.5},
		{"bool", `true`, true},
		{"quoted bool stays string", `"true"`, "true"},
		{"leading zero stays string", `012345678901`, "012345678901"},
		{"date stays string", `2030-01-31`, "2030-01-31"},
		{"null", `null`, nil},
		{"condition key in a map is not a function", `{Condition: IsProd}`, map[string]any{"Condition": "IsProd"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse("t.yaml", []byte(fmt.Sprintf(resolveHeader, tc.expr)))
			if err != nil {
				t.Fatal(err)
			}
			props := doc.Input["Resources"].(map[string]any)["R"].(map[string]any)["Properties"].(map[string]any)
			got, ok := props["Value"]
			if tc.want == absent {
				if ok {
					t.Fatalf("Value = %#v, want it removed", got)
				}
				return
			}
			if !ok {
				t.Fatalf("Value missing, want %#v", tc.want)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("Value = %#v\nwant    %#v", got, tc.want)
			}
		})
	}
}

func TestWrittenSectionsKeepIntrinsics(t *testing.T) {
	src := `AWSTemplateFormatVersion: 2010-09-09
Parameters:
  Env: {Type: String, Default: prod}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Condition: IsProd
    DeletionPolicy: Retain
    Properties:
      BucketName: !Ref Env
      NotARealProperty: !GetAtt Other.Arn
Outputs:
  Name:
    Value: !Sub "${Bucket}-out"
`
	doc, err := Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	in := doc.Input
	if want := map[string]any{"api": int64(1), "format": "cloudformation", "file": "t.yaml"}; !reflect.DeepEqual(in["tollgate"], want) {
		t.Errorf("tollgate = %#v", in["tollgate"])
	}
	if in["AWSTemplateFormatVersion"] != "2010-09-09" {
		t.Errorf("version = %#v", in["AWSTemplateFormatVersion"])
	}
	wantCond := map[string]any{"IsProd": map[string]any{"Fn::Equals": []any{map[string]any{"Ref": "Env"}, "prod"}}}
	if !reflect.DeepEqual(in["Conditions"], wantCond) {
		t.Errorf("Conditions = %#v", in["Conditions"])
	}
	wantOut := map[string]any{"Name": map[string]any{"Value": map[string]any{"Fn::Sub": "${Bucket}-out"}}}
	if !reflect.DeepEqual(in["Outputs"], wantOut) {
		t.Errorf("Outputs = %#v", in["Outputs"])
	}
	b := in["Resources"].(map[string]any)["Bucket"].(map[string]any)
	if b["Condition"] != "IsProd" || b["DeletionPolicy"] != "Retain" || b["Type"] != "AWS::S3::Bucket" {
		t.Errorf("resource attributes not as written: %#v", b)
	}
	props := b["Properties"].(map[string]any)
	if props["BucketName"] != "prod" {
		t.Errorf("BucketName = %#v", props["BucketName"])
	}
	if !document.IsUnknown(props["NotARealProperty"]) {
		t.Errorf("unknown property name dropped or not unknown: %#v", props["NotARealProperty"])
	}
	if doc.Resources["Bucket"].Type != "AWS::S3::Bucket" || doc.Format != document.FormatCloudFormation || doc.File != "t.yaml" {
		t.Errorf("document metadata: %+v", doc)
	}
}

func TestExprIsTruncated(t *testing.T) {
	long := strings.Repeat("x", 1000)
	doc, err := Parse("t.yaml", []byte(fmt.Sprintf(resolveHeader, `!Join ["", [!Ref AWS::Region, "`+long+`"]]`)))
	if err != nil {
		t.Fatal(err)
	}
	v := doc.Input["Resources"].(map[string]any)["R"].(map[string]any)["Properties"].(map[string]any)["Value"].(map[string]any)
	if e := v["expr"].(string); len(e) > maxExprLen+len("…") || !strings.HasSuffix(e, "…") {
		t.Fatalf("expr not truncated: %d bytes", len(e))
	}
}

func TestFlowYAMLStartingWithBrace(t *testing.T) {
	// Valid YAML, invalid JSON: a .yaml file is not held to JSON's rules.
	doc, err := Parse("t.yaml", []byte("{Resources: {B: {Type: AWS::S3::Bucket, Properties: {BucketName: !Sub 'x-${AWS::Partition}'}}}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Input["Resources"].(map[string]any)["B"].(map[string]any)["Properties"].(map[string]any)["BucketName"]; got != "x-aws" {
		t.Fatalf("BucketName = %#v", got)
	}
	// The same text in a .json file is a JSON error.
	if _, err := Parse("t.json", []byte("{Resources: {}}")); err == nil {
		t.Fatal("unquoted keys must not parse as JSON")
	}
}
