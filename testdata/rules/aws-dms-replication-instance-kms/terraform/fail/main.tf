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

resource "aws_dms_replication_instance" "main" { # expect: aws-dms-replication-instance-kms
  replication_instance_id    = "replicator"
  replication_instance_class = "dms.t3.medium"
  publicly_accessible        = false
}
