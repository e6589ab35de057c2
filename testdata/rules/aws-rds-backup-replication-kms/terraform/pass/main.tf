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

resource "aws_db_instance_automated_backups_replication" "orders" {
  source_db_instance_arn = "arn:aws:rds:eu-west-1:111122223333:db:orders"
  kms_key_id             = "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
