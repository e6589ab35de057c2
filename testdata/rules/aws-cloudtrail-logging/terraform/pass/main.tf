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

variable "data_events_logging" {
  type        = bool
  description = "Whether the data events trail logs"
}

# enable_logging defaults to true.
resource "aws_cloudtrail" "org" {
  name                       = "org-trail"
  s3_bucket_name             = var.trail_bucket
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = var.trail_kms_key_arn
}

resource "aws_cloudtrail" "data_events" {
  name                       = "data-events"
  s3_bucket_name             = var.trail_bucket
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = var.trail_kms_key_arn
  enable_logging             = var.data_events_logging
}
