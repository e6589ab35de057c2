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

resource "aws_dax_cluster" "sessions" { # expect: aws-dax-cluster-encryption
  cluster_name       = "sessions"
  iam_role_arn       = "arn:aws:iam::111122223333:role/dax-access"
  node_type          = "dax.r5.large"
  replication_factor = 3
}

resource "aws_dax_cluster" "catalog" {
  cluster_name       = "catalog"
  iam_role_arn       = "arn:aws:iam::111122223333:role/dax-access"
  node_type          = "dax.r5.large"
  replication_factor = 1

  server_side_encryption {
    enabled = false # expect: aws-dax-cluster-encryption
  }
}
