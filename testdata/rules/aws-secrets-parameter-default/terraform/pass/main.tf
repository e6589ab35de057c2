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

variable "db_password" {
  type      = string
  sensitive = true
}

variable "instance_class" {
  type    = string
  default = "db.t4g.medium"
}

resource "aws_kms_key" "db" {
  description         = "Orders database storage"
  enable_key_rotation = true
}

resource "aws_db_instance" "orders" {
  backup_retention_period = 7

  identifier        = "orders"
  engine            = "postgres"
  instance_class    = var.instance_class
  allocated_storage = 20
  storage_encrypted = true
  kms_key_id        = aws_kms_key.db.arn
  username          = "orders_admin"
  password          = var.db_password
}
