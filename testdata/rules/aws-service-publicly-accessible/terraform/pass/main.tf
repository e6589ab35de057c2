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

resource "aws_kms_key" "data" {
  description         = "Analytics data"
  enable_key_rotation = true
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier     = "analytics"
  node_type              = "ra3.large"
  cluster_type           = "single-node"
  master_username        = "analytics"
  manage_master_password = true
  encrypted              = true
  kms_key_id             = aws_kms_key.data.arn
  publicly_accessible    = false
}

resource "aws_mq_broker" "orders" {
  broker_name        = "orders"
  engine_type        = "RabbitMQ"
  engine_version     = "3.13"
  host_instance_type = "mq.m5.large"

  encryption_options {
    use_aws_owned_key = false
    kms_key_id        = aws_kms_key.data.arn
  }

  user {
    username = "orders"
    password = var.broker_password
  }
}

variable "broker_password" {
  type      = string
  sensitive = true
}

# The provider default is private.
resource "aws_dms_replication_instance" "migration" {
  replication_instance_id    = "migration"
  replication_instance_class = "dms.t3.medium"
  kms_key_arn                = aws_kms_key.data.arn
}
