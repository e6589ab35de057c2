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

resource "aws_rds_cluster" "orders" {
  cluster_identifier = "orders-${var.environment}"
  engine             = "aurora-postgresql"
  master_username    = "orders_admin"
  master_password    = var.db_password
  storage_encrypted  = true
}
