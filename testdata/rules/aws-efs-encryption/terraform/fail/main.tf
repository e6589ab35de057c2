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

resource "aws_efs_file_system" "shared" { # expect: aws-efs-encryption
  creation_token   = "shared-home"
  performance_mode = "generalPurpose"
}

resource "aws_efs_file_system" "media" {
  creation_token = "media"
  encrypted      = false # expect: aws-efs-encryption
}
