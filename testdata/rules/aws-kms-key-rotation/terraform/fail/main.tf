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

resource "aws_kms_key" "backups" { # expect: aws-kms-key-rotation
  description             = "Backups"
  deletion_window_in_days = 30
}

resource "aws_kms_key" "tokens" {
  description              = "Session tokens"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  enable_key_rotation      = false # expect: aws-kms-key-rotation
}
