terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "us-east-1" # expect: aws-region-allowed
}

variable "dr_bucket_region" {
  type    = string
  default = "us-west-2"
}

resource "aws_s3_bucket" "backups" {
  provider = aws.dr
  bucket   = "acme-customer-backups-dr"
}

# AWS provider v6: a resource may override the provider's region.
resource "aws_s3_bucket" "exports" {
  bucket = "acme-customer-exports"
  region = var.dr_bucket_region # expect: aws-region-allowed
}

# Settings that copy or replicate data into another region.
resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  replica {
    region_name = "eu-central-1"
  }

  replica {
    region_name = "us-east-2" # expect: aws-region-allowed
  }
}

resource "aws_backup_plan" "customers" {
  name = "customers"

  rule {
    rule_name         = "daily"
    target_vault_name = "primary"
    schedule          = "cron(0 3 * * ? *)"

    copy_action {
      destination_vault_arn = "arn:aws:backup:us-west-2:123456789012:backup-vault:dr" # expect: aws-region-allowed
    }
  }
}

# Created in the provider's region (eu-west-1), replicating backups of an
# instance that lives in ca-central-1.
resource "aws_db_instance_automated_backups_replication" "customers" {
  source_db_instance_arn = "arn:aws:rds:ca-central-1:123456789012:db:customers" # expect: aws-region-allowed
  retention_period       = 14
}

resource "aws_secretsmanager_secret" "api_key" {
  name = "api-key"

  replica {
    region = "ap-southeast-2" # expect: aws-region-allowed
  }
}
