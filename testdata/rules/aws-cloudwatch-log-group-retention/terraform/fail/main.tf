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

resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/orders"
  retention_in_days = 14 # expect: aws-cloudwatch-log-group-retention
}

resource "aws_cloudwatch_log_group" "functions" {
  for_each          = toset(["ingest", "export"])
  name              = "/aws/lambda/${each.key}"
  retention_in_days = 90 # expect: aws-cloudwatch-log-group-retention
}

# 0 keeps events forever.
resource "aws_cloudwatch_log_group" "audit" {
  name              = "/app/audit"
  retention_in_days = 0
}
