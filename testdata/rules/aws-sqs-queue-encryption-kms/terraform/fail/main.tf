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

resource "aws_sqs_queue" "orders" { # expect: aws-sqs-queue-encryption-kms
  name                      = "orders"
  message_retention_seconds = 345600
}

resource "aws_sqs_queue" "orders_dlq" { # expect: aws-sqs-queue-encryption-kms
  name                    = "orders-dlq"
  sqs_managed_sse_enabled = true
}
