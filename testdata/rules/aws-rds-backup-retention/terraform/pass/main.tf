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

variable "retention_days" {
  type        = number
  description = "Days of automated backups, set per environment"
}

resource "aws_kms_key" "db" {
  description         = "Database storage"
  enable_key_rotation = true
}

resource "aws_db_instance" "orders" {
  identifier              = "orders"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.t4g.medium"
  allocated_storage       = 50
  username                = "orders"
  password                = var.db_password
  storage_encrypted       = true
  kms_key_id              = aws_kms_key.db.arn
  backup_retention_period = 14
}

# A read replica's source keeps the backups.
resource "aws_db_instance" "orders_replica" {
  identifier          = "orders-replica"
  replicate_source_db = aws_db_instance.orders.identifier
  instance_class      = "db.t4g.medium"
}

resource "aws_rds_cluster" "reporting" {
  cluster_identifier      = "reporting"
  engine                  = "aurora-postgresql"
  master_username         = "reporting"
  master_password         = var.db_password
  storage_encrypted       = true
  kms_key_id              = aws_kms_key.db.arn
  backup_retention_period = 35
}

resource "aws_rds_cluster_instance" "reporting" {
  count              = 2
  identifier         = "reporting-${count.index}"
  cluster_identifier = aws_rds_cluster.reporting.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.reporting.engine
}

# Decided at apply time: an unknown is not reported.
resource "aws_neptune_cluster" "graph" {
  cluster_identifier      = "graph"
  storage_encrypted       = true
  kms_key_arn             = aws_kms_key.db.arn
  backup_retention_period = var.retention_days
}
