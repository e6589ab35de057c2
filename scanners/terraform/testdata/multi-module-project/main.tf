terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "env" {
  type = string
}

variable "buckets" {
  type    = set(string)
  default = []
}

variable "db_password" {
  type      = string
  sensitive = true
}

locals {
  name = "app-${var.env}"
  tags = merge({ Environment = var.env }, { Name = local.name })
}

resource "aws_kms_key" "k" {
  description         = "key for ${local.name}"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "logs" {
  for_each = var.buckets
  bucket   = "${local.name}-${each.key}"
  tags     = local.tags
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  for_each = aws_s3_bucket.logs
  bucket   = each.value.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.k.arn
    }
  }
}

module "network" {
  source = "./modules/network"
  cidr   = "10.0.0.0/16"
  name   = local.name
}

module "db" {
  source     = "./modules/db"
  password   = var.db_password
  kms_key_id = aws_kms_key.k.arn
  vpc_id     = module.network.vpc_id
  ports      = [5432, 6432]
}
