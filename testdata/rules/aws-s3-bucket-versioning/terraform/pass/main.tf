terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

variable "access_log_bucket" {
  type        = string
  description = "The organisation's central access log bucket"
}

variable "versioning_status" {
  type        = string
  description = "Versioning of the scratch bucket, set per environment"
}

resource "aws_kms_key" "storage" {
  description         = "Data buckets"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "data" {
  for_each = toset(["invoices", "scratch"])
  bucket   = "acme-${each.key}"
}

resource "aws_s3_bucket_versioning" "invoices" {
  bucket = aws_s3_bucket.data["invoices"].id

  versioning_configuration {
    status = "Enabled"
  }
}

# Decided at apply time: an unknown is not reported.
resource "aws_s3_bucket_versioning" "scratch" {
  bucket = aws_s3_bucket.data["scratch"].id

  versioning_configuration {
    status = var.versioning_status
  }
}

resource "aws_s3_bucket_logging" "data" {
  for_each      = aws_s3_bucket.data
  bucket        = each.value.id
  target_bucket = var.access_log_bucket
  target_prefix = "${each.key}/"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  for_each = aws_s3_bucket.data
  bucket   = each.value.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.storage.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "data" {
  for_each                = aws_s3_bucket.data
  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

data "aws_iam_policy_document" "tls_only" {
  for_each = aws_s3_bucket.data

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [each.value.arn, "${each.value.arn}/*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "data" {
  for_each = aws_s3_bucket.data
  bucket   = each.value.id
  policy   = data.aws_iam_policy_document.tls_only[each.key].json
}
