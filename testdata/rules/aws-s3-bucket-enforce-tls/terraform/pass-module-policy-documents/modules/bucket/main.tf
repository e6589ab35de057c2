# A bucket module in the style of terraform-aws-modules/s3-bucket: the
# bucket policy combines the statements the caller switches on.
variable "bucket" {
  type = string
}

variable "kms_key_arn" {
  type = string
}

variable "attach_deny_insecure_transport_policy" {
  type    = bool
  default = false
}

variable "attach_inventory_destination_policy" {
  type    = bool
  default = false
}

variable "inventory_source_bucket_arn" {
  type    = string
  default = null
}

variable "attach_policy" {
  type    = bool
  default = false
}

variable "policy" {
  type    = string
  default = null
}

locals {
  attach_policy = var.attach_deny_insecure_transport_policy || var.attach_inventory_destination_policy || var.attach_policy
}

resource "aws_s3_bucket" "this" {
  versioning {
    enabled = true
  }

  logging {
    target_bucket = "acme-access-logs"
  }

  bucket = var.bucket
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = true
  }
}

data "aws_iam_policy_document" "deny_insecure_transport" {
  count = var.attach_deny_insecure_transport_policy ? 1 : 0

  statement {
    sid       = "denyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

data "aws_iam_policy_document" "inventory_destination" {
  count = var.attach_inventory_destination_policy ? 1 : 0

  statement {
    sid       = "destinationInventoryPolicy"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.this.arn}/*"]

    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [var.inventory_source_bucket_arn]
    }
  }
}

data "aws_iam_policy_document" "combined" {
  count = local.attach_policy ? 1 : 0

  source_policy_documents = compact([
    var.attach_deny_insecure_transport_policy ? data.aws_iam_policy_document.deny_insecure_transport[0].json : "",
    var.attach_inventory_destination_policy ? data.aws_iam_policy_document.inventory_destination[0].json : "",
    var.attach_policy ? var.policy : "",
  ])
}

resource "aws_s3_bucket_policy" "this" {
  count = local.attach_policy ? 1 : 0

  bucket = aws_s3_bucket.this.id
  policy = data.aws_iam_policy_document.combined[0].json
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
