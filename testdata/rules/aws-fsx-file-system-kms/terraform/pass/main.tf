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

resource "aws_fsx_lustre_file_system" "scratch" {
  storage_capacity            = 1200
  subnet_ids                  = ["subnet-0a1b2c3d"]
  deployment_type             = "PERSISTENT_2"
  per_unit_storage_throughput = 125
  kms_key_id                  = aws_kms_key.main.arn
}

resource "aws_fsx_openzfs_file_system" "home" {
  storage_capacity    = 64
  subnet_ids          = ["subnet-0a1b2c3d"]
  deployment_type     = "SINGLE_AZ_1"
  throughput_capacity = 64
  kms_key_id          = aws_kms_key.main.arn
}
