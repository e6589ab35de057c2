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

variable "buckets" {
  type    = set(string)
  default = ["invoices", "statements"]
}

resource "aws_kms_key" "storage" {
  description         = "Document and legacy buckets"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "docs" {
  for_each = var.buckets

  versioning {
    enabled = true
  }

  logging {
    target_bucket = "acme-access-logs"
  }

  bucket = "acme-${each.key}"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "docs" {
  for_each = aws_s3_bucket.docs
  bucket   = each.value.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.storage.arn
    }
    bucket_key_enabled = true
  }
}

data "aws_iam_policy_document" "tls_only" {
  for_each = aws_s3_bucket.docs

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

resource "aws_s3_bucket_policy" "docs" {
  for_each = aws_s3_bucket.docs
  bucket   = each.value.id
  policy   = data.aws_iam_policy_document.tls_only[each.key].json
}

# Anonymous readers cannot decrypt SSE-KMS objects, so the public website
# keeps SSE-S3.
# tollgate:ignore=aws-s3-bucket-encryption-kms reason="public website assets, read anonymously"
resource "aws_s3_bucket" "website" {
  versioning {
    enabled = true
  }

  logging {
    target_bucket = "acme-access-logs"
  }

  bucket = "acme-website"
}

# jsonencode policy, joined by the literal bucket name.
# tollgate:ignore=aws-s3-bucket-policy-public-read reason="public website assets, read anonymously"
resource "aws_s3_bucket_policy" "website" {
  bucket = "acme-website"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "PublicRead"
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource  = "${aws_s3_bucket.website.arn}/*"
      },
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.website.arn, "${aws_s3_bucket.website.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = false } }
      },
    ]
  })
}

# Legacy inline policy argument on the bucket.
resource "aws_s3_bucket" "legacy" {
  versioning {
    enabled = true
  }

  logging {
    target_bucket = "acme-access-logs"
  }

  bucket = "acme-legacy"
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Deny",
        "Principal": "*",
        "Action": "*",
        "Resource": ["arn:aws:s3:::acme-legacy", "arn:aws:s3:::acme-legacy/*"],
        "Condition": {"BoolIfExists": {"aws:securetransport": "false"}}
      }]
    }
  POLICY
}

resource "aws_s3_bucket_server_side_encryption_configuration" "legacy" {
  bucket = aws_s3_bucket.legacy.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.storage.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "docs" {
  for_each = aws_s3_bucket.docs

  bucket = each.value.id

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

# S3 rejects a public-read bucket policy while BlockPublicPolicy is on; the
# ACL settings stay on.
# tollgate:ignore=aws-s3-bucket-public-access-block reason="public website assets, read anonymously"
resource "aws_s3_bucket_public_access_block" "website" {
  bucket = aws_s3_bucket.website.id

  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = false
}
