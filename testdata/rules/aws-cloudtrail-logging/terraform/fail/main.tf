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

variable "trail_bucket" {
  type    = string
  default = "acme-cloudtrail-logs"
}

variable "trail_kms_key_arn" {
  type = string
}

resource "aws_cloudtrail" "org" {
  name                       = "org-trail"
  s3_bucket_name             = var.trail_bucket
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = var.trail_kms_key_arn
  enable_logging             = false # expect: aws-cloudtrail-logging
}
