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

data "aws_cloudfront_cache_policy" "optimized" {
  name = "Managed-CachingOptimized"
}

resource "aws_acm_certificate" "www" {
  domain_name       = "www.${var.zone}"
  validation_method = "DNS"
}

resource "aws_cloudfront_distribution" "www" {
  enabled         = true
  is_ipv6_enabled = true
  aliases         = ["www.${var.zone}"]

  origin {
    domain_name = var.web_origin
    origin_id   = "web"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "web"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD", "OPTIONS"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = data.aws_cloudfront_cache_policy.optimized.id
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.www.arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}

module "regional_sites" {
  source   = "./modules/cdn"
  for_each = var.regional_sites

  domain                   = each.value.domain
  origin                   = each.value.origin
  certificate_arn          = each.value.certificate_arn
  minimum_protocol_version = each.value.minimum_protocol_version
}
