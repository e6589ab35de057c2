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

# creation_token is the idempotency token of CreateFileSystem, not a credential.
resource "aws_efs_file_system" "home" { # expect: aws-efs-encryption
  creation_token = "home"
  encrypted      = true
}

resource "aws_efs_file_system" "archive" {
  creation_token = "archive"
  encrypted      = true
  kms_key_id     = "arn:aws:kms:eu-west-1:111122223333:alias/aws/elasticfilesystem" # expect: aws-efs-encryption
}
