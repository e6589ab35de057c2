terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_lambda_function" "orders" { # expect: aws-lambda-code-signing
  function_name = "orders-api"
  role          = "arn:aws:iam::123456789012:role/orders-api"
  runtime       = "python3.12"
  handler       = "app.handler"
  s3_bucket     = "acme-artifacts"
  s3_key        = "orders-api/1.4.2.zip"
}

resource "aws_lambda_function" "workers" {
  for_each = toset(["billing", "shipping"])

  function_name           = "${each.key}-worker"
  role                    = "arn:aws:iam::123456789012:role/workers"
  runtime                 = "nodejs20.x"
  handler                 = "index.handler"
  filename                = "build/${each.key}.zip"
  code_signing_config_arn = null # expect: aws-lambda-code-signing
}

resource "aws_lambda_function" "image" {
  function_name = "thumbnailer"
  role          = "arn:aws:iam::123456789012:role/thumbnailer"
  package_type  = "Image"
  image_uri     = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/thumbnailer:2.0.1"
}
