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

variable "extra_policy_arns" {
  type        = list(string)
  description = "Managed policies the platform account adds to the CI role"
  default     = []
}

variable "releases_bucket_arn" {
  type        = string
  description = "ARN of the bucket CI publishes releases to"
}

variable "extra_statements_json" {
  type        = string
  description = "Additional statements for the CI policy"
}

data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "assume_ci" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/token.actions.githubusercontent.com"]
    }
  }
}

resource "aws_iam_role" "ci" {
  name               = "${var.team}-ci"
  assume_role_policy = data.aws_iam_policy_document.assume_ci.json
}

resource "aws_iam_role_policy_attachment" "ci_readonly" {
  role       = aws_iam_role.ci.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "ci_extra" {
  for_each   = toset(var.extra_policy_arns)
  role       = aws_iam_role.ci.name
  policy_arn = each.value
}

data "aws_iam_policy_document" "ci" {
  source_policy_documents = [var.extra_statements_json]

  statement {
    sid       = "Releases"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${var.releases_bucket_arn}/*"]
  }

  statement {
    sid       = "Metrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]
  }

  statement {
    sid       = "DenyOutsideEu"
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]

    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1", "eu-central-1"]
    }
  }
}

resource "aws_iam_policy" "ci" {
  name   = "${var.team}-ci"
  policy = data.aws_iam_policy_document.ci.json
}

resource "aws_iam_role_policy_attachment" "ci" {
  role       = aws_iam_role.ci.name
  policy_arn = aws_iam_policy.ci.arn
}

# The shared base document's broad statement is replaced by the narrower
# statement with the same sid.
data "aws_iam_policy_document" "auditor" {
  source_policy_documents = [jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Audit"
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })]

  statement {
    sid       = "Audit"
    actions   = ["cloudtrail:LookupEvents", "config:Get*", "config:List*"]
    resources = ["*"]
  }
}

resource "aws_iam_user_policy" "auditor" {
  name   = "auditor"
  user   = "${var.team}-auditor"
  policy = data.aws_iam_policy_document.auditor.json
}

resource "aws_iam_group_policy" "readers" {
  name  = "readers"
  group = "${var.team}-readers"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      NotAction = ["iam:*", "organizations:*"]
      Resource  = "*"
    }]
  })
}
