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

resource "aws_kms_key" "data" {
  description         = "S3 data buckets"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "reports" {
  for_each = local.environments

  versioning {
    enabled = true
  }

  logging {
    target_bucket = "acme-access-logs"
  }

  bucket = "${var.prefix}-reports-${each.key}"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "reports" {
  for_each = aws_s3_bucket.reports
  bucket   = each.value.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket" "archive" {
  versioning {
    enabled = true
  }

  logging {
    target_bucket = "acme-access-logs"
  }

  bucket = "${var.prefix}-archive"
}

# Joined by the literal bucket name, dual-layer encryption.
resource "aws_s3_bucket_server_side_encryption_configuration" "archive" {
  bucket = "${var.prefix}-archive"

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms:dsse"
      kms_master_key_id = aws_kms_key.data.id
    }
  }
}

# Legacy inline configuration with a key passed in from outside.
resource "aws_s3_bucket" "legacy" {
  versioning {
    enabled = true
  }

  logging {
    target_bucket = "acme-access-logs"
  }

  bucket = "${var.prefix}-legacy"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = var.legacy_key_arn
      }
    }
  }
}

data "aws_iam_policy_document" "reports" {
  for_each = aws_s3_bucket.reports

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

resource "aws_s3_bucket_policy" "reports" {
  for_each = aws_s3_bucket.reports
  bucket   = each.value.id
  policy   = data.aws_iam_policy_document.reports[each.key].json
}

data "aws_iam_policy_document" "archive" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.archive.arn, "${aws_s3_bucket.archive.arn}/*"]

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

resource "aws_s3_bucket_policy" "archive" {
  bucket = aws_s3_bucket.archive.id
  policy = data.aws_iam_policy_document.archive.json
}

data "aws_iam_policy_document" "legacy" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.legacy.arn, "${aws_s3_bucket.legacy.arn}/*"]

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

resource "aws_s3_bucket_policy" "legacy" {
  bucket = aws_s3_bucket.legacy.id
  policy = data.aws_iam_policy_document.legacy.json
}

variable "legacy_key_arn" {
  type = string
}

resource "aws_s3_bucket_public_access_block" "reports" {
  for_each = aws_s3_bucket.reports

  bucket = each.value.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_public_access_block" "archive" {
  bucket = aws_s3_bucket.archive.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_public_access_block" "legacy" {
  bucket = aws_s3_bucket.legacy.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

variable "public_subnet_ids" {
  type        = list(string)
  description = "Public subnets of the storefront VPC."
}

# Application Load Balancers deliver access and connection logs only to
# buckets encrypted with SSE-S3, so this bucket keeps AES256.
resource "aws_s3_bucket" "alb_logs" {
  bucket = "${var.prefix}-alb-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "alb_logs" {
  bucket = aws_s3_bucket.alb_logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "alb_logs" {
  bucket = aws_s3_bucket.alb_logs.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

data "aws_elb_service_account" "main" {}

data "aws_iam_policy_document" "alb_logs" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.alb_logs.arn, "${aws_s3_bucket.alb_logs.arn}/*"]

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

  statement {
    sid       = "LogDelivery"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.alb_logs.arn}/*"]

    principals {
      type        = "AWS"
      identifiers = [data.aws_elb_service_account.main.arn]
    }
  }
}

resource "aws_s3_bucket_policy" "alb_logs" {
  bucket = aws_s3_bucket.alb_logs.id
  policy = data.aws_iam_policy_document.alb_logs.json
}

resource "aws_lb" "storefront" {
  name                       = "${var.prefix}-storefront"
  load_balancer_type         = "application"
  subnets                    = var.public_subnet_ids
  drop_invalid_header_fields = true

  access_logs {
    bucket  = aws_s3_bucket.alb_logs.id
    prefix  = "storefront"
    enabled = true
  }

  connection_logs {
    bucket  = aws_s3_bucket.alb_logs.bucket
    prefix  = "storefront"
    enabled = true
  }

  depends_on = [aws_s3_bucket_policy.alb_logs]
}
