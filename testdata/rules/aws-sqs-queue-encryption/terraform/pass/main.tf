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

# Provider v5 default: SSE-SQS.
# tollgate:ignore=aws-sqs-queue-encryption-kms reason="order events hold only ids; SSE-SQS is accepted"
resource "aws_sqs_queue" "orders" {
  name = "orders"
}

# tollgate:ignore=aws-sqs-queue-encryption-kms reason="dead letters of the orders queue; SSE-SQS is accepted"
resource "aws_sqs_queue" "orders_dlq" {
  name                    = "orders-dlq"
  sqs_managed_sse_enabled = true
}

resource "aws_sqs_queue" "payments" {
  name              = "payments"
  kms_master_key_id = aws_kms_key.main.id
}
