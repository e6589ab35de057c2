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

resource "aws_kms_key" "main" {
  description         = "Application data"
  enable_key_rotation = true
}

resource "aws_cloudtrail" "audit" {
  name           = "audit"
  s3_bucket_name = "audit-logs-111122223333"
  kms_key_id     = "arn:aws:kms:eu-west-1:111122223333:alias/aws/cloudtrail" # expect: aws-cloudtrail-trail-encryption-kms
}
