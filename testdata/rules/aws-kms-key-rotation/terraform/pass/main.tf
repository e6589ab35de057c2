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

resource "aws_kms_key" "backups" {
  description             = "Backups"
  enable_key_rotation     = true
  rotation_period_in_days = 180
}

# Asymmetric signing keys cannot rotate automatically.
resource "aws_kms_key" "signing" {
  description              = "Release signing"
  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = "SIGN_VERIFY"
}

resource "aws_kms_replica_key" "backups_us" {
  description     = "Backups replica"
  primary_key_arn = aws_kms_key.backups.arn
}
