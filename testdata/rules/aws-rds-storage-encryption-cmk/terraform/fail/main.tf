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

data "aws_kms_alias" "rds" {
  name = "alias/aws/rds"
}

# Encrypted, but with the AWS-managed aws/rds key.
resource "aws_db_instance" "orders" { # expect: aws-rds-storage-encryption-cmk
  identifier        = "orders"
  engine            = "mysql"
  instance_class    = "db.t4g.medium"
  allocated_storage = 20
  username          = "orders"
  password          = var.db_password
  storage_encrypted = true
}

resource "aws_rds_cluster" "reporting" {
  cluster_identifier = "reporting"
  engine             = "aurora-postgresql"
  master_username    = "reporting"
  master_password    = var.db_password
  storage_encrypted  = true
  kms_key_id         = data.aws_kms_alias.rds.target_key_arn # expect: aws-rds-storage-encryption-cmk
}
