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

variable "db_password" {
  type      = string
  sensitive = true
}

variable "kms_key_arn" {
  type        = string
  description = "Customer-managed key shared by the data platform"
}

resource "aws_kms_key" "db" {
  description         = "Database storage"
  enable_key_rotation = true
}

resource "aws_db_instance" "orders" {
  backup_retention_period = 7

  identifier        = "orders"
  engine            = "mysql"
  instance_class    = "db.t4g.medium"
  allocated_storage = 20
  username          = "orders"
  password          = var.db_password
  storage_encrypted = true
  kms_key_id        = aws_kms_key.db.arn
}

resource "aws_neptune_cluster" "graph" {
  backup_retention_period = 7

  cluster_identifier = "graph"
  storage_encrypted  = true
  kms_key_arn        = var.kms_key_arn
}
