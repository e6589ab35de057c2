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

resource "aws_kms_key" "db" {
  description         = "Orders cluster storage"
  enable_key_rotation = true
}

resource "aws_rds_cluster" "orders" {
  backup_retention_period = 7

  cluster_identifier = "orders-${var.environment}"
  engine             = "aurora-postgresql"
  master_username    = "orders_admin"
  master_password    = var.db_password
  storage_encrypted  = true
  kms_key_id         = aws_kms_key.db.arn
}
