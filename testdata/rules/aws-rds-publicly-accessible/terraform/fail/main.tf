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

variable "public_subnet_group" {
  type    = string
  default = "public-subnets"
}

resource "aws_kms_key" "db" {
  description         = "Reporting database storage"
  enable_key_rotation = true
}

resource "aws_db_instance" "reporting" {
  identifier                  = "reporting"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.t4g.medium"
  allocated_storage           = 50
  username                    = "reporting"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.db.arn
  db_subnet_group_name        = var.public_subnet_group
  publicly_accessible         = true # expect: aws-rds-publicly-accessible
}

resource "aws_rds_cluster" "analytics" {
  cluster_identifier          = "analytics"
  engine                      = "aurora-postgresql"
  master_username             = "analytics"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.db.arn
  db_subnet_group_name        = var.public_subnet_group
}

resource "aws_rds_cluster_instance" "analytics" {
  count = 2

  identifier          = "analytics-${count.index}"
  cluster_identifier  = aws_rds_cluster.analytics.id
  engine              = aws_rds_cluster.analytics.engine
  instance_class      = "db.r6g.large"
  publicly_accessible = true # expect: aws-rds-publicly-accessible
}
