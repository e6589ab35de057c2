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

  bucket = "${var.name}-preview-${each.key}"
}

resource "aws_cloudfront_origin_access_control" "previews" {
  name                              = "${var.name}-previews"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# Branch previews are served on their *.cloudfront.net names.
resource "aws_cloudfront_distribution" "preview" {
  for_each = aws_s3_bucket.previews

  enabled             = true
  comment             = "Preview of ${each.key}"
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
    cloudfront_default_certificate = true # expect: aws-cloudfront-default-certificate-tls
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
    cloudfront_default_certificate = var.docs_certificate_arn == null # expect: aws-cloudfront-default-certificate-tls
    acm_certificate_arn            = var.docs_certificate_arn
    ssl_support_method             = var.docs_certificate_arn == null ? null : "sni-only"
    minimum_protocol_version       = var.docs_certificate_arn == null ? "TLSv1" : "TLSv1.2_2021"
  }
}
