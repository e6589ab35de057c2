terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "us-east-1" # expect: aws-region-allowed
}

variable "dr_bucket_region" {
  type    = string
  default = "us-west-2"
}

resource "aws_s3_bucket" "backups" {
  provider = aws.dr
  bucket   = "acme-customer-backups-dr"
}

# AWS provider v6: a resource may override the provider's region.
resource "aws_s3_bucket" "exports" {
  bucket = "acme-customer-exports"
  region = var.dr_bucket_region # expect: aws-region-allowed
}
