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

resource "aws_lambda_function" "worker" { # expect: aws-lambda-environment-encryption-kms
  function_name = "orders-worker"
  role          = "arn:aws:iam::111122223333:role/orders-worker"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "build/worker.zip"

  environment {
    variables = {
      QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/111122223333/orders"
      LOG_LEVEL = "INFO"
    }
  }
}
