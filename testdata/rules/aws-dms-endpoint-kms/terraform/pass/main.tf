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

resource "aws_dms_endpoint" "main" {
  endpoint_id   = "source"
  endpoint_type = "source"
  engine_name   = "aurora-postgresql"
  server_name   = "orders.cluster-abc.eu-west-1.rds.amazonaws.com"
  port          = 5432
  database_name = "orders"
  username      = "dms_reader"
  password      = var.dms_password
  kms_key_arn   = aws_kms_key.main.arn
}

variable "dms_password" {
  type      = string
  sensitive = true
}
