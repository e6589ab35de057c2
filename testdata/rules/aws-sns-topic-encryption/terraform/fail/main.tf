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

resource "aws_sns_topic" "alerts" { # expect: aws-sns-topic-encryption
  name = "ops-alerts"
}

resource "aws_sns_topic" "events" { # expect: aws-sns-topic-encryption
  for_each = toset(["orders", "payments"])
  name     = "${each.key}-events"
}
