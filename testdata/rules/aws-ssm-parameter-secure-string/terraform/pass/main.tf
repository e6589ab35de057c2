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

resource "random_password" "db" {
  length = 32
}

resource "aws_kms_key" "main" {
  description         = "Application data"
  enable_key_rotation = true
}

resource "aws_ssm_parameter" "db_password" {
  name   = "/orders/db_password"
  type   = "SecureString"
  key_id = aws_kms_key.main.arn
  value  = random_password.db.result
}

resource "aws_ssm_parameter" "db_host" {
  name  = "/orders/db_host"
  type  = "String"
  value = "orders.cluster-abc.eu-west-1.rds.amazonaws.com"
}
