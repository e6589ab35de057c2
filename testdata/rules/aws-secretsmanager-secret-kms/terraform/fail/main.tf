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

resource "aws_secretsmanager_secret" "main" { # expect: aws-secretsmanager-secret-kms
  name = "orders-db"
}

resource "aws_secretsmanager_secret" "managed" {
  name       = "orders-db"
  kms_key_id = "alias/aws/secretsmanager" # expect: aws-secretsmanager-secret-kms
}
