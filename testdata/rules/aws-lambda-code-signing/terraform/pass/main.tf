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

resource "aws_signer_signing_profile" "lambda" {
  platform_id = "AWSLambda-SHA384-ECDSA"
  name_prefix = "lambda_"
}

resource "aws_lambda_code_signing_config" "enforce" {
  allowed_publishers {
    signing_profile_version_arns = [aws_signer_signing_profile.lambda.version_arn]
  }

  policies {
    untrusted_artifact_on_deployment = "Enforce"
  }
}

resource "aws_lambda_function" "orders" {
  function_name           = "orders-api"
  role                    = "arn:aws:iam::123456789012:role/orders-api"
  runtime                 = "python3.12"
  handler                 = "app.handler"
  s3_bucket               = "acme-artifacts"
  s3_key                  = "orders-api/1.4.2.zip"
  code_signing_config_arn = aws_lambda_code_signing_config.enforce.arn
}

resource "aws_lambda_function" "image" {
  function_name = "thumbnailer"
  role          = "arn:aws:iam::123456789012:role/thumbnailer"
  package_type  = "Image"
  image_uri     = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/thumbnailer:2.0.1"
}
