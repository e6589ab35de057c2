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

resource "aws_sqs_queue" "orders" {
  name              = "orders"
  kms_master_key_id = "alias/orders"
}

resource "aws_sqs_queue_policy" "orders" {
  queue_url = aws_sqs_queue.orders.id
  policy = jsonencode({ # expect: aws-resource-policy-public
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AnyoneSends"
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.orders.arn
    }]
  })
}

data "aws_iam_policy_document" "secret" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf"
  policy     = data.aws_iam_policy_document.secret.json # expect: aws-resource-policy-public
}

resource "aws_kms_key" "data" {
  description         = "Orders data"
  enable_key_rotation = true
  policy = jsonencode({ # expect: aws-resource-policy-public
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Administrators"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "AnyoneEncrypts"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Encrypt", "kms:GenerateDataKey"]
        Resource  = "*"
      },
    ]
  })
}
