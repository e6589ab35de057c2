terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_s3_bucket" "previews" {
  for_each = toset(var.preview_branches)

  versioning {
    enabled = true
  }

  logging {
    target_bucket = "acme-access-logs"
  }

  bucket = "${var.name}-preview-${each.key}"
}

data "aws_caller_identity" "current" {}

# CloudFront reads the objects through origin access control, so it must be
# able to decrypt with the bucket key.
data "aws_iam_policy_document" "previews_key" {
  statement {
    sid       = "AccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid       = "AllowCloudFrontDecrypt"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "AWS:SourceArn"
      values   = ["arn:aws:cloudfront::${data.aws_caller_identity.current.account_id}:distribution/*"]
    }
  }
}

resource "aws_kms_key" "previews" {
  description         = "Branch preview content"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.previews_key.json
}

resource "aws_s3_bucket_server_side_encryption_configuration" "previews" {
  for_each = aws_s3_bucket.previews

  bucket = each.value.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.previews.arn
    }
    bucket_key_enabled = true
  }
}

data "aws_iam_policy_document" "previews" {
  for_each = aws_s3_bucket.previews

  statement {
    sid       = "AllowCloudFrontRead"
    actions   = ["s3:GetObject"]
    resources = ["${each.value.arn}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.preview[each.key].arn]
    }
  }

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

resource "aws_s3_bucket_policy" "previews" {
  for_each = aws_s3_bucket.previews

  bucket = each.value.id
  policy = data.aws_iam_policy_document.previews[each.key].json
}

resource "aws_cloudfront_origin_access_control" "previews" {
  name                              = "${var.name}-previews"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# Branch previews are served on <branch>.preview.<zone> with a wildcard certificate.
resource "aws_cloudfront_distribution" "preview" {
  for_each = aws_s3_bucket.previews

  enabled             = true
  comment             = "Preview of ${each.key}"
  aliases             = ["${each.key}.preview.${var.zone}"]
  default_root_object = "index.html"
  price_class         = "PriceClass_100"

  origin {
    domain_name              = each.value.bucket_regional_domain_name
    origin_id                = "preview"
    origin_access_control_id = aws_cloudfront_origin_access_control.previews.id
  }

  default_cache_behavior {
    target_origin_id       = "preview"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = var.preview_certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}

# The docs site only gets a custom domain when a certificate is supplied.
resource "aws_cloudfront_distribution" "docs" {
  enabled             = true
  default_root_object = "index.html"
  aliases             = var.docs_certificate_arn == null ? [] : [var.docs_domain]

  origin {
    domain_name = var.docs_origin
    origin_id   = "docs"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "docs"
    viewer_protocol_policy = "https-only"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = var.docs_certificate_arn == null
    acm_certificate_arn            = var.docs_certificate_arn
    ssl_support_method             = var.docs_certificate_arn == null ? null : "sni-only"
    minimum_protocol_version       = var.docs_certificate_arn == null ? "TLSv1" : "TLSv1.2_2021"
  }
}

resource "aws_s3_bucket_public_access_block" "previews" {
  for_each = aws_s3_bucket.previews

  bucket = each.value.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
