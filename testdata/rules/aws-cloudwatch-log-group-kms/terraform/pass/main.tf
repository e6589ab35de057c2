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

resource "aws_cloudwatch_log_group" "main" {
  name              = "app"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.main.arn
}
