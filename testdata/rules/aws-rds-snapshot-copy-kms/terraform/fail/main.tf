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

resource "aws_db_snapshot_copy" "offsite" { # expect: aws-rds-snapshot-copy-kms
  source_db_snapshot_identifier = "arn:aws:rds:eu-west-2:111122223333:snapshot:orders-final"
  target_db_snapshot_identifier = "orders-final-copy"
}
