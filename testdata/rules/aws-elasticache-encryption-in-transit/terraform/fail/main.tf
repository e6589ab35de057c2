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

resource "aws_kms_key" "main" {
  description         = "Search and cache data"
  enable_key_rotation = true
}

resource "aws_elasticache_replication_group" "sessions" { # expect: aws-elasticache-encryption-at-rest, aws-elasticache-encryption-in-transit
  replication_group_id = "sessions"
  description          = "User sessions"
  engine               = "redis"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 2
}

resource "aws_elasticache_replication_group" "queue" {
  replication_group_id       = "jobs"
  description                = "Job queue"
  engine                     = "valkey"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = false # expect: aws-elasticache-encryption-at-rest
  transit_encryption_enabled = true
  transit_encryption_mode    = "preferred" # expect: aws-elasticache-encryption-in-transit
}

resource "aws_elasticache_cluster" "pages" { # expect: aws-elasticache-encryption-in-transit
  cluster_id      = "page-cache"
  engine          = "memcached"
  engine_version  = "1.6.22"
  node_type       = "cache.t4g.micro"
  num_cache_nodes = 2
}
