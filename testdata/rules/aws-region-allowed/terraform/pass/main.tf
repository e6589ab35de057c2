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
  region = "eu-central-1"
}

# Supplied by the pipeline; not known statically.
variable "ci_region" {
  type = string
}

provider "aws" {
  alias  = "ci"
  region = var.ci_region
}

resource "aws_s3_bucket" "backups" {
  provider = aws.dr

  versioning {
    enabled = true
  }

  logging {
    target_bucket = "acme-access-logs"
  }

  bucket = "acme-customer-backups-dr"
}

resource "aws_s3_bucket" "exports" {
  versioning {
    enabled = true
  }

  logging {
    target_bucket = "acme-access-logs"
  }

  bucket = "acme-customer-exports"
  region = "eu-central-1"
}

# Both buckets live in eu-central-1, where the key is.
resource "aws_kms_key" "storage" {
  provider            = aws.dr
  description         = "Customer backups and exports"
  enable_key_rotation = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "backups" {
  provider = aws.dr

  bucket = aws_s3_bucket.backups.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.storage.arn
    }
    bucket_key_enabled = true
  }
}

data "aws_iam_policy_document" "backups" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.backups.arn, "${aws_s3_bucket.backups.arn}/*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "backups" {
  provider = aws.dr

  bucket = aws_s3_bucket.backups.id
  policy = data.aws_iam_policy_document.backups.json
}

resource "aws_s3_bucket_server_side_encryption_configuration" "exports" {
  region = "eu-central-1"

  bucket = aws_s3_bucket.exports.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.storage.arn
    }
    bucket_key_enabled = true
  }
}

data "aws_iam_policy_document" "exports" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.exports.arn, "${aws_s3_bucket.exports.arn}/*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "exports" {
  region = "eu-central-1"

  bucket = aws_s3_bucket.exports.id
  policy = data.aws_iam_policy_document.exports.json
}

resource "aws_s3_bucket_public_access_block" "backups" {
  provider = aws.dr

  bucket = aws_s3_bucket.backups.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_public_access_block" "exports" {
  bucket = aws_s3_bucket.exports.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

variable "dr_region" {
  type = string
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.storage.arn
  }

  point_in_time_recovery {
    enabled = true
  }

  replica {
    region_name            = "eu-central-1"
    point_in_time_recovery = true
  }

  # Supplied by the pipeline: not known statically, not judged.
  replica {
    region_name            = var.dr_region
    point_in_time_recovery = true
  }
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_plan" "customers" {
  name = "customers"

  rule {
    rule_name         = "daily"
    target_vault_name = "primary"
    schedule          = "cron(0 3 * * ? *)"

    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }

    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-central-1:123456789012:backup-vault:archive"
    }
  }
}

resource "aws_db_instance_automated_backups_replication" "customers" {
  source_db_instance_arn = "arn:aws:rds:eu-central-1:123456789012:db:customers"
  retention_period       = 14
}
