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

resource "aws_kinesis_firehose_delivery_stream" "clickstream" {
  name        = "clickstream"
  destination = "extended_s3"

  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
    key_arn  = aws_kms_key.main.arn
  }

  extended_s3_configuration {
    role_arn   = "arn:aws:iam::111122223333:role/firehose-delivery"
    bucket_arn = "arn:aws:s3:::example-data-lake"
  }
}

# Reading from a Kinesis stream: encryption is the source stream's.
resource "aws_kinesis_firehose_delivery_stream" "from_stream" {
  name        = "from-stream"
  destination = "extended_s3"

  kinesis_source_configuration {
    kinesis_stream_arn = "arn:aws:kinesis:eu-west-1:111122223333:stream/orders"
    role_arn           = "arn:aws:iam::111122223333:role/firehose-source"
  }

  extended_s3_configuration {
    role_arn   = "arn:aws:iam::111122223333:role/firehose-delivery"
    bucket_arn = "arn:aws:s3:::example-data-lake"
  }
}
