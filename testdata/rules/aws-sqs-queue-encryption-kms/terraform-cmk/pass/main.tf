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

resource "aws_sqs_queue" "jobs" {
  name              = "jobs"
  kms_master_key_id = aws_kms_key.main.id
}

# Not on a customer-managed key: aws-sqs-queue-encryption reports these
# (high) under require_customer_managed_keys, and this rule does not report
# them a second time.
resource "aws_sqs_queue" "retries" {
  name              = "retries"
  kms_master_key_id = "alias/aws/sqs"
}

resource "aws_sqs_queue" "events" {
  name = "events"
}
