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

resource "aws_lambda_permission" "bucket" {
  statement_id   = "BucketInvokes"
  action         = "lambda:InvokeFunction"
  function_name  = "thumbnails"
  principal      = "s3.amazonaws.com"
  source_arn     = "arn:aws:s3:::acme-uploads"
  source_account = "111122223333"
}

resource "aws_lambda_permission" "account" {
  statement_id   = "AccountInvokes"
  action         = "lambda:InvokeFunction"
  function_name  = "thumbnails"
  principal      = "*"
  source_account = "111122223333"
}
