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

variable "team" {
  type    = string
  default = "platform"
}

data "aws_partition" "current" {}

data "aws_iam_policy_document" "assume_ci" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"]
    }
  }
}

resource "aws_iam_role" "ci" {
  name               = "${var.team}-ci"
  assume_role_policy = data.aws_iam_policy_document.assume_ci.json

  inline_policy {
    name = "everything"
    policy = jsonencode({ # expect: aws-iam-policy-admin-wildcard
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      }]
    })
  }
}

resource "aws_iam_role_policy_attachment" "ci_admin" {
  role       = aws_iam_role.ci.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess" # expect: aws-iam-policy-admin-wildcard
}

data "aws_iam_policy" "admin" {
  name = "AdministratorAccess"
}

resource "aws_iam_group_policy_attachment" "ops" {
  group      = "${var.team}-ops"
  policy_arn = data.aws_iam_policy.admin.arn # expect: aws-iam-policy-admin-wildcard
}

data "aws_iam_policy_document" "operator" {
  statement {
    sid       = "ReadLogs"
    actions   = ["logs:GetLogEvents", "logs:FilterLogEvents"]
    resources = ["arn:aws:logs:eu-west-1:123456789012:log-group:/${var.team}/*"]
  }

  statement {
    sid       = "Everything"
    effect    = "Allow"
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "operator" {
  name   = "${var.team}-operator"
  policy = data.aws_iam_policy_document.operator.json # expect: aws-iam-policy-admin-wildcard
}

# The ARN is interpolated, so the text is only partly known.
resource "aws_iam_user_policy" "deployer" {
  name = "deployer"
  user = "${var.team}-deployer"
  policy = jsonencode({ # expect: aws-iam-policy-admin-wildcard
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:PutObject"]
        Resource = "${aws_s3_bucket.releases.arn}/*"
      },
      {
        Effect   = "Allow"
        Action   = "*:*"
        Resource = ["*"]
      },
    ]
  })
}

resource "aws_iam_role_policy" "legacy" {
  name   = "legacy"
  role   = aws_iam_role.ci.id
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}" # expect: aws-iam-policy-admin-wildcard
}

resource "aws_s3_bucket" "releases" {
  bucket = "acme-${var.team}-releases"
}
