terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

variable "validate_logs" {
  type    = bool
  default = true
}

resource "aws_cloudtrail" "org" {
  name                          = "org-trail"
  s3_bucket_name                = "acme-cloudtrail-logs"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  kms_key_id                    = "arn:aws:kms:eu-west-1:123456789012:key/0f5e0c7a-1b2c-4d3e-8f9a-0b1c2d3e4f5a"
}

resource "aws_cloudtrail" "data_events" {
  name                       = "data-events"
  s3_bucket_name             = "acme-cloudtrail-logs"
  is_multi_region_trail      = true
  enable_log_file_validation = var.validate_logs
  kms_key_id                 = "arn:aws:kms:eu-west-1:123456789012:key/0f5e0c7a-1b2c-4d3e-8f9a-0b1c2d3e4f5a"
}
