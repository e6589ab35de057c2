terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

locals {
  environments = toset(["staging", "production"])
}

# Plain bucket: S3 falls back to SSE-S3.
resource "aws_s3_bucket" "artifacts" { # expect: aws-s3-bucket-encryption-kms
  bucket = "${var.prefix}-artifacts"
}

# One bucket per environment, but only staging gets a configuration.
resource "aws_s3_bucket" "reports" { # expect: aws-s3-bucket-encryption-kms
  for_each = local.environments
  bucket   = "${var.prefix}-reports-${each.key}"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "reports_staging" {
  bucket = aws_s3_bucket.reports["staging"].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256" # expect: aws-s3-bucket-encryption-kms
    }
  }
}

resource "aws_s3_bucket" "uploads" {
  bucket = "${var.prefix}-uploads"
}

# aws:kms without a key: the AWS-managed aws/s3 key.
resource "aws_s3_bucket_server_side_encryption_configuration" "uploads" {
  bucket = aws_s3_bucket.uploads.bucket

  rule {
    apply_server_side_encryption_by_default { # expect: aws-s3-bucket-encryption-kms
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket" "exports" {
  bucket = "${var.prefix}-exports"
}

# Joined by the literal bucket name; only toggles the bucket key.
resource "aws_s3_bucket_server_side_encryption_configuration" "exports" {
  bucket = "${var.prefix}-exports"

  rule { # expect: aws-s3-bucket-encryption-kms
    bucket_key_enabled = true
  }
}

# Legacy inline configuration (aws provider v3 style) with the AWS-managed alias.
resource "aws_s3_bucket" "legacy" {
  bucket = "${var.prefix}-legacy"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = "alias/aws/s3" # expect: aws-s3-bucket-encryption-kms
      }
    }
  }
}

data "aws_kms_alias" "s3" {
  name = "alias/aws/s3"
}

resource "aws_s3_bucket" "audit" {
  bucket = "${var.prefix}-audit"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "audit" {
  bucket = aws_s3_bucket.audit.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = data.aws_kms_alias.s3.target_key_arn # expect: aws-s3-bucket-encryption-kms
    }
  }
}

# Network Load Balancer access logs support SSE-KMS with a customer-managed
# key, so their bucket gets no SSE-S3 exemption.
resource "aws_s3_bucket" "nlb_logs" {
  bucket = "${var.prefix}-nlb-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "nlb_logs" {
  bucket = aws_s3_bucket.nlb_logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256" # expect: aws-s3-bucket-encryption-kms
    }
  }
}

resource "aws_lb" "ingest" {
  name               = "${var.prefix}-ingest"
  load_balancer_type = "network"
  internal           = true
  subnets            = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]

  access_logs {
    bucket  = aws_s3_bucket.nlb_logs.id
    enabled = true
  }
}

# An Application Load Balancer names this bucket but leaves access logging
# off (enabled defaults to false): not a log bucket.
resource "aws_s3_bucket" "staging_logs" { # expect: aws-s3-bucket-encryption-kms
  bucket = "${var.prefix}-staging-logs"
}

resource "aws_lb" "staging" {
  name     = "${var.prefix}-staging"
  internal = true
  subnets  = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]

  access_logs {
    bucket = aws_s3_bucket.staging_logs.id
  }
}
