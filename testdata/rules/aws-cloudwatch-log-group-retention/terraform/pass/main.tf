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

variable "debug_retention_days" {
  type        = number
  description = "Retention of the debug log group, set per environment"
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/orders"
  retention_in_days = 400
}

resource "aws_cloudwatch_log_group" "functions" {
  for_each          = toset(["ingest", "export"])
  name              = "/aws/lambda/${each.key}"
  retention_in_days = 731
}

resource "aws_cloudwatch_log_group" "audit" {
  name = "/app/audit"
}

resource "aws_cloudwatch_log_group" "debug" {
  name              = "/app/debug"
  retention_in_days = var.debug_retention_days
}
