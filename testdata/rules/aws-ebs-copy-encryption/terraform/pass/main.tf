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

resource "aws_ebs_snapshot_copy" "backup" {
  source_snapshot_id = "snap-0a1b2c3d4e5f67890"
  source_region      = "eu-west-2"
  encrypted          = true
  kms_key_id         = aws_kms_key.main.arn
}

resource "aws_ami_copy" "golden" {
  name              = "golden"
  source_ami_id     = "ami-0a1b2c3d4e5f67890"
  source_ami_region = "eu-west-2"
  encrypted         = true
}
