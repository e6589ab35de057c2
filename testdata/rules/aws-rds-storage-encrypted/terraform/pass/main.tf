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

variable "encrypt_storage" {
  type = bool
}

resource "aws_kms_key" "db" {
  description         = "Database storage"
  enable_key_rotation = true
}

resource "aws_db_instance" "orders" {
  backup_retention_period = 7

  identifier        = "orders"
  engine            = "postgres"
  engine_version    = "16.3"
  instance_class    = "db.t4g.medium"
  allocated_storage = 50
  username          = "orders"
  password          = var.db_password
  storage_encrypted = true
  kms_key_id        = aws_kms_key.db.arn
}

# A read replica takes its encryption from the source.
resource "aws_db_instance" "orders_replica" {
  identifier          = "orders-replica"
  replicate_source_db = aws_db_instance.orders.identifier
  instance_class      = "db.t4g.medium"
}

# Restored from a snapshot: the snapshot decides.
resource "aws_db_instance" "orders_restore" {
  identifier          = "orders-restore"
  snapshot_identifier = "orders-final-2024-06-01"
  instance_class      = "db.t4g.medium"
}

# Aurora Serverless v1 is always encrypted.
resource "aws_rds_cluster" "legacy_serverless" {
  backup_retention_period = 7

  cluster_identifier = "legacy"
  engine             = "aurora-mysql"
  engine_mode        = "serverless"
  master_username    = "legacy"
  master_password    = var.db_password
  kms_key_id         = aws_kms_key.db.arn
}

# Decided at apply time: an unknown value is not reported as missing.
resource "aws_docdb_cluster" "catalog" {
  backup_retention_period = 7

  cluster_identifier = "catalog"
  master_username    = "catalog"
  master_password    = var.db_password
  storage_encrypted  = var.encrypt_storage
  kms_key_id         = aws_kms_key.db.arn
}
