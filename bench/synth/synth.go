// Package synth writes synthetic infrastructure trees for tollgate's
// benchmarks: CloudFormation templates, a Terraform monorepo with local
// modules and for_each (deterministic for a given seed), or a large image.
package synth

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

func write(path, content string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(content), 0o644)
}

// cfnResources are realistic resource bodies; %[1]s is a unique suffix.
var cfnResources = []string{
	`  Bucket%[1]s:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "data-%[1]s-${AWS::AccountId}"
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !Ref Key%[1]s
      VersioningConfiguration: {Status: Enabled}
  Key%[1]s:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
`,
	`  Db%[1]s:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: !FindInMap [Sizes, !Ref Environment, Db]
      AllocatedStorage: "100"
      MasterUsername: app
      MasterUserPassword: "{{resolve:secretsmanager:db-%[1]s:SecretString:password}}"
      StorageEncrypted: !If [IsProd, true, false]
`,
	`  Queue%[1]s:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Join ["-", [!Ref Environment, queue, "%[1]s"]]
      VisibilityTimeout: 60
`,
	`  Fn%[1]s:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Role%[1]s.Arn
      Code: {ZipFile: "def handler(e, c): return 1"}
      Environment:
        Variables:
          TABLE: !Ref Table%[1]s
          STAGE: !Ref Environment
  Role%[1]s:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
  Table%[1]s:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
`,
	`  Volume%[1]s:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: !Select [0, !GetAZs ""]
      Size: 100
      Encrypted: %[2]s
`,
}

// CloudFormation writes n templates below out.
func CloudFormation(rng *rand.Rand, n int, out string) error {
	for i := 0; i < n; i++ {
		var b strings.Builder
		b.WriteString(`AWSTemplateFormatVersion: "2010-09-09"
Description: generated template for benchmarks
Parameters:
  Environment:
    Type: String
    Default: prod
    AllowedValues: [dev, prod]
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Mappings:
  Sizes:
    prod: {Db: db.r6g.large}
    dev: {Db: db.t4g.micro}
Resources:
`)
		for j, k := 0, 5+rng.Intn(20); j < k; j++ {
			body := cfnResources[rng.Intn(len(cfnResources))]
			enc := "true"
			if rng.Intn(4) == 0 {
				enc = "false"
			}
			fmt.Fprintf(&b, body, fmt.Sprintf("%d%d", i, j), enc)
		}
		b.WriteString("Outputs:\n  Env:\n    Value: !Ref Environment\n")
		if err := write(filepath.Join(out, fmt.Sprintf("stack-%04d", i/100), fmt.Sprintf("template-%04d.yaml", i)), b.String()); err != nil {
			return err
		}
	}
	return nil
}

// CloudFormationWide writes one template of n S3 buckets below out: the
// shape of a generated monolith (132,000 buckets make about 14 MB, under
// the 16 MiB template cap), where any per-template cost that grows faster
// than the resource count shows. The buckets set only a name, so every one
// has findings to report.
func CloudFormationWide(n int, out string) error {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: generated wide template for benchmarks\nResources:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  Bucket%06d:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub \"wide-%06d-${AWS::AccountId}\"\n", i, i)
	}
	return write(filepath.Join(out, "wide.yaml"), b.String())
}

// Terraform writes n .tf files: services (root modules) of 4 files each that
// call two shared local modules with for_each.
func Terraform(rng *rand.Rand, n int, out string) error {
	modules := map[string]string{
		"modules/queue/main.tf": `variable "names" { type = set(string) }
variable "kms_key_arn" {
  type    = string
  default = null
}
resource "aws_sqs_queue" "q" {
  for_each          = var.names
  name              = "${each.key}-queue"
  kms_master_key_id = var.kms_key_arn
}
output "arns" { value = [for q in aws_sqs_queue.q : q.arn] }
`,
		"modules/bucket/main.tf": `variable "name" { type = string }
variable "encrypt" {
  type    = bool
  default = true
}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
resource "aws_s3_bucket" "b" {
  bucket = var.name
}
resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
  count  = var.encrypt ? 1 : 0
  bucket = aws_s3_bucket.b.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.k.arn
    }
  }
}
`,
	}
	for p, c := range modules {
		if err := write(filepath.Join(out, p), c); err != nil {
			return err
		}
	}
	files := len(modules)
	for svc := 0; files < n; svc++ {
		dir := filepath.Join(out, "services", fmt.Sprintf("svc-%03d", svc))
		queues := make([]string, 1+rng.Intn(5))
		for i := range queues {
			queues[i] = fmt.Sprintf("%q", fmt.Sprintf("q%d", i))
		}
		svcFiles := map[string]string{
			"versions.tf": `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}
provider "aws" { region = var.region }
`,
			"variables.tf": fmt.Sprintf(`variable "region" {
  type    = string
  default = "ap-southeast-2"
}
variable "env" {
  type    = string
  default = "prod"
}
variable "queues" {
  type    = set(string)
  default = [%s]
}
`, strings.Join(queues, ", ")),
			"main.tf": fmt.Sprintf(`locals {
  prefix = "svc%03d-${var.env}"
  buckets = { for k in ["logs", "data", "assets"] : k => "${local.prefix}-${k}" }
}
module "queues" {
  source      = "../../modules/queue"
  names       = var.queues
  kms_key_arn = aws_kms_key.svc.arn
}
module "buckets" {
  source   = "../../modules/bucket"
  for_each = local.buckets
  name     = each.value
  encrypt  = each.key != "assets"
}
resource "aws_kms_key" "svc" {
  enable_key_rotation = %t
}
`, svc, rng.Intn(5) != 0),
			"db.tf": fmt.Sprintf(`resource "aws_db_instance" "db" {
  identifier        = "${local.prefix}-db"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  storage_encrypted = %t
  username          = "app"
  manage_master_user_password = true
}
`, rng.Intn(3) != 0),
		}
		for name, c := range svcFiles {
			if err := write(filepath.Join(dir, name), c); err != nil {
				return err
			}
			files++
		}
	}
	return nil
}

// Image writes a `docker save` tarball of an image with the given number of
// layers of random (incompressible) content, each layerSize bytes.
func Image(path string, layers int, layerSize int64) error {
	img, err := random.Image(layerSize, int64(layers))
	if err != nil {
		return err
	}
	ref, err := name.ParseReference("bench.local/synthetic:latest")
	if err != nil {
		return err
	}
	return tarball.WriteToFile(path, ref, img)
}
