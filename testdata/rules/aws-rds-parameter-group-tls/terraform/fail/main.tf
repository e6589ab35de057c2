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

resource "aws_db_parameter_group" "orders" {
  name   = "orders"
  family = "postgres14"

  parameter { # expect: aws-rds-parameter-group-tls
    name  = "log_min_duration_statement"
    value = "500"
  }
}

resource "aws_rds_cluster_parameter_group" "reporting" {
  name   = "reporting"
  family = "aurora-mysql8.0"

  parameter {
    name  = "require_secure_transport"
    value = "OFF" # expect: aws-rds-parameter-group-tls
  }
}
