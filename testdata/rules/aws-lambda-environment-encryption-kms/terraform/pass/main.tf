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

resource "aws_kms_key" "main" {
  description         = "Application data"
  enable_key_rotation = true
}

resource "aws_lambda_function" "worker" {
  function_name           = "orders-worker"
  role                    = "arn:aws:iam::111122223333:role/orders-worker"
  runtime                 = "python3.12"
  handler                 = "app.handler"
  filename                = "build/worker.zip"
  code_signing_config_arn = aws_lambda_code_signing_config.enforce.arn
  kms_key_arn             = aws_kms_key.main.arn

  environment {
    variables = {
      QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/111122223333/orders"
    }
  }
}

# No environment variables: nothing to encrypt.
resource "aws_lambda_function" "ping" {
  function_name           = "ping"
  role                    = "arn:aws:iam::111122223333:role/ping"
  runtime                 = "nodejs20.x"
  handler                 = "index.handler"
  filename                = "build/ping.zip"
  code_signing_config_arn = aws_lambda_code_signing_config.enforce.arn
}
