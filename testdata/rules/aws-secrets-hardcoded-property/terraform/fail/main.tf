terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

provider "aws" {
  region = var.region
}

resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  engine_version      = "16.3"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 20
  storage_encrypted   = true
  username            = "orders_admin"
  password            = "Sup3rS3cret!" # expect: aws-secrets-hardcoded-property
  skip_final_snapshot = true
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "Session cache"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  transit_encryption_enabled = true
  auth_token                 = var.redis_auth_token # expect: aws-secrets-hardcoded-property
}

resource "aws_secretsmanager_secret" "partner" {
  name = "partner/api"
}

resource "aws_secretsmanager_secret_version" "partner" {
  secret_id = aws_secretsmanager_secret.partner.id
  secret_string = jsonencode({ # expect: aws-secrets-hardcoded-property
    username = "partner"
    password = "p4rtner-pw"
  })
}

resource "aws_mq_broker" "events" {
  broker_name        = "events"
  engine_type        = "RabbitMQ"
  engine_version     = "3.13"
  host_instance_type = "mq.t3.micro"

  user {
    username = "events"
    password = "rabbit-Passw0rd-1" # expect: aws-secrets-hardcoded-property
  }
}

resource "aws_ssm_parameter" "stripe" {
  for_each = toset(["checkout", "billing"])

  name  = "/${each.key}/stripe/api"
  type  = "SecureString"
  value = "stripe-test-value-123" # expect: aws-secrets-hardcoded-property
}
