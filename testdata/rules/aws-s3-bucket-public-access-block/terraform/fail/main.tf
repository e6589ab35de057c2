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

variable "teams" {
  type    = set(string)
  default = ["analytics", "finance"]
}

resource "aws_s3_bucket" "uploads" { # expect: aws-s3-bucket-public-access-block
  bucket = "acme-uploads"
}

resource "aws_s3_bucket" "team" {
  for_each = var.teams
  bucket   = "acme-${each.key}-data"
}

# Joined to each team bucket, but leaves bucket policies unchecked.
resource "aws_s3_bucket_public_access_block" "team" {
  for_each = aws_s3_bucket.team

  bucket = each.value.id

  block_public_acls       = true
  block_public_policy     = false # expect: aws-s3-bucket-public-access-block
  ignore_public_acls      = true
  restrict_public_buckets = false # expect: aws-s3-bucket-public-access-block
}

resource "aws_s3_bucket" "exports" {
  bucket = "acme-exports"
}

# Joined by the literal bucket name; unset arguments are false.
resource "aws_s3_bucket_public_access_block" "exports" { # expect: aws-s3-bucket-public-access-block
  bucket = "acme-exports"

  block_public_acls  = true
  ignore_public_acls = true
}
