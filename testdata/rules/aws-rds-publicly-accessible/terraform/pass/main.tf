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

variable "private_subnet_ids" {
  type = list(string)
}

resource "aws_kms_key" "db" {
  description         = "Orders database storage"
  enable_key_rotation = true
}

resource "aws_db_subnet_group" "private" {
  name       = "orders-private"
  subnet_ids = var.private_subnet_ids
}

resource "aws_db_instance" "orders" {
  backup_retention_period = 7

  identifier                  = "orders"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.m6g.large"
  allocated_storage           = 100
  username                    = "orders"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.db.arn
  db_subnet_group_name        = aws_db_subnet_group.private.name
  publicly_accessible         = false
}

# The provider default is private.
resource "aws_db_instance" "audit" {
  backup_retention_period = 7

  identifier                  = "orders-audit"
  engine                      = "mysql"
  instance_class              = "db.t4g.small"
  allocated_storage           = 20
  username                    = "audit"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.db.arn
  db_subnet_group_name        = aws_db_subnet_group.private.name
}

resource "aws_rds_cluster" "reporting" {
  backup_retention_period = 7

  cluster_identifier          = "reporting"
  engine                      = "aurora-postgresql"
  master_username             = "reporting"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.db.arn
  db_subnet_group_name        = aws_db_subnet_group.private.name
}

resource "aws_rds_cluster_instance" "reporting" {
  count = 2

  identifier          = "reporting-${count.index}"
  cluster_identifier  = aws_rds_cluster.reporting.id
  engine              = aws_rds_cluster.reporting.engine
  instance_class      = "db.r6g.large"
  publicly_accessible = false
}
