terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }

  backend "s3" {
    bucket     = "acme-terraform-state"
    key        = "ci/terraform.tfstate"
    region     = "eu-west-1"
    access_key = "AKIA2E3ABCDEFGHJ2345" # expect: aws-secrets-known-pattern
  }
}

provider "aws" {
  region = "eu-west-1"
}

variable "slack_webhook_url" {
  type    = string
  default = "https://hooks.slack.com/services/T0AAAA000/B0BBBB000/abcdefghijklmnopqrstuvwx" # expect: aws-secrets-known-pattern
}

resource "aws_ssm_parameter" "ci_token" {
  name  = "/ci/github/token"
  type  = "String"
  value = "ghp_0123456789abcdefghijABCDEFGHIJ012345" # expect: aws-secrets-known-pattern
}

resource "aws_lambda_function" "notifier" {
  function_name = "deploy-notifier"
  role          = "arn:aws:iam::123456789012:role/notifier"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "build/notifier.zip"

  environment {
    variables = {
      SLACK_URL = var.slack_webhook_url # expect: aws-secrets-known-pattern
    }
  }
}
