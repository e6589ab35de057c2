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
  description         = "Application data"
  enable_key_rotation = true
}

resource "aws_memorydb_cluster" "sessions" {
  name        = "sessions"
  node_type   = "db.r6g.large"
  acl_name    = "open-access"
  tls_enabled = false # expect: aws-memorydb-cluster-tls
}
