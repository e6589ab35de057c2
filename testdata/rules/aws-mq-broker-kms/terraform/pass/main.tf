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

variable "mq_password" {
  type      = string
  sensitive = true
}

resource "aws_mq_broker" "orders" {
  broker_name        = "orders"
  engine_type        = "ActiveMQ"
  engine_version     = "5.18"
  host_instance_type = "mq.m5.large"

  encryption_options {
    use_aws_owned_key = false
    kms_key_id        = aws_kms_key.main.arn
  }

  user {
    username = "orders_app"
    password = var.mq_password
  }
}
