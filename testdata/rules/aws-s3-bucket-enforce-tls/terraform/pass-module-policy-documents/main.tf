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

resource "aws_kms_key" "storage" {
  description         = "Inventory buckets"
  enable_key_rotation = true
}

# Receives the daily inventory reports of the data lake bucket.
module "inventory" {
  source = "./modules/bucket"

  bucket                              = "acme-inventory-reports"
  kms_key_arn                         = aws_kms_key.storage.arn
  attach_inventory_destination_policy = true
  inventory_source_bucket_arn         = "arn:aws:s3:::acme-data-lake"
  attach_deny_insecure_transport_policy = true
}
