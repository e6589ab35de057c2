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

resource "aws_db_snapshot_copy" "offsite" {
  source_db_snapshot_identifier = "arn:aws:rds:eu-west-2:111122223333:snapshot:orders-final"
  target_db_snapshot_identifier = "orders-final-copy"
  kms_key_id                    = aws_kms_key.main.arn
}
