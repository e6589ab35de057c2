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

variable "escrow_vault_arn" {
  type        = string
  description = "Vault in the escrow account, shared through the organisation"
}

resource "aws_kms_key" "backup" {
  description         = "Backup vault"
  enable_key_rotation = true
}

resource "aws_backup_vault" "primary" {
  name        = "primary"
  kms_key_arn = aws_kms_key.backup.arn
}

resource "aws_backup_plan" "daily" {
  name = "daily"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.primary.name
    schedule          = "cron(0 3 * * ? *)"

    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-central-1:999988887777:backup-vault:escrow"

      lifecycle {
        delete_after = 365
      }
    }
  }
}

# A vault named by a variable may be the escrow vault.
resource "aws_backup_plan" "weekly" {
  name = "weekly"

  rule {
    rule_name         = "weekly"
    target_vault_name = aws_backup_vault.primary.name
    schedule          = "cron(0 5 ? * SUN *)"

    copy_action {
      destination_vault_arn = var.escrow_vault_arn
    }
  }
}
