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

resource "aws_sqs_queue" "orders" {
  name                              = "orders"
  kms_master_key_id                 = aws_kms_key.main.id
  kms_data_key_reuse_period_seconds = 300
}

resource "aws_sqs_queue" "orders_dlq" {
  name              = "orders-dlq"
  kms_master_key_id = "alias/aws/sqs"
}
