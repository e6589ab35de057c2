terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

variable "redis_auth_token" {
  type      = string
  sensitive = true
}

resource "aws_kms_key" "data" {
  description         = "Orders database and session cache"
  enable_key_rotation = true
}

resource "aws_db_instance" "orders" {
  backup_retention_period = 7

  identifier                  = "orders"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.t4g.medium"
  allocated_storage           = 20
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.data.arn
  username                    = "orders_admin"
  manage_master_user_password = true
  skip_final_snapshot         = true
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "Session cache"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.data.arn
  transit_encryption_enabled = true
  auth_token                 = var.redis_auth_token
  auth_token_update_strategy = "ROTATE"
}

resource "random_password" "partner" {
  length  = 32
  special = true
}

resource "aws_secretsmanager_secret" "partner" {
  name = "partner/api"
}

resource "aws_secretsmanager_secret_version" "partner" {
  secret_id = aws_secretsmanager_secret.partner.id
  secret_string = jsonencode({
    username = "partner"
    password = random_password.partner.result
  })
}

resource "aws_ssm_parameter" "db_host" {
  name  = "/orders/db/host"
  type  = "String"
  value = aws_db_instance.orders.address
}

resource "aws_iam_user_login_profile" "break_glass" {
  user                    = "break-glass"
  password_length         = 24
  password_reset_required = true
}
