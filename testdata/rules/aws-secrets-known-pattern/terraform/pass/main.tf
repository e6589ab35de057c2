terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }

  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "ci/terraform.tfstate"
    region = "eu-west-1"
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "lambda" {
  description         = "Lambda environment variables"
  enable_key_rotation = true
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

variable "slack_webhook_url" {
  type      = string
  sensitive = true
}

resource "aws_secretsmanager_secret" "ci_token" {
  name = "ci/github/token"
}

resource "aws_lambda_function" "notifier" {
  function_name           = "deploy-notifier"
  role                    = "arn:aws:iam::123456789012:role/notifier"
  runtime                 = "nodejs20.x"
  handler                 = "index.handler"
  filename                = "build/notifier.zip"
  kms_key_arn             = aws_kms_key.lambda.arn
  code_signing_config_arn = aws_lambda_code_signing_config.enforce.arn

  environment {
    variables = {
      SLACK_URL       = var.slack_webhook_url
      GITHUB_TOKEN_ID = aws_secretsmanager_secret.ci_token.id
      EXAMPLE_KEY_ID  = "AKIAIOSFODNN7EXAMPLE"
    }
  }
}
