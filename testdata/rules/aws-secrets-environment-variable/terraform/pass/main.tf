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

resource "aws_secretsmanager_secret" "db" {
  name = "api/db"
}

resource "aws_lambda_function" "webhook" {
  function_name           = "github-webhook"
  role                    = "arn:aws:iam::123456789012:role/webhook"
  runtime                 = "python3.12"
  handler                 = "app.handler"
  filename                = "build/webhook.zip"
  kms_key_arn             = aws_kms_key.lambda.arn
  code_signing_config_arn = aws_lambda_code_signing_config.enforce.arn

  environment {
    variables = {
      LOG_LEVEL          = "info"
      WEBHOOK_SECRET_ARN = aws_secretsmanager_secret.db.arn
    }
  }
}

resource "aws_ecs_task_definition" "api" {
  family                   = "api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  container_definitions = jsonencode([
    {
      name      = "api"
      image     = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.8.2"
      essential = true
      environment = [
        { name = "DB_HOST", value = "orders.cluster-abc.eu-west-1.rds.amazonaws.com" },
      ]
      secrets = [
        { name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn },
      ]
    }
  ])
}

resource "aws_codebuild_project" "release" {
  name         = "release"
  service_role = "arn:aws:iam::123456789012:role/codebuild"

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"

    environment_variable {
      name  = "NPM_TOKEN"
      value = "/ci/npm/token"
      type  = "PARAMETER_STORE"
    }
  }

  source {
    type      = "NO_SOURCE"
    buildspec = "version: 0.2"
  }
}
