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

resource "aws_kms_key" "db" {
  description         = "Database storage"
  enable_key_rotation = true
}

# The provider's default for an instance is 0 days: no automated backups.
resource "aws_db_instance" "orders" { # expect: aws-rds-backup-retention
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

resource "aws_rds_cluster" "reporting" {
  cluster_identifier      = "reporting"
  engine                  = "aurora-postgresql"
  master_username         = "reporting"
  master_password         = var.db_password
  storage_encrypted       = true
  kms_key_id              = aws_kms_key.db.arn
  backup_retention_period = 5 # expect: aws-rds-backup-retention
}

resource "aws_rds_cluster_instance" "reporting" {
  count              = 2
  identifier         = "reporting-${count.index}"
  cluster_identifier = aws_rds_cluster.reporting.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.reporting.engine
}
