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

# No policy at all.
resource "aws_s3_bucket" "scratch" { # expect: aws-s3-bucket-enforce-tls
  bucket = "acme-scratch"
}

# Only the "invoices" instance gets a policy.
resource "aws_s3_bucket" "docs" { # expect: aws-s3-bucket-enforce-tls
  for_each = var.buckets
  bucket   = "acme-${each.key}"
}

data "aws_iam_policy_document" "invoices" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.docs["invoices"].arn, "${aws_s3_bucket.docs["invoices"].arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "invoices" {
  bucket = aws_s3_bucket.docs["invoices"].id
  policy = data.aws_iam_policy_document.invoices.json
}

resource "aws_s3_bucket" "website" {
  bucket = "acme-website"
}

# An Allow on aws:SecureTransport true does not deny plain HTTP.
resource "aws_s3_bucket_policy" "website" {
  bucket = aws_s3_bucket.website.id
  policy = jsonencode({ # expect: aws-s3-bucket-enforce-tls
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.website.arn}/*"
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
    }]
  })
}

resource "aws_s3_bucket" "shared" {
  bucket = "acme-shared"
}

# The deny is scoped to one account's principals, not everyone.
data "aws_iam_policy_document" "shared" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["${aws_s3_bucket.shared.arn}/*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "shared" {
  bucket = aws_s3_bucket.shared.id
  policy = data.aws_iam_policy_document.shared.json # expect: aws-s3-bucket-enforce-tls
}
