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

resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_guardduty_detector" "this" { # expect: aws-config-recorder-baseline
  enable = true
}

resource "aws_securityhub_account" "this" {}
