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

resource "aws_kinesis_firehose_delivery_stream" "clickstream" { # expect: aws-firehose-delivery-stream-encryption
  name        = "clickstream"
  destination = "extended_s3"

  extended_s3_configuration {
    role_arn   = "arn:aws:iam::111122223333:role/firehose-delivery"
    bucket_arn = "arn:aws:s3:::example-data-lake"
  }
}

resource "aws_kinesis_firehose_delivery_stream" "audit" {
  name        = "audit"
  destination = "extended_s3"

  server_side_encryption {
    enabled = false # expect: aws-firehose-delivery-stream-encryption
  }

  extended_s3_configuration {
    role_arn   = "arn:aws:iam::111122223333:role/firehose-delivery"
    bucket_arn = "arn:aws:s3:::example-audit"
  }
}
