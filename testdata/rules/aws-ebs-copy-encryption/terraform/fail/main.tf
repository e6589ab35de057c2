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

resource "aws_ebs_snapshot_copy" "backup" { # expect: aws-ebs-copy-encryption
  source_snapshot_id = "snap-0a1b2c3d4e5f67890"
  source_region      = "eu-west-2"
}

resource "aws_ami_copy" "golden" {
  name              = "golden"
  source_ami_id     = "ami-0a1b2c3d4e5f67890"
  source_ami_region = "eu-west-2"
  encrypted         = false # expect: aws-ebs-copy-encryption
}
